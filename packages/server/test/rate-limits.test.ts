// Rate limits: per API key on token creation, per checkout token on SDK calls, per client
// address on failed authentication; 429 envelope with Retry-After and RateLimit-* headers;
// shared across instances through Redis.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PATH = '/api/checkout/token/developer';
const body = (email = 'rl@example.com') => JSON.stringify({ amount: 1, email });

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));
async function server(env: Record<string, string>) {
  const s = await startServer('sqlite', env);
  servers.push(s);
  return s;
}
const auth = (k: { api_key: string; api_secret: string }) => ({ 'X-Api-Key': k.api_key, 'X-Api-Secret': k.api_secret, 'content-type': 'application/json' });

describe('per API key limit on token creation', () => {
  it('allows the configured number per minute, then answers 429 with Retry-After and RateLimit-* headers', async () => {
    const s = await server({ RATE_LIMIT_TOKENS_PER_MINUTE: '3' });
    const key = await s.createApiKey();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await s.request('POST', PATH, { headers: auth(key), body: body() });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await s.request('POST', PATH, { headers: auth(key), body: body() });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ success: false, message: 'Too many requests, retry later', data: null, queryGeneratedTime: expect.any(Number), error_code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe(limited.headers.get('retry-after'));
  });

  it('counts each API key separately', async () => {
    const s = await server({ RATE_LIMIT_TOKENS_PER_MINUTE: '1' });
    const a = await s.createApiKey('A');
    const b = await s.createApiKey('B');
    expect((await s.request('POST', PATH, { headers: auth(a), body: body() })).status).toBe(200);
    expect((await s.request('POST', PATH, { headers: auth(a), body: body() })).status).toBe(429);
    expect((await s.request('POST', PATH, { headers: auth(b), body: body() })).status).toBe(200);
  });

  it('0 disables the limit', async () => {
    const s = await server({ RATE_LIMIT_TOKENS_PER_MINUTE: '0' });
    const key = await s.createApiKey();
    for (let i = 0; i < 5; i++) expect((await s.request('POST', PATH, { headers: auth(key), body: body() })).status).toBe(200);
  });
});

describe('brute-force guard on failed authentication', () => {
  it('blocks a client address after N failures, even with the right credentials, and says so', async () => {
    const s = await server({ RATE_LIMIT_AUTH_FAILURES: '3', TRUST_PROXY: '1' });
    const key = await s.createApiKey();
    const from = (ip: string, headers: Record<string, string>) => ({ ...headers, 'X-Forwarded-For': ip });
    const wrong = { ...auth(key), 'X-Api-Secret': 'wrong' };
    for (let i = 0; i < 3; i++) expect((await s.request('POST', PATH, { headers: from('203.0.113.7', wrong), body: body() })).status).toBe(401);
    const blocked = await s.request('POST', PATH, { headers: from('203.0.113.7', auth(key)), body: body() });
    expect(blocked.status).toBe(429);
    expect(blocked.json.message).toBe('Too many failed authentication attempts, retry later');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await s.request('POST', PATH, { headers: from('198.51.100.2', auth(key)), body: body() })).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted, so a client cannot rotate its way past the guard', async () => {
    const s = await server({ RATE_LIMIT_AUTH_FAILURES: '3' });
    const key = await s.createApiKey();
    const wrong = { ...auth(key), 'X-Api-Secret': 'wrong' };
    for (let i = 0; i < 3; i++) {
      expect((await s.request('POST', PATH, { headers: { ...wrong, 'X-Forwarded-For': `203.0.113.${i}` }, body: body() })).status).toBe(401);
    }
    const blocked = await s.request('POST', PATH, { headers: { ...auth(key), 'X-Forwarded-For': '198.51.100.9' }, body: body() });
    expect(blocked.status).toBe(429);
  });

  it('counts bad checkout tokens on the SDK calls too', async () => {
    const s = await server({ RATE_LIMIT_AUTH_FAILURES: '2' });
    for (let i = 0; i < 2; i++) expect((await s.request('GET', '/api/checkout/session', { headers: { Authorization: 'Bearer a.b.c' } })).status).toBe(401);
    expect((await s.request('GET', '/api/checkout/session', { headers: { Authorization: 'Bearer a.b.c' } })).status).toBe(429);
  });
});

describe('per token limit on SDK calls', () => {
  it('limits each checkout token on its own', async () => {
    const s = await server({ RATE_LIMIT_SDK_CALLS_PER_MINUTE: '2' });
    const key = await s.createApiKey();
    const mint = async () => (await s.request('POST', PATH, { headers: auth(key), body: body() })).json.data.checkout_token as string;
    const [t1, t2] = [await mint(), await mint()];
    const get = (t: string) => s.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${t}` } });
    expect((await get(t1)).status).toBe(200);
    expect((await get(t1)).status).toBe(200);
    const limited = await get(t1);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await get(t2)).status).toBe(200);
  });
});

describe('limits shared through Redis', () => {
  it('two server instances with one REDIS_URL share one limit', async () => {
    const env = { RATE_LIMIT_TOKENS_PER_MINUTE: '4', REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}` };
    const a = await server(env);
    // Same database for both instances, so the API key is valid on each.
    const b = await server({ ...env, DATABASE_URL: a.store.databaseUrl, MASTER_KEY: a.service.config.masterKey! });
    const key = await a.createApiKey();
    const statuses = [];
    for (const s of [a, b, a, b, a, b]) statuses.push((await s.request('POST', PATH, { headers: auth(key), body: body() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('keeps limiting (per instance, in memory) when Redis is unreachable', async () => {
    const s = await server({ RATE_LIMIT_TOKENS_PER_MINUTE: '2', REDIS_URL: 'redis://127.0.0.1:1' });
    const key = await s.createApiKey();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.request('POST', PATH, { headers: auth(key), body: body() })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
