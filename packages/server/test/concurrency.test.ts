// Concurrent first requests for one new payer (and one new initiator) create exactly
// one payer row and one signing key: unique constraints decide, nothing is locked.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

const CONCURRENCY = 50;

describe.each(STORE_KINDS)('concurrent first requests on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(() => server?.close());

  const p = (n: number) => (kind === 'sqlite' ? '?' : `$${n}`);

  it.each([1, 2, 3])(`${CONCURRENCY} simultaneous requests for a new email payer and a new initiator → one payer, one signing key (round %i)`, async (round) => {
    const key = await server.createApiKey(`Race ${round}`);
    const client = server.client({ apiKey: key.api_key, apiSecret: key.api_secret });
    const email = `race-${round}-${Date.now()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => client.createDeveloperToken({ amount: i + 1, email: i % 2 ? email.toUpperCase() : email })),
    );
    expect(results.map((r) => r.response.status)).toEqual(Array(CONCURRENCY).fill(200));
    const payerIds = new Set(results.map((r) => decodeJwt(r.data!.data!.checkout_token).payer_id));
    const kids = new Set(results.map((r) => decodeProtectedHeader(r.data!.data!.checkout_token).kid));
    expect(payerIds.size).toBe(1);
    expect(kids.size).toBe(1);
    expect(await server.store.query(`SELECT id FROM "Payer" WHERE email = ${p(1)}`, [email])).toHaveLength(1);
    expect(await server.store.query(`SELECT id FROM "SigningKey" WHERE "initiatorId" = ${p(1)}`, [key.initiator_id])).toHaveLength(1);
    const sessions = await server.store.query(`SELECT nonce FROM "CheckoutSession" WHERE "initiatorId" = ${p(1)}`, [key.initiator_id]);
    expect(sessions).toHaveLength(CONCURRENCY);
  });

  it(`${CONCURRENCY} simultaneous requests for a new phone payer → one payer`, async () => {
    const key = await server.createApiKey('Phone race');
    const client = server.client({ apiKey: key.api_key, apiSecret: key.api_secret });
    const phone = String(Date.now()).slice(-10);
    const results = await Promise.all(
      Array.from({ length: CONCURRENCY }, () => client.createDeveloperToken({ amount: 1, phone, phone_country_code: '+49' })),
    );
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(await server.store.query(`SELECT id FROM "Payer" WHERE phone = ${p(1)} AND "phoneCountryCode" = ${p(2)}`, [phone, '+49'])).toHaveLength(1);
  });
});
