// What a handler receives for each request. Its shape matters for memory as well as for types: a
// getter in this per-request object put its accessor pair in V8's old space, which kept every
// request's objects alive through young-generation collections (packages/bench/README.md).
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../src/http/app-server.js';
import { jsonBody } from '../src/http/json-body.js';
import { bindOperations, type HandlerContext, type OperationHandlers, type OperationId } from '../src/http/operations.js';
import { operationsOf } from '@checkout/contract/openapi';
import { loadSpec } from '../src/http/spec.js';

const spec = loadSpec();
const tokenOp = operationsOf(spec.document).find(({ method, path }) => method === 'post' && path === '/api/checkout/token/developer')!;
const seen: HandlerContext<OperationId>[] = [];
// One recording handler for every operation of the spec, answering a documented error.
const handlers = new Proxy({} as OperationHandlers, {
  get: () => (ctx: HandlerContext<OperationId>) => {
    seen.push(ctx);
    return { status: 422, body: { detail: [] } };
  },
});

let base = '';
let close: () => void = () => {};
beforeAll(async () => {
  const app = express();
  app.use(jsonBody);
  // Stands in for the validator's metadata step: the operation it matched, with defaults applied.
  app.use((req, _res, next) => {
    (req as unknown as { openapi: unknown }).openapi = { schema: { operationId: tokenOp.operation.operationId } };
    req.body = { ...req.body, currency: 'USD' };
    next();
  });
  app.use(bindOperations(spec, handlers));
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('the context a handler receives', () => {
  it('is plain data: no property is an accessor', async () => {
    const res = await fetch(`${base}/api/checkout/token/developer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Api-Key': 'k' },
      body: JSON.stringify({ amount: 5 }),
    });
    expect(res.status).toBe(422);
    const ctx = seen.at(-1)!;
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(ctx)).filter(([, d]) => d.get || d.set).map(([name]) => name);
    expect(accessors).toEqual([]);
  });

  it('gives the body with defaults, and the body exactly as sent on request', async () => {
    await fetch(`${base}/api/checkout/token/developer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 7 }),
    });
    const ctx = seen.at(-1)!;
    expect(ctx.body).toEqual({ amount: 7, currency: 'USD' });
    expect(ctx.originalBody()).toEqual({ amount: 7 });
  });
});
