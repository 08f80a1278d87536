// A token the API refuses as invalid (here: a real token's claims signed with a key that is not
// the merchant's) shows the invalid state, with no Pay and no Retry: retrying cannot help.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCheckoutClient } from '@checkout/client';
import { openPage, useDemoInChromium } from './support/demo-in-chromium.js';
import { orderToken, resignToken } from './support/demo.js';
import { mountWithToken, recorded } from './support/mount.js';

const fixture = useDemoInChromium();

describe('invalid token', () => {
  it('a token signed with a foreign key shows "not valid", offers no button, and onError gets invalid_token', async () => {
    const { checkout_token } = await orderToken(fixture.demo, fixture.demo.newOrderUrl());
    const forged = resignToken(checkout_token, randomBytes(32), {});
    const { error, response } = await createCheckoutClient({ baseUrl: fixture.demo.apiUrl }).getSession(forged);
    expect([response.status, error?.message]).toEqual([401, 'Invalid checkout token']);

    const t = await openPage(fixture.browser);
    await mountWithToken(t.page, fixture.demo, forged);
    const checkout = t.page.getByRole('region', { name: 'Checkout' });
    await checkout.getByRole('status').filter({ hasText: 'This checkout link is not valid. Return to the merchant to start again.' }).waitFor();
    await expect(checkout.getByRole('button').count()).resolves.toBe(0);
    await expect(checkout.locator('.ck-amount').isVisible()).resolves.toBe(false);
    expect(await recorded(t.page)).toEqual({ completed: [], errors: ['invalid_token'] });
    expect(t.problems.filter((p) => !p.includes('401 (Unauthorized)'))).toEqual([]);
    await t.close();
  });
});
