// node/mint-token.mjs, a partner's backend at its smallest, run as a process against the real
// API: it mints a token the SDK can use, one per order (a repeat gives the same token), and
// reports a bad request or bad credentials with the API's typed errors.
import { createCheckoutClient } from '@checkout/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExample, startApi, type TestApi } from './support/api.js';

describe('the Node backend example (node/mint-token.mjs)', () => {
  let api: TestApi;
  let env: Record<string, string>;
  beforeAll(async () => {
    api = await startApi();
    const key = await api.createApiKey('Example Shop');
    env = { CHECKOUT_API_URL: api.url, CHECKOUT_API_KEY: key.api_key, CHECKOUT_API_SECRET: key.api_secret };
  });
  afterAll(() => api?.close());

  it('mints a checkout token for an order; the SDK-facing API shows that order', async () => {
    const run = await runExample('node/mint-token.mjs', ['77', 'jane@example.com', '49.99', 'eur'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { checkout_token, expires_at } = JSON.parse(run.stdout);
    expect(new Date(expires_at).getTime()).toBeGreaterThan(Date.now());
    const { data } = await createCheckoutClient({ baseUrl: api.url }).getSession(checkout_token);
    expect(data?.data).toMatchObject({ status: 'open', amount: 49.99, currency: 'EUR', merchant: { display_name: 'Example Shop' }, payer: { email: 'j***@example.com' } });
  });

  it('gives the same token when the same order is minted again (its Idempotency-Key)', async () => {
    const first = await runExample('node/mint-token.mjs', ['78', 'jane@example.com', '10'], env);
    const second = await runExample('node/mint-token.mjs', ['78', 'jane@example.com', '10'], env);
    expect(JSON.parse(second.stdout).checkout_token).toBe(JSON.parse(first.stdout).checkout_token);
  });

  it("reports the API's 422 items by field", async () => {
    const run = await runExample('node/mint-token.mjs', ['79', 'jane@example.com', '0'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('invalid amount: Input should be greater than 0\n');
  });

  it('reports refused credentials by their error_code', async () => {
    const run = await runExample('node/mint-token.mjs', ['80', 'jane@example.com', '5'], { ...env, CHECKOUT_API_SECRET: 'sk_not_the_secret' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('the checkout API refused (401 invalid_credentials): Invalid API credentials\n');
  });
});
