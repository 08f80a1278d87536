// Network failures, in real Chromium: the API's listener is really stopped (connections are
// refused), then started again on the same port. The checkout shows the error with Retry;
// Retry repeats the call that failed.
import { afterEach, describe, expect, it } from 'vitest';
import { openPage, useDemoInChromium } from './support/demo-in-chromium.js';

const fixture = useDemoInChromium();

afterEach(async () => {
  await fixture.demo.startApi(); // whatever a test left behind
});

const refused = (problem: string) => problem.includes('ERR_CONNECTION_REFUSED');

describe('network errors', () => {
  it('when the API cannot be reached at load, the error state offers Retry, and Retry loads the session once it is back', async () => {
    const t = await openPage(fixture.browser);
    await t.page.goto(fixture.demo.newOrderUrl()); // the shop mints the order's token
    await t.page.getByRole('button', { name: 'Pay $49.99' }).waitFor();

    await fixture.demo.stopApi();
    await t.page.reload(); // same order, same token: only the API call fails
    const checkout = t.page.getByRole('region', { name: /Checkout|Demo Coffee Roasters$/ });
    await checkout.getByRole('status').filter({ hasText: 'We could not reach the payment service. Check your connection and retry.' }).waitFor();
    const retry = checkout.getByRole('button', { name: 'Retry' });
    await expect(retry.isVisible()).resolves.toBe(true);
    await expect(checkout.getByRole('button', { name: /^Pay/ }).count()).resolves.toBe(0);
    expect(t.infos).toEqual([expect.stringMatching(/^checkout network: /)]); // the page's onError got a CheckoutError
    await t.screenshot('checkout-network-error');

    await fixture.demo.startApi();
    await retry.click();
    await checkout.getByRole('button', { name: 'Pay $49.99' }).waitFor();
    await expect(retry.isVisible()).resolves.toBe(false);
    expect(t.problems.length).toBeGreaterThan(0);
    expect(t.problems.filter((p) => !refused(p))).toEqual([]);
    await t.close();
  });

  it('when the connection fails during Pay, the payment is reported unconfirmed, and Retry confirms it once the API is back', async () => {
    const t = await openPage(fixture.browser);
    await t.page.goto(fixture.demo.newOrderUrl());
    const checkout = t.page.getByRole('region', { name: /Demo Coffee Roasters$/ });
    await checkout.getByRole('button', { name: 'Pay $49.99' }).waitFor();

    await fixture.demo.stopApi();
    await checkout.getByRole('button', { name: 'Pay $49.99' }).click();
    await checkout.getByRole('status').filter({ hasText: 'so your payment was not confirmed' }).waitFor();
    // The order stays on screen while the payer retries; onError got the network failure.
    await expect(checkout.locator('.ck-amount').textContent()).resolves.toBe('$49.99');
    expect(t.infos).toEqual([expect.stringMatching(/^checkout network: /)]);

    await fixture.demo.startApi();
    await checkout.getByRole('button', { name: 'Retry' }).click();
    await checkout.getByRole('status').filter({ hasText: 'Payment complete. Thank you!' }).waitFor();
    await t.page.getByText(/^Thank you! Order ord_\w+ is paid/).waitFor();
    const state = await t.page.evaluate(() => document.querySelector('.ck-checkout')?.getAttribute('data-state'));
    expect(state).toBe('completed');
    expect(t.problems.filter((p) => !refused(p))).toEqual([]);
    await t.close();
  });
});
