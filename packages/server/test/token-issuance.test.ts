// POST /api/checkout/token/developer: the 200 envelope, the token, and what is stored.
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

describe.each(STORE_KINDS)('token issuance on %s', (kind) => {
  let server: TestServer;
  let creds: { apiKey: string; apiSecret: string };
  let initiatorId: string;

  beforeAll(async () => {
    server = await startServer(kind);
    const key = await server.createApiKey('Acme Store');
    creds = { apiKey: key.api_key, apiSecret: key.api_secret };
    initiatorId = key.initiator_id;
  });
  afterAll(() => server?.close());

  it('answers 200 with exactly the reference envelope', async () => {
    const before = Date.now() / 1000;
    const { data, response } = await server.client(creds).createDeveloperToken({ amount: 19.99, email: 'jane@example.com' });
    expect(response.status).toBe(200);
    expect(Object.keys(data!).sort()).toEqual(['data', 'message', 'queryGeneratedTime', 'success']);
    expect(data!.success).toBe(true);
    expect(data!.message).toBe('Success');
    expect(Object.keys(data!.data!).sort()).toEqual(['checkout_token', 'expires_at']);
    expect(data!.queryGeneratedTime).toBeGreaterThanOrEqual(before - 1);
    expect(data!.queryGeneratedTime).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(data!.data!.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('signs an HS256 JWS whose kid, iss, aud, jti and ids are set, with no contact details', async () => {
    const { data } = await server.client(creds).createDeveloperToken({ amount: 5, email: 'Token.Claims@Example.com', phone: '5550001234', phone_country_code: '+1' });
    const token = data!.data!.checkout_token;
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: expect.stringMatching(/^sk_/) });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'initiator_id', 'iss', 'jti', 'nbf', 'payer_id']);
    expect(claims.iss).toBe('checkout-token-service');
    expect(claims.aud).toBe('checkout-sdk');
    expect(claims.initiator_id).toBe(initiatorId);
    const payload = Buffer.from(token.split('.')[1]!, 'base64url').toString();
    expect(payload).not.toMatch(/example\.com|5550001234|sk_/i);
    expect(payload).not.toContain(creds.apiSecret);
  });

  it('verifies with the initiator signing key stored (encrypted) for its kid', async () => {
    const { data } = await server.client(creds).createDeveloperToken({ amount: 5, email: 'verify@example.com' });
    const token = data!.data!.checkout_token;
    const key = await server.service.services.signingKeys.currentFor(initiatorId);
    expect(decodeProtectedHeader(token).kid).toBe(key.kid);
    const { payload } = await jwtVerify(token, key.secret, { algorithms: ['HS256'], issuer: 'checkout-token-service', audience: 'checkout-sdk' });
    expect(payload.jti).toBeTypeOf('string');
  });

  it('gives the token a 15-minute lifetime, and expires_at equals the exp claim', async () => {
    const { data } = await server.client(creds).createDeveloperToken({ amount: 5, email: 'ttl@example.com' });
    const claims = decodeJwt(data!.data!.checkout_token);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(new Date(data!.data!.expires_at).getTime()).toBe(claims.exp! * 1000);
  });

  it('stores one open session per token: nonce = jti, exact decimal amount, upper-cased currency', async () => {
    const amounts = [19.99, 0.01, 100000, 99999.99999999, 1.5e-7, 12345.6789];
    for (const amount of amounts) {
      const { data } = await server.client(creds).createDeveloperToken({ amount, email: 'amounts@example.com', currency: 'eur' });
      const claims = decodeJwt(data!.data!.checkout_token);
      const [row] = await server.store.query(
        kind === 'sqlite'
          ? 'SELECT CAST(amount AS TEXT) AS amount, currency, status, "initiatorId", "payerId", "expiresAt" FROM "CheckoutSession" WHERE nonce = ?'
          : 'SELECT amount::text AS amount, currency, status, "initiatorId", "payerId", "expiresAt" FROM "CheckoutSession" WHERE nonce = $1',
        [claims.jti],
      );
      expect(row, `session for ${amount}`).toBeDefined();
      expect(Number(row!.amount)).toBe(amount);
      if (kind === 'postgresql') {
        // NUMERIC keeps the exact decimal text (PostgreSQL pads to the column's scale).
        const trimmed = String(row!.amount).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
        expect(trimmed).toBe(amount === 1.5e-7 ? '0.00000015' : String(amount));
      }
      expect(row!.currency).toBe('EUR');
      expect(row!.status).toBe('open');
      expect(row!.initiatorId).toBe(initiatorId);
      expect(row!.payerId).toBe(claims.payer_id);
      expect(new Date(String(row!.expiresAt)).getTime()).toBe(claims.exp! * 1000);
    }
  });

  it('keys sessions by issue time: the id (UUIDv7) and the nonce sort in the order tokens were issued', async () => {
    const before = Date.now();
    const nonces: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { data } = await server.client(creds).createDeveloperToken({ amount: 1 + i, email: 'ordered@example.com' });
      nonces.push(decodeJwt(data!.data!.checkout_token).jti!);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const after = Date.now();
    const ids: string[] = [];
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[0-9a-f]{12}[A-Za-z0-9_-]{22}$/);
      const issuedMs = parseInt(nonce.slice(0, 12), 16);
      expect(issuedMs).toBeGreaterThanOrEqual(before);
      expect(issuedMs).toBeLessThanOrEqual(after);
      const [row] = await server.store.query(`SELECT id FROM "CheckoutSession" WHERE nonce = ${kind === 'sqlite' ? '?' : '$1'}`, [nonce]);
      ids.push(String(row!.id));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Plain code-unit order, as SQLite's BINARY collation compares them.
    expect([...ids].sort()).toEqual(ids);
    expect([...nonces].sort()).toEqual(nonces);
    expect(new Set(nonces.map((n) => n.slice(12))).size).toBe(nonces.length);
  });

  it('defaults the currency to USD', async () => {
    const { data } = await server.client(creds).createDeveloperToken({ amount: 3, email: 'usd@example.com' });
    const [row] = await server.store.query(
      `SELECT currency FROM "CheckoutSession" WHERE nonce = ${kind === 'sqlite' ? '?' : '$1'}`,
      [decodeJwt(data!.data!.checkout_token).jti],
    );
    expect(row!.currency).toBe('USD');
  });

  it('resolves the same payer for the same email, whatever its case', async () => {
    const client = server.client(creds);
    const a = await client.createDeveloperToken({ amount: 1, email: 'Same.Person@Example.COM' });
    const b = await client.createDeveloperToken({ amount: 2, email: 'same.person@example.com' });
    expect(decodeJwt(a.data!.data!.checkout_token).payer_id).toBe(decodeJwt(b.data!.data!.checkout_token).payer_id);
    const rows = await server.store.query(`SELECT email, "platformId" FROM "Payer" WHERE email = ${kind === 'sqlite' ? '?' : '$1'}`, ['same.person@example.com']);
    expect(rows).toEqual([{ email: 'same.person@example.com', platformId: 1 }]);
  });

  it('resolves a payer by phone digits and country code, ignoring separators', async () => {
    const client = server.client(creds);
    const a = await client.createDeveloperToken({ amount: 1, phone: '555-000 1234', phone_country_code: '+44' });
    const b = await client.createDeveloperToken({ amount: 1, phone: '5550001234', phone_country_code: '44' });
    const c = await client.createDeveloperToken({ amount: 1, phone: '5550001234', phone_country_code: '+1' });
    const payerOf = (r: typeof a) => decodeJwt(r.data!.data!.checkout_token).payer_id;
    expect(payerOf(a)).toBe(payerOf(b));
    expect(payerOf(c)).not.toBe(payerOf(a));
    const rows = await server.store.query(`SELECT phone, "phoneCountryCode" FROM "Payer" WHERE phone = ${kind === 'sqlite' ? '?' : '$1'} ORDER BY "phoneCountryCode"`, ['5550001234']);
    expect(rows).toEqual([
      { phone: '5550001234', phoneCountryCode: '+1' },
      { phone: '5550001234', phoneCountryCode: '+44' },
    ]);
  });

  it('uses the email when both an email and a phone are given', async () => {
    const client = server.client(creds);
    const byEmail = await client.createDeveloperToken({ amount: 1, email: 'both@example.com' });
    const both = await client.createDeveloperToken({ amount: 1, email: 'both@example.com', phone: '5557778888', phone_country_code: '+1' });
    expect(decodeJwt(both.data!.data!.checkout_token).payer_id).toBe(decodeJwt(byEmail.data!.data!.checkout_token).payer_id);
  });

  it('creates one signing key per initiator and reuses it', async () => {
    const client = server.client(creds);
    const kids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { data } = await client.createDeveloperToken({ amount: 1, email: `kid${i}@example.com` });
      kids.add(decodeProtectedHeader(data!.data!.checkout_token).kid!);
    }
    expect(kids.size).toBe(1);
    const other = await server.createApiKey('Other Merchant');
    const { data } = await server.client({ apiKey: other.api_key, apiSecret: other.api_secret }).createDeveloperToken({ amount: 1, email: 'kid0@example.com' });
    expect(kids.has(decodeProtectedHeader(data!.data!.checkout_token).kid!)).toBe(false);
  });

  it('stores the signing secret only encrypted', async () => {
    const key = await server.service.services.signingKeys.currentFor(initiatorId);
    const [row] = await server.store.query(`SELECT ciphertext FROM "SigningKey" WHERE id = ${kind === 'sqlite' ? '?' : '$1'}`, [key.kid]);
    const stored = Buffer.from(String(row!.ciphertext), 'base64url');
    const secret = Buffer.from(key.secret);
    expect(secret.length).toBe(32);
    expect(stored.includes(secret)).toBe(false);
    expect(stored.length).toBe(12 + 32 + 16);
  });
});

describe('token lifetime configuration', () => {
  it('CHECKOUT_TOKEN_TTL_SECONDS changes the lifetime', async () => {
    const server = await startServer('sqlite', { CHECKOUT_TOKEN_TTL_SECONDS: '60' });
    try {
      const key = await server.createApiKey();
      const { data } = await server.client({ apiKey: key.api_key, apiSecret: key.api_secret }).createDeveloperToken({ amount: 1, email: 'short@example.com' });
      const claims = decodeJwt(data!.data!.checkout_token);
      expect(claims.exp! - claims.iat!).toBe(60);
    } finally {
      await server.close();
    }
  });
});
