// browser/index.html, served by node/shop-server.mjs, in real Chromium (Debian's) against the
// real API: the page gets its token from the shop's backend, mounts the SDK's built bundle,
// shows the order, and Pay completes the checkout session.
import { createCheckoutClient } from '@checkout/client';
import { launchChromium, openRecordedPage } from '@checkout/test-chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApi, startExample, type TestApi } from './support/api.js';

describe('the HTML page example (browser/index.html with the browser SDK)', () => {
  let api: TestApi;
  let shop: Awaited<ReturnType<typeof startExample>>;
  let browser: Browser;

  beforeAll(async () => {
    const shopPort = await freePort();
    api = await startApi({ CHECKOUT_ALLOWED_ORIGINS: `http://127.0.0.1:${shopPort}` });
    const key = await api.createApiKey('Example Shop');
    [shop, browser] = await Promise.all([
      startExample('node/shop-server.mjs', { CHECKOUT_API_URL: api.url, CHECKOUT_API_KEY: key.api_key, CHECKOUT_API_SECRET: key.api_secret, PORT: String(shopPort) }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await api?.close();
  });

  it('mounts the checkout for order 1042 and Pay completes the session', async () => {
    const { page, problems, requests, close } = await openRecordedPage(browser);
    try {
      await page.goto(shop.url);
      const checkout = page.getByRole('region', { name: /^(Pay|Paid to) Example Shop$/ });
      await checkout.getByText('$49.99').first().waitFor();
      await checkout.getByText('j***@example.com').waitFor();
      await checkout.getByRole('button', { name: 'Pay $49.99' }).click();
      await checkout.getByRole('status').filter({ hasText: 'Payment complete. Thank you!' }).waitFor();
      await expect(page.locator('#thanks').textContent()).resolves.toMatch(/^Paid\. Session [0-9a-f-]{36}\.$/);
      expect(problems).toEqual([]);
      // The page talks to its shop and to the API, and to nothing else.
      const origins = new Set(requests.map((url) => new URL(url).origin));
      expect([...origins].sort()).toEqual([new URL(api.url).origin, new URL(shop.url).origin].sort());

      // The shop's backend gives the same token for the same order; the API now calls its session completed.
      const { checkout_token } = (await (await fetch(`${shop.url}/orders/1042/checkout-token`, { method: 'POST' })).json()) as { checkout_token: string };
      const { data } = await createCheckoutClient({ baseUrl: api.url }).getSession(checkout_token);
      expect(data?.data?.status).toBe('completed');
    } finally {
      await close();
    }
  });
});
