// Paying on the demo page, in real Chromium against the real API: the checkout shows the
// order, Pay completes it once, and a reload of the same order shows "already completed".
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { createCheckoutClient } from '@checkout/client';
import { openPage, useDemoInChromium } from './support/demo-in-chromium.js';
import { orderToken } from './support/demo.js';

const fixture = useDemoInChromium();

describe('the demo checkout page', () => {
  it('shows the merchant, the amount, the masked payer and the countdown; Pay completes the session once', async () => {
    const t = await openPage(fixture.browser);
    const orderUrl = fixture.demo.newOrderUrl();
    const apiCalls: Request[] = [];
    t.page.on('request', (request) => {
      if (request.url().startsWith(fixture.demo.apiUrl)) apiCalls.push(request);
    });
    await t.page.goto(orderUrl);

    const checkout = t.page.getByRole('region', { name: /^(Pay|Paid to) Demo Coffee Roasters$/ });
    const pay = checkout.getByRole('button', { name: 'Pay $49.99' });
    await pay.waitFor();
    await expect(checkout.getByRole('heading').textContent()).resolves.toBe('Pay Demo Coffee Roasters');
    await expect(checkout.locator('.ck-amount').textContent()).resolves.toBe('$49.99');
    await expect(checkout.getByText('j***@example.com').count()).resolves.toBe(1);
    const countdown = checkout.locator('time');
    expect(await countdown.getAttribute('datetime')).toMatch(/^PT1[45]M\d+S$/);
    expect(await countdown.textContent()).toMatch(/^1[45]:\d\d$/);
    await t.screenshot('checkout-ready');

    await pay.click();
    await checkout.getByRole('status').filter({ hasText: 'Payment complete. Thank you!' }).waitFor();
    await t.page.getByText(/^Thank you! Order ord_\w+ is paid/).waitFor(); // the page's onComplete ran
    await expect(checkout.getByRole('heading').textContent()).resolves.toBe('Paid to Demo Coffee Roasters');
    await expect(checkout.getByRole('button').count()).resolves.toBe(0);
    await t.screenshot('checkout-completed');

    // The API agrees: the session behind this order's token is completed.
    const { checkout_token } = await orderToken(fixture.demo, orderUrl);
    const { data } = await createCheckoutClient({ baseUrl: fixture.demo.apiUrl }).getSession(checkout_token);
    expect(data?.data?.status).toBe('completed');
    expect(data?.data?.completed_at).not.toBeNull();

    // The token went in the Authorization header of every API call, and in no URL.
    expect(apiCalls.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual([
      'GET /api/checkout/session',
      'POST /api/checkout/session/confirm',
    ]);
    for (const request of apiCalls) {
      const headers = await request.allHeaders();
      expect(headers.authorization).toBe(`Bearer ${checkout_token}`);
      expect(headers.cookie).toBeUndefined();
      expect(request.url()).not.toContain(checkout_token.split('.')[2]);
    }
    expect(t.problems).toEqual([]);
    await t.close();
  });

  it('when an order that is already paid is reloaded, it shows "already completed" and no Pay button', async () => {
    const t = await openPage(fixture.browser);
    const orderUrl = fixture.demo.newOrderUrl();
    await t.page.goto(orderUrl);
    await t.page.getByRole('button', { name: 'Pay $49.99' }).click();
    await t.page.getByText('Payment complete. Thank you!').waitFor();

    await t.page.reload();
    const checkout = t.page.getByRole('region', { name: 'Paid to Demo Coffee Roasters' });
    await checkout.getByRole('status').filter({ hasText: 'This payment was already completed.' }).waitFor();
    await expect(checkout.getByRole('button').count()).resolves.toBe(0);
    await expect(checkout.locator('.ck-amount').textContent()).resolves.toBe('$49.99');
    await expect(t.page.getByText(/^Thank you!/).isVisible()).resolves.toBe(false); // onComplete did not run again
    await t.screenshot('checkout-already-completed');
    expect(t.problems).toEqual([]);
    await t.close();
  });
});
