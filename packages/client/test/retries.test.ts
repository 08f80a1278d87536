// Retries only where they are safe, bounded, honouring Retry-After, and cancellable — against a
// real HTTP server on 127.0.0.1 that answers each request as the test scripts it (503, 429,
// a dropped connection, …) and records what it received.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCheckoutClient, isSafeToRetry, retryAfterMs } from '../src/index.js';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'drop';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const SESSION = {
  success: true,
  message: 'Success',
  data: {
    session_id: '7d0e4c1a-3b5f-4a8e-9c2d-1f6b8a3e5d70',
    status: 'open',
    amount: 49.99,
    currency: 'USD',
    expires_at: '2026-11-25T18:24:24.000Z',
    completed_at: null,
    merchant: { display_name: 'Demo Coffee Roasters' },
    payer: { email: 'j***@example.com', phone: null, phone_country_code: null },
  },
  queryGeneratedTime: 1795629400.118,
};
const TOKEN = { success: true, message: 'Success', data: { checkout_token: 'a.b.c', expires_at: '2026-11-25T18:24:24.000Z' }, queryGeneratedTime: 1 };
const unavailable = (retryAfter?: string): Reply => ({
  status: 503,
  headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  body: { success: false, message: 'Service temporarily unavailable, please retry', data: null, queryGeneratedTime: 1, error_code: 'service_unavailable' },
});

let server: Server;
let baseUrl: string;
let script: Reply[] = [];
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const reply = script.shift() ?? { status: 500, body: { success: false, message: 'script ran out', data: null, queryGeneratedTime: 1 } };
      if (reply === 'drop') return void req.socket.destroy();
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  script = [];
  received = [];
});

const fast = { baseDelayMs: 5, maxDelayMs: 2_000 };
const client = (retry: Parameters<typeof createCheckoutClient>[0]['retry'] = fast) => createCheckoutClient({ baseUrl, apiKey: 'key', apiSecret: 'secret', retry });
const body = { email: 'jane@example.com', amount: 49.99 };

describe('reads (GET) are retried', () => {
  it('after a 503, until an answer', async () => {
    script = [unavailable('0'), unavailable(), { status: 200, body: SESSION }];
    const { data } = await client().getSession('token');
    expect(data?.data?.status).toBe('open');
    expect(received.map((r) => r.path)).toEqual(['/api/checkout/session', '/api/checkout/session', '/api/checkout/session']);
    expect(received.every((r) => r.headers.authorization === 'Bearer token')).toBe(true);
  });

  it('after a dropped connection', async () => {
    script = ['drop', { status: 200, body: SESSION }];
    expect((await client().getSession('token')).response.status).toBe(200);
    expect(received).toHaveLength(2);
  });

  it('at most `attempts` times; the last answer is returned as a typed error value', async () => {
    script = [unavailable('0'), unavailable('0'), unavailable('0'), unavailable('0')];
    const { error, response } = await client({ ...fast, attempts: 3 }).getSession('token');
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ success: false, error_code: 'service_unavailable' });
    expect(received).toHaveLength(3);
  });

  it('after waiting as long as Retry-After says', async () => {
    script = [{ status: 429, headers: { 'Retry-After': '1' }, body: { success: false, message: 'Too many requests, retry later', data: null, queryGeneratedTime: 1 } }, { status: 200, body: SESSION }];
    const started = Date.now();
    expect((await client().getSession('token')).response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(received).toHaveLength(2);
  });

  it('not when Retry-After asks for longer than maxDelayMs: that answer is returned at once', async () => {
    script = [{ status: 429, headers: { 'Retry-After': '60' }, body: { success: false, message: 'Too many requests, retry later', data: null, queryGeneratedTime: 1 } }];
    const started = Date.now();
    const { response } = await client().getSession('token');
    expect(response.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(500);
    expect(received).toHaveLength(1);
  });

  it('not after a 4xx that retrying cannot fix (401)', async () => {
    script = [{ status: 401, body: { success: false, message: 'Invalid checkout token', data: null, queryGeneratedTime: 1, error_code: 'token_invalid' } }];
    expect((await client().getSession('token')).response.status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('never with retry: false', async () => {
    script = [unavailable('0'), { status: 200, body: SESSION }];
    expect((await client(false).getSession('token')).response.status).toBe(503);
    expect(received).toHaveLength(1);
  });
});

describe('token creation (POST) is retried only with an Idempotency-Key', () => {
  it('without a key: sent once, even after a 503', async () => {
    script = [unavailable('0'), { status: 200, body: TOKEN }];
    expect((await client().createDeveloperToken(body)).response.status).toBe(503);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('with a key: retried with the same key and the same body', async () => {
    script = [unavailable('0'), 'drop', { status: 200, body: TOKEN }];
    const { data } = await client().createDeveloperToken(body, { idempotencyKey: 'order-42' });
    expect(data?.data?.checkout_token).toBe('a.b.c');
    expect(received).toHaveLength(3);
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-42', 'order-42']);
    expect(received.map((r) => JSON.parse(r.body))).toEqual([body, body, body]);
    expect(received.map((r) => r.headers['x-api-secret'])).toEqual(['secret', 'secret', 'secret']);
  });

  it('with a key: a 409 with Retry-After (the first request still running) is waited out', async () => {
    script = [
      { status: 409, headers: { 'Retry-After': '0' }, body: { success: false, message: 'A request with this Idempotency-Key is still in progress; retry later', data: null, queryGeneratedTime: 1, error_code: 'idempotency_in_progress' } },
      { status: 200, headers: { 'Idempotent-Replayed': 'true' }, body: TOKEN },
    ];
    expect((await client().createDeveloperToken(body, { idempotencyKey: 'order-43' })).response.status).toBe(200);
    expect(received).toHaveLength(2);
  });

  it('with generateIdempotencyKeys, every call gets its own key and can be retried', async () => {
    script = [unavailable('0'), { status: 200, body: TOKEN }, { status: 200, body: TOKEN }];
    const c = client({ ...fast, generateIdempotencyKeys: true });
    await c.createDeveloperToken(body);
    await c.createDeveloperToken(body);
    const keys = received.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('confirm (POST without a key) is never retried', () => {
  it('after a 503', async () => {
    script = [unavailable('0'), { status: 200, body: SESSION }];
    expect((await client().confirm('token')).response.status).toBe(503);
    expect(received).toHaveLength(1);
  });

  it('after a dropped connection: the failure is thrown, the request was sent once', async () => {
    script = ['drop', { status: 200, body: SESSION }];
    await expect(client().confirm('token')).rejects.toThrow(TypeError);
    expect(received).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('an AbortSignal stops a wait for Retry-After at once', async () => {
    script = [unavailable('5'), { status: 200, body: SESSION }];
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(client({ ...fast, maxDelayMs: 10_000 }).getSession('token', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });

  it('every call takes a signal; an aborted one is never sent', async () => {
    const signal = AbortSignal.abort();
    const c = client();
    for (const call of [() => c.getSession('t', { signal }), () => c.confirm('t', { signal }), () => c.readiness({ signal }), () => c.createDeveloperToken(body, { signal, idempotencyKey: 'k' })]) {
      await expect(call()).rejects.toMatchObject({ name: 'AbortError' });
    }
    expect(received).toHaveLength(0);
  });
});

describe('the rules, as functions', () => {
  it('safe to retry: reads, and POSTs with an Idempotency-Key', () => {
    expect(isSafeToRetry(new Request('http://x/', { method: 'GET' }))).toBe(true);
    expect(isSafeToRetry(new Request('http://x/', { method: 'POST' }))).toBe(false);
    expect(isSafeToRetry(new Request('http://x/', { method: 'POST', headers: { 'Idempotency-Key': 'k' } }))).toBe(true);
    expect(isSafeToRetry(new Request('http://x/', { method: 'DELETE' }))).toBe(false);
  });

  it('Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T18:00:00Z');
    expect(retryAfterMs(new Response(null, { headers: { 'Retry-After': '3' } }), now)).toBe(3000);
    expect(retryAfterMs(new Response(null, { headers: { 'Retry-After': 'Wed, 25 Nov 2026 18:00:07 GMT' } }), now)).toBe(7000);
    expect(retryAfterMs(new Response(null, { headers: { 'Retry-After': 'soon' } }), now)).toBeUndefined();
    expect(retryAfterMs(new Response(null), now)).toBeUndefined();
  });

  it('refuses a retry policy out of bounds', () => {
    expect(() => createCheckoutClient({ baseUrl, retry: { attempts: 0 } })).toThrow(RangeError);
    expect(() => createCheckoutClient({ baseUrl, retry: { attempts: 11 } })).toThrow(RangeError);
  });
});
