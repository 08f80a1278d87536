// 10,000 randomized, mostly invalid requests across every operation (and beyond it):
// not one 5xx, never an HTML page, and the server is healthy afterwards.
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

const REQUESTS = Number(process.env.ROBUSTNESS_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
const SEED = Number(process.env.ROBUSTNESS_SEED ?? 424242);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

function requestArbitrary(valid: { apiKey: string; apiSecret: string; token: string }): fc.Arbitrary<FuzzRequest> {
  const operations: [string, string][] = [
    ['POST', '/api/checkout/token/developer'],
    ['GET', '/api/checkout/session'],
    ['POST', '/api/checkout/session/confirm'],
    ['GET', '/healthz'],
    ['GET', '/readyz'],
    ['GET', '/openapi.yaml'],
  ];
  const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
  const target = fc.oneof(
    // Mostly the documented operations, the developer endpoint (which takes input) most of all.
    { weight: 10, arbitrary: fc.constantFrom(...operations, ...Array(4).fill(operations[0]!)) },
    { weight: 2, arbitrary: fc.tuple(anyMethod, fc.constantFrom(...operations.map(([, p]) => p))) },
    { weight: 1, arbitrary: fc.tuple(anyMethod, fc.tuple(fc.constantFrom(...operations.map(([, p]) => p)), fc.string({ maxLength: 20 })).map(([p, x]) => p + encodeURIComponent(x))) },
    { weight: 1, arbitrary: fc.tuple(anyMethod, fc.webPath()) },
  );
  // Header values: any visible ASCII (HTTP clients refuse control characters in headers).
  const text = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
  const headerValue = (good: string) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: fc.constant('') }, { weight: 2, arbitrary: text }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant('x'.repeat(5000)) });
  const headers = fc.record(
    {
      'X-Api-Key': headerValue(valid.apiKey),
      'X-Api-Secret': headerValue(valid.apiSecret),
      Authorization: fc.oneof(headerValue(`Bearer ${valid.token}`), text.map((t) => `Bearer ${t}`), fc.constant(`Basic ${valid.token}`)),
      'Idempotency-Key': fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })),
      'Content-Type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', '%%%'),
      Origin: fc.constantFrom('https://shop.example.com', 'null', 'https://evil.example'),
      'X-Request-Id': text,
    },
    { requiredKeys: [] },
  );
  const validBody = fc.record(
    {
      email: fc.oneof(fc.emailAddress(), fc.constant(null)),
      phone: fc.oneof(fc.stringMatching(/^\d{5,12}$/), fc.constant(null)),
      phone_country_code: fc.oneof(fc.constantFrom('+1', '44', '+351'), fc.constant(null)),
      amount: fc.double({ min: 0.01, max: 100000, noNaN: true }).map((a) => Math.round(a * 100) / 100),
      currency: fc.constantFrom('usd', 'EUR', 'JPY'),
    },
    { requiredKeys: ['amount'] },
  );
  const mutated = fc
    .tuple(validBody, fc.constantFrom('email', 'phone', 'phone_country_code', 'amount', 'currency', '__proto__', 'extra'), fc.jsonValue({ maxDepth: 3 }))
    .map(([b, k, v]) => JSON.stringify({ ...b, [k]: v }));
  const body = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: validBody.map((b) => JSON.stringify(b)) },
    { weight: 4, arbitrary: mutated },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `{"amount": 1, "email": ${'['.repeat(n)}${']'.repeat(n)}}`) },
    { weight: 1, arbitrary: fc.constantFrom('{"amount": 1,,}', '{"amount": 1e999999, "email": "a@b.co"}', '\uFEFF{"amount": 1}', '{"amount": 1, "email": "a@b.co"', 'null', '[]') },
  );
  return fc
    .record({ target, headers, body })
    .map(({ target: [method, path], headers: h, body: b }) => ({ method, path, headers: h, body: method === 'GET' || method === 'HEAD' ? undefined : b }));
}

describe.each(STORE_KINDS)(`${REQUESTS} randomized requests on %s`, (kind) => {
  let server: TestServer;
  let valid: { apiKey: string; apiSecret: string; token: string };

  beforeAll(async () => {
    server = await startServer(kind, { RATE_LIMIT_TOKENS_PER_MINUTE: '0', CHECKOUT_ALLOWED_ORIGINS: 'https://shop.example.com', OPENAPI_VALIDATE_RESPONSES: 'true' });
    const key = await server.createApiKey('Fuzz target');
    const minted = await server.client({ apiKey: key.api_key, apiSecret: key.api_secret }).createDeveloperToken({ amount: 1, email: 'fuzz@example.com' });
    valid = { apiKey: key.api_key, apiSecret: key.api_secret, token: minted.data!.data!.checkout_token };
  });
  afterAll(() => server?.close());

  it('answers every one without a 5xx, an HTML page or a stack trace, and stays healthy', async () => {
    const requests = fc.sample(requestArbitrary(valid), { numRuns: REQUESTS, seed: SEED });
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        let response: Response;
        try {
          response = await fetch(server.baseUrl + r.path, { method: r.method, headers: r.headers, body: r.body });
        } catch (error) {
          problems.push(`${r.method} ${r.path}: no response (${(error as Error).message})`);
          continue;
        }
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 500) problems.push(`${r.method} ${r.path} → ${response.status} ${text.slice(0, 200)}`);
        else if (text && !/^application\/(json|yaml)/.test(type)) problems.push(`${r.method} ${r.path} → ${response.status} ${type}`);
        else if (/<html|at .+\.(js|ts):\d+/i.test(text)) problems.push(`${r.method} ${r.path} → HTML or a stack: ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`[${kind}] ${REQUESTS} requests (seed ${SEED}), statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    // Mostly invalid: most answers are 4xx.
    const fourXX = [...statuses].filter(([s]) => s >= 400 && s < 500).reduce((a, [, n]) => a + n, 0);
    expect(fourXX).toBeGreaterThan(REQUESTS / 2);

    expect((await server.request('GET', '/readyz')).status).toBe(200);
    const after = await server.client({ apiKey: valid.apiKey, apiSecret: valid.apiSecret }).createDeveloperToken(
      { amount: 2, email: `after-${randomBytes(3).toString('hex')}@example.com` },
      { idempotencyKey: randomUUID() },
    );
    expect(after.response.status).toBe(200);
  }, 300_000);
});
