// Keyboard and assistive-technology use of the checkout, in real Chromium: a labelled region,
// a polite status region, a real button reached with Tab (with a visible focus ring) that Enter
// activates, busy while paying, and focus kept on the outcome afterwards.
import { describe, expect, it } from 'vitest';
import { openPage, useDemoInChromium } from './support/demo-in-chromium.js';

const fixture = useDemoInChromium();

describe('accessibility', () => {
  it('the checkout is a labelled region with a polite status, and its expiry is a <time>', async () => {
    const t = await openPage(fixture.browser);
    await t.page.goto(fixture.demo.newOrderUrl());
    const checkout = t.page.getByRole('region', { name: 'Pay Demo Coffee Roasters' });
    await checkout.getByRole('button', { name: 'Pay $49.99' }).waitFor();
    const status = checkout.getByRole('status');
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    await expect(checkout.locator('dt:text-is("Expires in") + dd > time[datetime^="PT"]').count()).resolves.toBe(1);
    await expect(checkout.getAttribute('aria-busy')).resolves.toBe('false');
    await t.close();
  });

  it('Tab reaches the Pay button with a visible focus ring, Enter pays, the button is disabled and busy meanwhile, and focus lands on the outcome', async () => {
    const t = await openPage(fixture.browser);
    await t.page.goto(fixture.demo.newOrderUrl());
    const checkout = t.page.getByRole('region', { name: /Demo Coffee Roasters$/ });
    const pay = checkout.getByRole('button', { name: 'Pay $49.99' });
    await pay.waitFor();

    // Record every state the button goes through, so the short "paying" state is seen, not raced.
    await pay.evaluate((button) => {
      const seen: string[] = [];
      (window as unknown as { buttonStates: string[] }).buttonStates = seen;
      new MutationObserver(() => seen.push(`${(button as HTMLButtonElement).disabled}/${button.getAttribute('aria-busy')}/${button.textContent}`)).observe(button, {
        attributes: true,
        childList: true,
        characterData: true,
        subtree: true,
      });
    });

    await t.page.keyboard.press('Tab');
    const focused = await t.page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, text: el.textContent, focusVisible: el.matches(':focus-visible'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused).toEqual({ tag: 'BUTTON', text: 'Pay $49.99', focusVisible: true, outline: 'solid 3px' });
    await t.screenshot('checkout-keyboard-focus');

    await t.page.keyboard.press('Enter');
    await checkout.getByRole('status').filter({ hasText: 'Payment complete. Thank you!' }).waitFor();
    const states = await t.page.evaluate(() => (window as unknown as { buttonStates: string[] }).buttonStates);
    expect(states).toContain('true/true/Paying…');

    // Focus did not fall to <body>: it is on the outcome, inside the checkout.
    const after = await t.page.evaluate(() => ({
      inside: document.querySelector('.ck-checkout')?.contains(document.activeElement) ?? false,
      role: document.activeElement?.getAttribute('role'),
      text: document.activeElement?.textContent,
    }));
    expect(after).toEqual({ inside: true, role: 'status', text: 'Payment complete. Thank you!' });
    expect(t.problems).toEqual([]);
    await t.close();
  });
});
