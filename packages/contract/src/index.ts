// Types only, so browser bundles can import this module freely. Node tools that need
// the spec file itself import '@checkout/contract/spec'.
export type { components, operations, paths } from './schema.gen.js';
import type { components, operations } from './schema.gen.js';

/** Every named schema of the spec, e.g. `Schemas['CheckoutTokenResponse']`. */
export type Schemas = components['schemas'];

/** The request body type of an operation, by operationId. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The JSON body type of an operation's response for one status code. */
export type ResponseBody<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer B } }
  ? B
  : never;
