// What every client can send: unknown routes, wrong methods, huge bodies, probes.
// The answer is always JSON in a documented shape, never a 5xx, HTML or a stack.
import { readFileSync } from 'node:fs';
import { specPath } from '@checkout/contract/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

describe.each(STORE_KINDS)('HTTP edges on %s', (kind) => {
  let server: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startServer(kind);
    const key = await server.createApiKey();
    auth = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
  });
  afterAll(() => server?.close());

  it('an unknown route is a 404 JSON envelope', async () => {
    const res = await server.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ success: false, message: 'Not Found', data: null });
  });

  it('a wrong method on a known path is 405 with an Allow header', async () => {
    const res = await server.request('GET', '/api/checkout/token/developer');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.json).toMatchObject({ success: false, message: 'Method Not Allowed' });
  });

  it('a body over 64 KiB is a 413 JSON envelope', async () => {
    const body = JSON.stringify({ amount: 1, email: 'big@example.com', padding: 'x'.repeat(70 * 1024) });
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ success: false, data: null, message: expect.stringContaining('64 KiB') });
  });

  it('a body just under 64 KiB is read (and judged on its content)', async () => {
    const body = JSON.stringify({ amount: 1, email: 'big@example.com', currency: 'x'.repeat(60 * 1024) });
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body });
    expect(res.status).toBe(422);
    expect(res.json.detail[0].type).toBe('string_too_long');
  });

  it('GET /healthz answers {"status":"ok"}', async () => {
    const { data, response } = await server.client().raw.GET('/healthz');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database', async () => {
    const { data, response } = await server.client().raw.GET('/readyz');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ready', checks: { database: 'ok', shutdown: 'running' } });
  });

  it('GET /openapi.yaml serves the exact contract', async () => {
    const res = await server.request('GET', '/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.text).toBe(readFileSync(specPath, 'utf8'));
  });

  it('answers every response with an X-Request-Id, echoing a well-formed incoming one', async () => {
    const res = await server.request('GET', '/healthz', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const fresh = await server.request('GET', '/healthz', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('undeclared query parameters are ignored, as FastAPI does', async () => {
    const res = await server.request('GET', '/healthz?debug=1');
    expect(res.status).toBe(200);
  });

  it('extra body fields, __proto__ included, are ignored as pydantic does and pollute nothing', async () => {
    const body = '{"amount": 1, "email": "p@example.com", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}';
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body });
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a 422 for a pathologically deep input still answers JSON, with the echoed input cut short', async () => {
    const body = `{"amount": 1, "email": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body });
    expect(res.status).toBe(422);
    expect(res.json.detail[0]).toMatchObject({ type: 'string_type', loc: ['body', 'email'] });
    expect(JSON.stringify(res.json).length).toBeLessThan(1000);
  });

  it.each([
    ['deeply nested JSON', `{"amount": 1, "email": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0xff, 0xfe, 0x22, 0x7d])],
    ['a NUL byte', '{"amount": 1, "email": "a\\u0000@example.com"}'],
    ['a huge number', '{"amount": 1e400, "email": "a@example.com"}'],
  ])('%s is a 4xx, never a 5xx', async (_name, body) => {
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('marks API answers (tokens, sessions, errors) as not cacheable and not to be sniffed', async () => {
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: auth, body: JSON.stringify({ amount: 1, email: 'cache@example.com' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const error = await server.request('GET', '/api/checkout/session');
    expect(error.headers.get('cache-control')).toBe('no-store');
  });

  it('does not advertise the framework', async () => {
    const res = await server.request('GET', '/healthz');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
