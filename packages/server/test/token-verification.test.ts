// Every way a checkout token can be wrong answers the same kind of 401 envelope,
// on both SDK-facing operations. Verification pins HS256 and checks kid, iss, aud,
// exp, nbf, and that the session belongs to the token's initiator, payer and key.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hs512, resign, rs256, signHs256, unsigned } from './support/tokens.js';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

describe.each(STORE_KINDS)('checkout token verification on %s', (kind) => {
  let server: TestServer;
  let token: string;
  let secret: Uint8Array;
  let otherToken: string;
  let otherSecret: Uint8Array;

  beforeAll(async () => {
    // No cache: one test revokes a key in the database behind the server's back and expects it at once.
    server = await startServer(kind, { CACHE_TTL_SECONDS: '0' });
    const a = await server.createApiKey('Merchant A');
    const b = await server.createApiKey('Merchant B');
    const mint = async (k: typeof a, email: string) =>
      (await server.client({ apiKey: k.api_key, apiSecret: k.api_secret }).createDeveloperToken({ amount: 10, email })).data!.data!.checkout_token;
    token = await mint(a, 'payer-a@example.com');
    otherToken = await mint(b, 'payer-b@example.com');
    secret = (await server.service.services.signingKeys.currentFor(a.initiator_id)).secret;
    otherSecret = (await server.service.services.signingKeys.currentFor(b.initiator_id)).secret;
  });
  afterAll(() => server?.close());

  const now = () => Math.floor(Date.now() / 1000);

  async function expectRejected(authorization: string | undefined, message = 'Invalid checkout token') {
    const headers = authorization === undefined ? undefined : { Authorization: authorization };
    for (const [method, path] of [['GET', '/api/checkout/session'], ['POST', '/api/checkout/session/confirm']] as const) {
      const res = await server.request(method, path, { ...(headers ? { headers } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
      const code = { 'Invalid checkout token': 'token_invalid', 'Checkout token has expired': 'token_expired', 'Missing checkout token': 'token_missing' }[message];
      expect(res.json).toEqual({ success: false, message, data: null, queryGeneratedTime: expect.any(Number), error_code: code });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="checkout"/);
    }
  }

  it('accepts the genuine token', async () => {
    expect((await server.client().getSession(token)).response.status).toBe(200);
  });

  it('rejects a missing Authorization header', () => expectRejected(undefined, 'Missing checkout token'));
  it('rejects another scheme', () => expectRejected(`Basic ${token}`));
  it('rejects a malformed token', () => expectRejected('Bearer not.a.jwt'));
  it('rejects garbage of the right shape', () => expectRejected('Bearer aaaa.bbbb.cccc'));

  it('rejects a tampered payload (the signature no longer matches)', async () => {
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), payer_id: 'someone-else' })).toString('base64url');
    await expectRejected(`Bearer ${h}.${forged}.${s}`);
  });

  it('rejects a token signed with another initiator key under this kid', async () => {
    await expectRejected(`Bearer ${await resign(token, otherSecret, {})}`);
  });

  it("rejects a token claiming another initiator's session with its own key", async () => {
    // Signed correctly with B's key and kid, but pointing at A's session.
    const forged = await resign(otherToken, otherSecret, { jti: decodeJwt(token).jti });
    await expectRejected(`Bearer ${forged}`);
  });

  it('rejects an unknown kid', async () => expectRejected(`Bearer ${await resign(token, secret, {}, { kid: 'sk_unknown' })}`));
  it('rejects a token without a kid', async () => expectRejected(`Bearer ${await signHs256(decodeJwt(token), secret, {})}`));
  it('rejects alg "none"', () => expectRejected(`Bearer ${unsigned(token)}`));
  it('rejects RS256 (algorithm confusion)', async () => expectRejected(`Bearer ${await rs256(token)}`));
  it('rejects HS512 even with the right secret (the algorithm is pinned)', () => expectRejected(`Bearer ${hs512(token, secret)}`));

  it('says "expired" for an authentic but expired token', async () => {
    await expectRejected(`Bearer ${await resign(token, secret, { exp: now() - 60, iat: now() - 1000, nbf: now() - 1000 })}`, 'Checkout token has expired');
  });

  it('does not say "expired" for a forged expired token', async () => {
    await expectRejected(`Bearer ${await resign(token, otherSecret, { exp: now() - 60 })}`);
  });

  it('rejects a token that is not valid yet (nbf in the future)', async () => {
    await expectRejected(`Bearer ${await resign(token, secret, { nbf: now() + 600 })}`);
  });

  it('rejects the wrong audience', async () => expectRejected(`Bearer ${await resign(token, secret, { aud: 'someone-else' })}`));
  it('rejects the wrong issuer', async () => expectRejected(`Bearer ${await resign(token, secret, { iss: 'https://evil.example' })}`));
  it('rejects a token for a session that does not exist', async () => expectRejected(`Bearer ${await resign(token, secret, { jti: 'no-such-session' })}`));
  it('rejects a token whose payer does not own the session', async () => expectRejected(`Bearer ${await resign(token, secret, { payer_id: 'x' })}`));
  it('rejects a token without the ids it needs', async () => expectRejected(`Bearer ${await resign(token, secret, { initiator_id: undefined })}`));

  it('challenges as RFC 6750 says: the realm alone without a token, the error and its description with a bad one', async () => {
    const challenge = async (authorization?: string) =>
      (await server.request('GET', '/api/checkout/session', authorization === undefined ? {} : { headers: { Authorization: authorization } })).headers.get('www-authenticate');
    expect(await challenge()).toBe('Bearer realm="checkout"');
    expect(await challenge('Basic abc')).toBe('Bearer realm="checkout", error="invalid_token", error_description="Invalid checkout token"');
    const expired = await resign(token, secret, { exp: now() - 60, iat: now() - 1000, nbf: now() - 1000 });
    expect(await challenge(`Bearer ${expired}`)).toBe('Bearer realm="checkout", error="invalid_token", error_description="Checkout token has expired"');
  });

  it('rejects tokens of a revoked signing key at once', async () => {
    const c = await server.createApiKey('Merchant C');
    const { data } = await server.client({ apiKey: c.api_key, apiSecret: c.api_secret }).createDeveloperToken({ amount: 1, email: 'c@example.com' });
    const cToken = data!.data!.checkout_token;
    expect((await server.client().getSession(cToken)).response.status).toBe(200);
    const kid = decodeProtectedHeader(cToken).kid!;
    await server.store.query(`UPDATE "SigningKey" SET "revokedAt" = ${kind === 'sqlite' ? '?' : '$1'} WHERE id = ${kind === 'sqlite' ? '?' : '$2'}`, [
      kind === 'sqlite' ? new Date().toISOString() : new Date(),
      kid,
    ]);
    await expectRejected(`Bearer ${cToken}`);
  });
});
