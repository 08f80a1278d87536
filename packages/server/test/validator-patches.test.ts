// express-openapi-validator is patched (patches/express-openapi-validator@5.6.2.patch). One patch
// builds its checker of the API document against the OpenAPI meta-schema only when it is asked to
// check (validateApiSpec): unpatched, production compiled it at every start (~190 ms) and threw it
// away. These check that it is still built and used in development, and never in production.
// Another makes its route lookup test each route's precompiled regexp and nothing else until one
// matches (unpatched, it read the app's routing settings and the route's schema for every route
// of the document on every request); these check that it still matches what it matched.
// A third lets a request to an operation that declares no parameter and no body through without
// the per-request checks that could not fail; these check that everything else is still checked.
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
// The validator's per-request parameter handling (URL parse, query rewrite), as it calls it.
const mutatorModule = createRequire(import.meta.url)('express-openapi-validator/dist/middlewares/parsers/req.parameter.mutator.js') as {
  RequestParameterMutator: { prototype: { modifyRequest(req: unknown): void } };
};
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

const operation = (operationId: string, parameters: unknown[] = []) => ({ operationId, parameters, responses: { 200: { description: 'ok' } } });
const ROUTES = {
  openapi: '3.1.0',
  info: { title: 'routes', version: '1' },
  paths: {
    '/a': { get: operation('getA') },
    '/b': { get: operation('getB'), post: operation('postB') },
    '/items/{id}': { get: operation('getItem', [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]) },
    '/items/{id}/parts': { get: operation('getParts', [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]) },
    '/z': { get: operation('getZ') },
  },
};

/** An app that answers with the operation and path parameters the validator matched. */
async function routesApp(configure: (app: express.Express) => void = () => undefined) {
  const app = express();
  configure(app);
  app.use(OpenApiValidator.middleware({ apiSpec: structuredClone(ROUTES) as never, validateRequests: { allowUnknownQueryParameters: true }, validateResponses: false }));
  app.use((req, res) => {
    const matched = (req as express.Request & { openapi: { schema: { operationId: string }; pathParams: Record<string, string> } }).openapi;
    res.json({ operationId: matched.schema.operationId, pathParams: matched.pathParams });
  });
  app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(error.status ?? 500).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app,
    async call(method: string, path: string) {
      const res = await fetch(base + path, { method });
      return { status: res.status, body: res.status === 200 ? ((await res.json()) as unknown) : undefined };
    },
    close: () => server.close(),
  };
}

describe('the patched validator and its route lookup', () => {
  it('matches each documented operation, with its path parameters decoded', async () => {
    const routes = await routesApp();
    try {
      expect(await routes.call('GET', '/a')).toEqual({ status: 200, body: { operationId: 'getA', pathParams: {} } });
      expect(await routes.call('POST', '/b')).toEqual({ status: 200, body: { operationId: 'postB', pathParams: {} } });
      expect(await routes.call('GET', '/items/x%20y')).toEqual({ status: 200, body: { operationId: 'getItem', pathParams: { id: 'x y' } } });
      expect(await routes.call('GET', '/items/7/parts?full=1')).toEqual({ status: 200, body: { operationId: 'getParts', pathParams: { id: '7' } } });
      expect(await routes.call('GET', '/z')).toEqual({ status: 200, body: { operationId: 'getZ', pathParams: {} } });
    } finally {
      routes.close();
    }
  });

  it('answers 404 for an undocumented path, 405 for an undocumented method and 400 for a malformed escape', async () => {
    const routes = await routesApp();
    try {
      expect((await routes.call('GET', '/nowhere')).status).toBe(404);
      expect((await routes.call('DELETE', '/a')).status).toBe(405);
      expect((await routes.call('GET', '/items/%E0%A4%A')).status).toBe(400);
    } finally {
      routes.close();
    }
  });

  it("follows the app's case-sensitive routing setting", async () => {
    const insensitive = await routesApp();
    const sensitive = await routesApp((app) => app.enable('case sensitive routing'));
    try {
      expect((await insensitive.call('GET', '/A')).status).toBe(200);
      expect((await sensitive.call('GET', '/A')).status).toBe(404);
    } finally {
      insensitive.close();
      sensitive.close();
    }
  });

  it("reads the app's routing settings once per request, not once per documented route", async () => {
    const routes = await routesApp();
    try {
      await routes.call('GET', '/z');
      const enabled = vi.spyOn(routes.app, 'enabled');
      expect(await routes.call('GET', '/z')).toMatchObject({ status: 200 });
      expect(enabled.mock.calls.filter(([setting]) => setting === 'strict routing')).toHaveLength(1);
    } finally {
      routes.close();
    }
  });
});

const CHECKED = {
  openapi: '3.1.0',
  info: { title: 'checked', version: '1' },
  paths: {
    '/plain': { get: operation('getPlain') },
    '/query': { get: operation('getQuery', [{ name: 'n', in: 'query', required: true, schema: { type: 'integer' } }]) },
    '/header': { get: operation('getHeader', [{ name: 'x-token', in: 'header', required: true, schema: { type: 'string', minLength: 3 } }]) },
    '/strict': { get: { ...operation('getStrict'), 'x-eov-allow-unknown-query-parameters': false } },
    '/body': {
      post: {
        ...operation('postBody'),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } },
        },
      },
    },
  },
};

/** An app behind the validator (unknown query parameters allowed, as in ours) that answers 200 when let through. */
async function checkedApp() {
  const app = express();
  app.use(express.json());
  app.use(OpenApiValidator.middleware({ apiSpec: structuredClone(CHECKED) as never, validateRequests: { allowUnknownQueryParameters: true }, validateResponses: false }));
  app.use((_req, res) => void res.json({ ok: true }));
  app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(error.status ?? 500).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    status: async (path: string, init: RequestInit = {}) => (await fetch(base + path, init)).status,
    close: () => server.close(),
  };
}

describe('the patched validator and operations with nothing to check', () => {
  it('still checks declared query parameters, headers and bodies', async () => {
    const checked = await checkedApp();
    try {
      expect(await checked.status('/query?n=abc')).toBe(400);
      expect(await checked.status('/query')).toBe(400);
      expect(await checked.status('/query?n=3')).toBe(200);
      expect(await checked.status('/header')).toBe(400);
      expect(await checked.status('/header', { headers: { 'x-token': 'ab' } })).toBe(400);
      expect(await checked.status('/header', { headers: { 'x-token': 'abc' } })).toBe(200);
      const post = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(await checked.status('/body', post('{}'))).toBe(400);
      expect(await checked.status('/body', post('{"a":"x"}'))).toBe(200);
    } finally {
      checked.close();
    }
  });

  it('still refuses unknown query parameters where an operation forbids them', async () => {
    const checked = await checkedApp();
    try {
      expect(await checked.status('/strict')).toBe(200);
      expect(await checked.status('/strict?x=1')).toBe(400);
    } finally {
      checked.close();
    }
  });

  it('lets a request to an operation with no parameter and no body through without the per-request checks', async () => {
    const checked = await checkedApp();
    const modifyRequest = vi.spyOn(mutatorModule.RequestParameterMutator.prototype, 'modifyRequest');
    try {
      expect(await checked.status('/plain?anything=1')).toBe(200);
      expect(modifyRequest).not.toHaveBeenCalled();
      // The spy sees the checks where they still run: declared parameters, or a request with a content type.
      expect(await checked.status('/query?n=3')).toBe(200);
      expect(await checked.status('/plain', { headers: { 'content-type': 'text/plain' } })).toBe(200);
      expect(modifyRequest).toHaveBeenCalledTimes(2);
    } finally {
      modifyRequest.mockRestore();
      checked.close();
    }
  });
});
