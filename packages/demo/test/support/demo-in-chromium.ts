// The fixture of the browser tests: one demo (API + shop) and one Chromium per test file,
// started together before its tests and closed after them.
import { launchChromium, openRecordedPage, type RecordedPage } from '@checkout/test-chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestDemo, type TestDemo } from './demo.js';

export interface DemoInChromium {
  demo: TestDemo;
  browser: Browser;
}

/** Call at the top of a test file; the fields are set once its tests run. */
export function useDemoInChromium(): DemoInChromium {
  const fixture = {} as DemoInChromium;
  beforeAll(async () => {
    [fixture.demo, fixture.browser] = await Promise.all([startTestDemo(), launchChromium()]);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.demo?.close();
  });
  return fixture;
}

/** A fresh page the size of the shop's layout; screenshots (whole page) land in test-results/. */
export function openPage(browser: Browser): Promise<RecordedPage> {
  return openRecordedPage(browser, { viewport: { width: 1000, height: 640 }, fullPageScreenshots: true });
}
