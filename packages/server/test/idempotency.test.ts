// Idempotency-Key on token creation: retries replay the original response; a reused key
// with another body is a 409; concurrent requests with one key execute once.
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuedTokenCodec } from '../src/domain/issue-developer-token.js';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

const PATH = '/api/checkout/token/developer';

describe.each(STORE_KINDS)('idempotent token creation on %s', (kind) => {
  let server: TestServer;
  let key: { api_key: string; api_secret: string; initiator_id: string };
  let headers: Record<string, string>;

  beforeAll(async () => {
    // No cache: one test corrupts a stored signing key behind the server's back.
    server = await startServer(kind, { IDEMPOTENCY_WAIT_SECONDS: '1', CACHE_TTL_SECONDS: '0' });
    key = await server.createApiKey();
    headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
  });
  afterAll(() => server?.close());

  const p = (n: number) => (kind === 'sqlite' ? '?' : `$${n}`);
  const post = (body: string, idempotencyKey?: string, extra: Record<string, string> = {}) =>
    server.request('POST', PATH, { headers: { ...headers, ...extra, ...(idempotencyKey !== undefined ? { 'Idempotency-Key': idempotencyKey } : {}) }, body });
  const sessionsOf = async (token: string) => server.store.query(`SELECT id FROM "CheckoutSession" WHERE nonce = ${p(1)}`, [decodeJwt(token).jti]);

  it('replays the original response, same token, for the same key and body', async () => {
    const idem = randomUUID();
    const client = server.client({ apiKey: key.api_key, apiSecret: key.api_secret });
    const first = await client.createDeveloperToken({ amount: 10, email: 'idem@example.com' }, { idempotencyKey: idem });
    const second = await client.createDeveloperToken({ amount: 10, email: 'idem@example.com' }, { idempotencyKey: idem });
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('treats the same fields in another order as the same body', async () => {
    const idem = randomUUID();
    const a = await post('{"amount": 5, "email": "order@example.com"}', idem);
    const b = await post('{"email": "order@example.com", "amount": 5}', idem);
    expect(b.status).toBe(200);
    expect(b.json.data.checkout_token).toBe(a.json.data.checkout_token);
  });

  it('creates no second session on replay', async () => {
    const idem = randomUUID();
    const first = await post('{"amount": 7, "email": "one-session@example.com"}', idem);
    await post('{"amount": 7, "email": "one-session@example.com"}', idem);
    const count = await server.store.query(`SELECT COUNT(*) AS n FROM "CheckoutSession" WHERE "payerId" = ${p(1)}`, [decodeJwt(first.json.data.checkout_token).payer_id]);
    expect(Number(count[0]!.n)).toBe(1);
  });

  it('answers 409 when the key is reused with a different body', async () => {
    const idem = randomUUID();
    expect((await post('{"amount": 10, "email": "a@example.com"}', idem)).status).toBe(200);
    const res = await post('{"amount": 11, "email": "a@example.com"}', idem);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ success: false, data: null, message: 'Idempotency-Key was already used with a different request body' });
  });

  it('scopes keys to the API key: another merchant may use the same key', async () => {
    const idem = randomUUID();
    const other = await server.createApiKey('Other');
    const a = await post('{"amount": 10, "email": "scope@example.com"}', idem);
    const b = await post('{"amount": 10, "email": "scope@example.com"}', idem, { 'X-Api-Key': other.api_key, 'X-Api-Secret': other.api_secret });
    expect(b.status).toBe(200);
    expect(b.json.data.checkout_token).not.toBe(a.json.data.checkout_token);
  });

  it('runs 20 concurrent requests with one key once: every answer carries the same token', async () => {
    const idem = randomUUID();
    const body = '{"amount": 12, "email": "concurrent-idem@example.com"}';
    const results = await Promise.all(Array.from({ length: 20 }, () => post(body, idem)));
    const ok = results.filter((r) => r.status === 200);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((r) => r.json.data.checkout_token)).size).toBe(1);
    expect(await sessionsOf(ok[0]!.json.data.checkout_token)).toHaveLength(1);
    const count = await server.store.query(`SELECT COUNT(*) AS n FROM "CheckoutSession" WHERE "payerId" = ${p(1)}`, [decodeJwt(ok[0]!.json.data.checkout_token).payer_id]);
    expect(Number(count[0]!.n)).toBe(1);
  });

  it('answers 409 "in progress" when an earlier request still holds the key after the wait', async () => {
    const idem = randomUUID();
    const now = new Date();
    await server.store.query(
      `INSERT INTO "IdempotencyRecord" (id, "apiKeyId", key, fingerprint, state, "lockedAt", "createdAt", "expiresAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'in_progress', ${p(5)}, ${p(6)}, ${p(7)})`,
      [randomUUID(), key.api_key, idem, 'fingerprint-of-something', ...[now, now, new Date(now.getTime() + 86_400_000)].map((d) => (kind === 'sqlite' ? d.toISOString() : d))],
    );
    const res = await post('{"amount": 1, "email": "busy@example.com"}', idem);
    expect(res.status).toBe(409);
  });

  it('takes over a key whose request was abandoned (held for over a minute)', async () => {
    const idem = randomUUID();
    const body = '{"amount": 3, "email": "abandoned@example.com"}';
    const { fingerprintOf } = await import('../src/domain/idempotency.js');
    const long = new Date(Date.now() - 120_000);
    await server.store.query(
      `INSERT INTO "IdempotencyRecord" (id, "apiKeyId", key, fingerprint, state, "lockedAt", "createdAt", "expiresAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'in_progress', ${p(5)}, ${p(6)}, ${p(7)})`,
      [randomUUID(), key.api_key, idem, fingerprintOf(JSON.parse(body)), ...[long, long, new Date(Date.now() + 86_400_000)].map((d) => (kind === 'sqlite' ? d.toISOString() : d))],
    );
    const res = await post(body, idem);
    expect(res.status).toBe(200);
    expect((await post(body, idem)).json.data.checkout_token).toBe(res.json.data.checkout_token);
  });

  it('forgets a key after 24 hours: the same key then issues a new token', async () => {
    const idem = randomUUID();
    const body = '{"amount": 4, "email": "old@example.com"}';
    const first = await post(body, idem);
    const past = new Date(Date.now() - 1000);
    await server.store.query(`UPDATE "IdempotencyRecord" SET "expiresAt" = ${p(1)} WHERE key = ${p(2)}`, [kind === 'sqlite' ? past.toISOString() : past, idem]);
    const again = await post(body, idem);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.json.data.checkout_token).not.toBe(first.json.data.checkout_token);
  });

  it('prunes records older than 24 hours', async () => {
    const idem = randomUUID();
    await post('{"amount": 4, "email": "prune@example.com"}', idem);
    const past = new Date(Date.now() - 1000);
    await server.store.query(`UPDATE "IdempotencyRecord" SET "expiresAt" = ${p(1)} WHERE key = ${p(2)}`, [kind === 'sqlite' ? past.toISOString() : past, idem]);
    expect(await server.service.services.idempotency.pruneExpired()).toBeGreaterThanOrEqual(1);
    expect(await server.store.query(`SELECT id FROM "IdempotencyRecord" WHERE key = ${p(1)}`, [idem])).toHaveLength(0);
  });

  it('remembers only success: after a failed execution the same key can be retried', async () => {
    const merchant = await server.createApiKey('Broken keys');
    const h = { 'X-Api-Key': merchant.api_key, 'X-Api-Secret': merchant.api_secret };
    const body = '{"amount": 9, "email": "retry@example.com"}';
    // Create the signing key, then corrupt it: the next issuance fails inside execution.
    expect((await post(body, undefined, h)).status).toBe(200);
    const [row] = await server.store.query(`SELECT id, ciphertext FROM "SigningKey" WHERE "initiatorId" = ${p(1)}`, [merchant.initiator_id]);
    await server.store.query(`UPDATE "SigningKey" SET ciphertext = ${p(1)} WHERE id = ${p(2)}`, ['AAAA' + String(row!.ciphertext).slice(4), row!.id]);
    const idem = randomUUID();
    const failed = await post(body, idem, h);
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ success: false, message: 'Internal Server Error', data: null, queryGeneratedTime: expect.any(Number), error_code: 'internal_error' });
    await server.store.query(`UPDATE "SigningKey" SET ciphertext = ${p(1)} WHERE id = ${p(2)}`, [row!.ciphertext, row!.id]);
    const retried = await post(body, idem, h);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('stores the remembered response encrypted, not the token in clear', async () => {
    const idem = randomUUID();
    const res = await post('{"amount": 2, "email": "sealed@example.com"}', idem);
    const [row] = await server.store.query(`SELECT "responseBody" FROM "IdempotencyRecord" WHERE key = ${p(1)}`, [idem]);
    expect(String(row!.responseBody)).not.toContain(res.json.data.checkout_token.split('.')[1]);
  });

  it.each([
    ['an empty key', '', 'string_too_short'],
    ['a 256-character key', 'k'.repeat(256), 'string_too_long'],
  ])('refuses %s with a 422 at ["header","idempotency-key"]', async (_name, value, type) => {
    const res = await post('{"amount": 1, "email": "v@example.com"}', value);
    expect(res.status).toBe(422);
    expect(res.json.detail).toEqual([expect.objectContaining({ type, loc: ['header', 'idempotency-key'] })]);
  });
});

describe('a remembered token', () => {
  const token = { token: 'aaa.bbb.ccc', expiresAt: new Date('2030-01-02T03:04:05.000Z'), generatedAt: 1_900_000_000.125 };

  it('is read back as it was issued', () => {
    expect(issuedTokenCodec.decode(issuedTokenCodec.encode(token))).toEqual(token);
  });

  it('is also read from a record kept as the response envelope (before results were stored as such)', () => {
    const envelope = { success: true, message: 'Success', data: { checkout_token: 'aaa.bbb.ccc', expires_at: '2030-01-02T03:04:05.000Z' }, queryGeneratedTime: 1_900_000_000.125 };
    expect(issuedTokenCodec.decode(JSON.stringify(envelope))).toEqual(token);
  });

  it('is refused when the record holds anything else', () => {
    expect(() => issuedTokenCodec.decode('{"token": 1}')).toThrow(/does not hold an issued checkout token/);
  });
});
