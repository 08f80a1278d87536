// SDK-facing calls: GET /api/checkout/session and POST /api/checkout/session/confirm,
// authenticated by the checkout token alone.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resign } from './support/tokens.js';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

describe.each(STORE_KINDS)('checkout session on %s', (kind) => {
  let server: TestServer;
  let merchant: { api_key: string; api_secret: string; initiator_id: string };

  beforeAll(async () => {
    server = await startServer(kind, { CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS: '120' });
    merchant = await server.createApiKey('Acme Store');
  });
  afterAll(() => server?.close());

  async function mint(body: Parameters<ReturnType<TestServer['client']>['createDeveloperToken']>[0]) {
    const { data } = await server.client({ apiKey: merchant.api_key, apiSecret: merchant.api_secret }).createDeveloperToken(body);
    return data!.data!.checkout_token;
  }
  const p = (n: number) => (kind === 'sqlite' ? '?' : `$${n}`);

  it('shows the open session: amount, currency, expiry, merchant, and the payer masked', async () => {
    const token = await mint({ amount: 49.99, currency: 'eur', email: 'Jane.Doe@Example.com' });
    const { data, response } = await server.client().getSession(token);
    expect(response.status).toBe(200);
    expect(data).toEqual({
      success: true,
      message: 'Success',
      queryGeneratedTime: expect.any(Number),
      data: {
        session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'open',
        amount: 49.99,
        currency: 'EUR',
        expires_at: new Date(decodeJwt(token).exp! * 1000).toISOString(),
        completed_at: null,
        merchant: { display_name: 'Acme Store' },
        payer: { email: 'j***@example.com', phone: null, phone_country_code: null },
      },
    });
  });

  it('masks a phone payer to its last four digits, with the country code', async () => {
    const token = await mint({ amount: 5, phone: '(555) 000-1234', phone_country_code: '+1' });
    const { data } = await server.client().getSession(token);
    expect(data!.data!.payer).toEqual({ email: null, phone: '•••1234', phone_country_code: '+1' });
  });

  it('never shows the full email or phone in the response', async () => {
    const token = await mint({ amount: 5, email: 'secret.person@example.org', phone: '5551239876', phone_country_code: '+1' });
    const res = await server.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.text).not.toContain('secret.person');
    expect(res.text).not.toContain('5551239876');
  });

  it('confirms an open session once: 200 with status completed, then 409', async () => {
    const token = await mint({ amount: 10, email: 'confirm@example.com' });
    const client = server.client();
    const first = await client.confirm(token);
    expect(first.response.status).toBe(200);
    expect(first.data!.data).toMatchObject({ status: 'completed', completed_at: expect.any(String) });
    const second = await client.confirm(token);
    expect(second.response.status).toBe(409);
    expect(second.error).toEqual({ success: false, message: 'Checkout session is already completed', data: null, queryGeneratedTime: expect.any(Number), error_code: 'session_completed' });
    const after = await client.getSession(token);
    expect(after.data!.data!.status).toBe('completed');
    expect(after.data!.data!.completed_at).toBe(first.data!.data!.completed_at);
  });

  it('of 20 concurrent confirms of one session, exactly one succeeds', async () => {
    const token = await mint({ amount: 10, email: 'race-confirm@example.com' });
    const client = server.client();
    const results = await Promise.all(Array.from({ length: 20 }, () => client.confirm(token)));
    const statuses = results.map((r) => r.response.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });

  it('shows an open session past its expiry as expired, and refuses to confirm it (409)', async () => {
    const token = await mint({ amount: 10, email: 'late@example.com' });
    const { jti } = decodeJwt(token);
    const past = new Date(Date.now() - 30_000);
    await server.store.query(`UPDATE "CheckoutSession" SET "expiresAt" = ${p(1)} WHERE nonce = ${p(2)}`, [kind === 'sqlite' ? past.toISOString() : past, jti]);
    // The token itself expires with the session; re-sign it 30 s in the past (within this server's tolerance).
    const key = await server.service.services.signingKeys.currentFor(merchant.initiator_id);
    const late = await resign(token, key.secret, { exp: Math.floor(past.getTime() / 1000) });
    const session = await server.client().getSession(late);
    expect(session.data!.data!.status).toBe('expired');
    const confirm = await server.client().confirm(late);
    expect(confirm.response.status).toBe(409);
    expect(confirm.error!.message).toBe('Checkout session has expired');
  });

  it('SDK calls need no API credentials, and accept none in their place', async () => {
    const res = await server.request('GET', '/api/checkout/session', { headers: { 'X-Api-Key': merchant.api_key, 'X-Api-Secret': merchant.api_secret } });
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('Missing checkout token');
  });

  it('does not accept the token in the URL', async () => {
    const token = await mint({ amount: 1, email: 'url@example.com' });
    const res = await server.request('GET', `/api/checkout/session?token=${token}&checkout_token=${token}`);
    expect(res.status).toBe(401);
  });
});
