// What one generated request carries, before credentials are added: path, query and
// header parameters (credential headers excluded: the sender fills them) and the body.
import fc from 'fast-check';
import type { RuleFile } from '../rules.js';
import type { Operation, Parameter } from '../spec.js';
import type { Validator } from '../validator.js';
import { type GenerationContext, positiveArbitrary } from './positive.js';
import { invalidity } from './validity.js';

export interface RequestData {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  /** undefined: no body is sent. */
  body: unknown;
}

/** Parameters the kit generates: every one but the credential headers. */
export function generatedParameters(operation: Operation, ruleFile: RuleFile): Parameter[] {
  return operation.parameters.filter((p) => p.in !== 'cookie' && !(p.in === 'header' && ruleFile.credentialHeaders.has(p.name.toLowerCase())));
}

function parametersArbitrary(ctx: GenerationContext, parameters: Parameter[], location: Parameter['in']): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const p of parameters.filter((p) => p.in === location)) {
    // Parameters are strings on the wire: null and objects cannot be sent faithfully.
    model[p.name] = positiveArbitrary(ctx, p.schema, { header: location === 'header' }).filter((v) => v !== null && v !== undefined && typeof v !== 'object');
    if (p.required) requiredKeys.push(p.name);
  }
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

export function positiveRequestArbitrary(ctx: GenerationContext, operation: Operation, ruleFile: RuleFile): fc.Arbitrary<RequestData> {
  const parameters = generatedParameters(operation, ruleFile);
  const body = operation.requestBody;
  return fc.record({
    path: parametersArbitrary(ctx, parameters, 'path'),
    query: parametersArbitrary(ctx, parameters, 'query'),
    header: parametersArbitrary(ctx, parameters, 'header'),
    body: body ? positiveArbitrary(ctx, body.schema) : fc.constant(undefined),
  });
}

/** Why the request data is not valid for the operation (empty when it is). */
export function requestInvalidity(ctx: GenerationContext, validator: Validator, operation: Operation, ruleFile: RuleFile, data: RequestData): string[] {
  const reasons: string[] = [];
  for (const p of generatedParameters(operation, ruleFile)) {
    const value = data[p.in as 'path' | 'query' | 'header'][p.name];
    if (value === undefined) {
      if (p.required) reasons.push(`${p.in} parameter ${p.name} is missing`);
      continue;
    }
    const errors = validator.errors(p.pointer, coerceParameter(p, value));
    reasons.push(...errors.map((e) => `${p.in} parameter ${p.name}: ${e}`));
  }
  const body = operation.requestBody;
  if (body) {
    if (data.body === undefined) {
      if (body.required) reasons.push('the request body is missing');
    } else {
      reasons.push(...invalidity(ctx, validator, body.pointer, body.schema, data.body));
    }
  }
  return reasons;
}

/**
 * A parameter as the server will read it: its text, converted back to the schema's
 * scalar type where the text allows (as OpenAPI servers do), so "12" is an integer.
 */
export function coerceParameter(p: Parameter, value: unknown): unknown {
  const text = String(value);
  const types = new Set([p.schema.type, ...(p.schema.anyOf ?? []).map((b) => b.type)].flat().filter((t) => typeof t === 'string'));
  if ((types.has('integer') || types.has('number')) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
