// Mounts the built SDK with a token of the test's choosing, on the shop's origin (the one the
// API's CORS allows), the way a merchant page would. The page records what the callbacks got.
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo.js';

export interface Recorded {
  completed: string[]; // session ids passed to onComplete
  errors: string[]; // CheckoutError codes passed to onError
}

export async function mountWithToken(page: Page, demo: Demo, token: string): Promise<void> {
  // A shop URL with no CSP of its own, its document replaced by a bare host element: same origin as the shop.
  await page.goto(`${demo.merchantUrl}/sdk/checkout-sdk.js`);
  await page.setContent('<!doctype html><html lang="en"><body><main id="host"></main></body></html>');
  // Page code as text: the test runner must not rewrite its import().
  await page.addScriptTag({
    type: 'module',
    content: `
      import { mount } from ${JSON.stringify(`${demo.merchantUrl}/sdk/checkout-sdk.js`)};
      const recorded = (window.recorded = { completed: [], errors: [] });
      mount(document.getElementById('host'), {
        token: ${JSON.stringify(token)},
        baseUrl: ${JSON.stringify(demo.apiUrl)},
        onComplete: (session) => recorded.completed.push(session.session_id),
        onError: (error) => recorded.errors.push(error.code),
      });
    `,
  });
  await page.waitForFunction(() => 'recorded' in window);
}

export function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
}
