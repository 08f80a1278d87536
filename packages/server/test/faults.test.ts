// Faults: the database blinks (a real TCP proxy in front of PostgreSQL is cut and restored);
// the process stays up, answers 503, and recovers by itself. A server-side failure is a 500
// envelope without a stack, logged once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';
import type { TestStore } from '@checkout/test-support';
import { createProxiedPostgresStore, type TcpProxy } from './support/tcp-proxy.js';

describe('database outage (PostgreSQL behind a cut proxy)', () => {
  let database: Awaited<ReturnType<typeof createProxiedPostgresStore>>;
  let store: TestStore;
  let proxy: TcpProxy;
  let server: TestServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    database = await createProxiedPostgresStore();
    ({ store, proxy } = database);
    server = await startServer('postgresql', { DATABASE_URL: database.databaseUrl, CACHE_TTL_SECONDS: '0' }, { store });
    const key = await server.createApiKey();
    headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const mint = () => server.request('POST', '/api/checkout/token/developer', { headers, body: JSON.stringify({ amount: 1, email: `db-${randomBytes(4).toString('hex')}@example.com` }) });

  it('serves normally through the proxy', async () => {
    expect((await mint()).status).toBe(200);
    expect((await server.request('GET', '/readyz')).status).toBe(200);
  });

  it('while the database is unreachable: readiness 503, requests 503 envelopes with Retry-After, liveness 200', async () => {
    proxy.cut();
    try {
      const ready = await server.request('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json).toEqual({ status: 'unavailable', checks: { database: 'error', shutdown: 'running' } });
      for (let i = 0; i < 5; i++) {
        const res = await mint();
        expect(res.status).toBe(503);
        expect(res.json).toEqual({ success: false, message: 'Service temporarily unavailable, please retry', data: null, queryGeneratedTime: expect.any(Number), error_code: 'service_unavailable' });
        expect(res.headers.get('retry-after')).toBe('1');
      }
      expect((await server.request('GET', '/healthz')).status).toBe(200);
    } finally {
      proxy.restore();
    }
  });

  it('recovers by itself when the database returns', async () => {
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await mint()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await server.request('GET', '/readyz')).status).toBe(200);
  });

  it('never loses a session it answered 200 for, across the outage', async () => {
    const tokens: string[] = [];
    const results: number[] = [];
    const run = async () => {
      for (let i = 0; i < 20; i++) {
        const res = await mint();
        results.push(res.status);
        if (res.status === 200) tokens.push(res.json.data.checkout_token);
      }
    };
    const load = Promise.all([run(), run(), run()]);
    await new Promise((r) => setTimeout(r, 30));
    proxy.cut();
    await new Promise((r) => setTimeout(r, 200));
    proxy.restore();
    await load;
    const context = `${JSON.stringify(results)}\n${server.logs.filter((l) => l.includes('"statusCode":500')).slice(0, 2).join('\n')}`;
    // On failure, the statuses and the first 500s logged say what happened.
    expect(results.every((s) => s === 200 || s === 503), context).toBe(true);
    for (const token of tokens) {
      const res = await server.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    }
  });
});

describe('unexpected server-side failure', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No cache: the test corrupts a stored key behind the server's back and expects it read at once.
    server = await startServer('sqlite', { CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => server?.close());

  it('answers a 500 envelope without a stack, and logs the error once with the request id', async () => {
    const key = await server.createApiKey();
    const headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
    const body = JSON.stringify({ amount: 1, email: 'boom@example.com' });
    expect((await server.request('POST', '/api/checkout/token/developer', { headers, body })).status).toBe(200);
    // Corrupt the stored signing key: decryption now fails inside the request.
    await server.store.query(`UPDATE "SigningKey" SET ciphertext = 'AAAA' || substr(ciphertext, 5) WHERE "initiatorId" = ?`, [key.initiator_id]);
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: { ...headers, 'X-Request-Id': 'boom-request-1' }, body });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ success: false, message: 'Internal Server Error', data: null, queryGeneratedTime: expect.any(Number), error_code: 'internal_error' });
    expect(res.text).not.toMatch(/at .+:\d+:\d+|Error:|decipher/i);
    const lines = server.logs.filter((line) => line.includes('boom-request-1'));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry.level).toBe(50);
    expect(entry.err.stack).toBeTypeOf('string');
    expect(entry.res.statusCode).toBe(500);
  });
});
