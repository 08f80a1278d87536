// Expiry, in real Chromium against the real API: an authentic token past its exp shows the
// expired state, and an open checkout whose countdown reaches zero flips to expired.
import { describe, expect, it } from 'vitest';
import { createCheckoutClient } from '@checkout/client';
import { openPage, useDemoInChromium } from './support/demo-in-chromium.js';
import { claimsOf, orderToken, resignToken } from './support/demo.js';
import { mountWithToken, recorded } from './support/mount.js';

const fixture = useDemoInChromium();

describe('expiry', () => {
  it('an authentic token past its expiry shows the expired state, no Pay button, and onError gets token_expired', async () => {
    const { checkout_token } = await orderToken(fixture.demo, fixture.demo.newOrderUrl());
    const claims = claimsOf(checkout_token);
    const key = await fixture.demo.service.services.signingKeys.currentFor(String(claims.initiator_id));
    const now = Math.floor(Date.now() / 1000);
    const expired = resignToken(checkout_token, key.secret, { iat: now - 1000, nbf: now - 1000, exp: now - 60 });
    // The API itself says so (not a made-up answer): 401, "Checkout token has expired".
    const { error, response } = await createCheckoutClient({ baseUrl: fixture.demo.apiUrl }).getSession(expired);
    expect([response.status, error?.message]).toEqual([401, 'Checkout token has expired']);

    const t = await openPage(fixture.browser);
    await mountWithToken(t.page, fixture.demo, expired);
    const checkout = t.page.getByRole('region', { name: 'Checkout' });
    await checkout.getByRole('status').filter({ hasText: 'This checkout has expired. Return to the merchant to start again.' }).waitFor();
    await expect(checkout.getByRole('button').count()).resolves.toBe(0);
    expect(await recorded(t.page)).toEqual({ completed: [], errors: ['token_expired'] });
    await t.screenshot('checkout-expired-token');
    // The browser logs the 401 as a failed resource load; nothing else may go wrong.
    expect(t.problems.filter((p) => !p.includes('401 (Unauthorized)'))).toEqual([]);
    await t.close();
  });

  it('when the countdown reaches zero, the checkout flips to expired and Pay is gone; a minute before, it warns', async () => {
    const t = await openPage(fixture.browser);
    await t.page.clock.install(); // the browser's clock only; the API keeps real time
    await t.page.goto(fixture.demo.newOrderUrl());
    const checkout = t.page.getByRole('region', { name: /Demo Coffee Roasters$/ });
    const pay = checkout.getByRole('button', { name: 'Pay $49.99' });
    await pay.waitFor();
    const expiresAt = Date.parse((await orderToken(fixture.demo, t.page.url())).expires_at);

    await t.page.clock.fastForward(expiresAt - Date.now() - 30_000); // 30 s left
    await checkout.getByRole('status').filter({ hasText: 'Less than a minute left to pay.' }).waitFor();
    expect(await checkout.locator('time').textContent()).toMatch(/^0:[23]\d$/);
    await expect(pay.isEnabled()).resolves.toBe(true);

    await t.page.clock.fastForward(31_000);
    await checkout.getByRole('status').filter({ hasText: 'This checkout has expired.' }).waitFor();
    await expect(checkout.getByRole('button').count()).resolves.toBe(0);
    await expect(checkout.locator('dt', { hasText: 'Expired' }).count()).resolves.toBe(1);
    expect(await checkout.locator('time').getAttribute('datetime')).toBe(new Date(expiresAt).toISOString());
    await t.screenshot('checkout-countdown-expired');
    expect(t.problems).toEqual([]);
    await t.close();
  });
});

