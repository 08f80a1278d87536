// express-openapi-validator is patched (patches/express-openapi-validator@5.6.2.patch). One patch
// builds its checker of the API document against the OpenAPI meta-schema only when it is asked to
// check (validateApiSpec): unpatched, production compiled it at every start (~190 ms) and threw it
// away. These check that it is still built and used in development, and never in production.
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSpec } from '../src/http/spec.js';

// The validator's own module, as its framework loads it (CommonJS: one shared exports object).
const schemaValidatorModule = createRequire(import.meta.url)('express-openapi-validator/dist/framework/openapi.schema.validator.js') as {
  OpenAPISchemaValidator: new (options: unknown) => { validate(document: unknown): { errors: unknown[] } };
};
const Original = schemaValidatorModule.OpenAPISchemaValidator;
afterEach(() => {
  schemaValidatorModule.OpenAPISchemaValidator = Original;
});

/** Counts meta-schema checkers built, serves one request through the validator, returns its status. */
async function serveOnce(document: unknown, validateApiSpec: boolean) {
  const built = vi.fn();
  schemaValidatorModule.OpenAPISchemaValidator = class extends Original {
    constructor(options: unknown) {
      super(options);
      built(options);
    }
  };
  const app = express();
  app.use(OpenApiValidator.middleware({ apiSpec: document as never, validateApiSpec, validateRequests: true, validateResponses: false }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(error.status ?? 500).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return { status: res.status, built: built.mock.calls.length };
  } finally {
    server.close();
  }
}

describe('the patched validator and the OpenAPI meta-schema', () => {
  it('with validateApiSpec (development, tests) builds the checker and serves a valid document', async () => {
    expect(await serveOnce(structuredClone(loadSpec().document), true)).toEqual({ status: 200, built: 1 });
  });

  it('with validateApiSpec still refuses a document the meta-schema rejects', async () => {
    const broken = { ...structuredClone(loadSpec().document), info: { title: 42 } };
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await serveOnce(broken, true);
    expect(result.built).toBe(1);
    expect(result.status).toBe(500);
    expect(reported).toHaveBeenCalledWith(expect.stringContaining('validation errors'), expect.stringContaining('must be string'));
    reported.mockRestore();
  });

  it('without validateApiSpec (production) never builds it', async () => {
    expect(await serveOnce(structuredClone(loadSpec().document), false)).toEqual({ status: 200, built: 0 });
  });
});
