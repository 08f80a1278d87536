// Real headless Chromium for the browser tests of the server, the demo and the examples: Debian's
// /usr/bin/chromium (never a downloaded browser; CHROMIUM_PATH overrides it), driven by
// playwright-core. A page records every request it makes, its console errors and uncaught errors,
// and its console.info lines, so a test can say "nothing but this origin" and "no errors".
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// No sandbox: CI runs as root in a container. The rest keeps the browser from calling home.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Playwright's own timeout for each action, shorter than the test's so its message is the one seen. */
  actionTimeoutMs?: number;
  /** Screenshots land here (gitignored `test-results/` of the package under test by default). */
  resultsDir?: string;
  /** Screenshot the whole page rather than the viewport. */
  fullPageScreenshots?: boolean;
}

export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested (documents, scripts, images, fetches, workers). */
  requests: string[];
  /** Console errors and uncaught page errors so far ("Failed to load resource" included). */
  problems: string[];
  /** console.info lines (the demo page logs each onError there). */
  infos: string[];
  /** Writes `<name>.png` into the results folder and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh context (en-US, UTC) and page in `browser`, recording as it goes. */
export async function openRecordedPage(browser: Browser, options: PageOptions = {}): Promise<RecordedPage> {
  const resultsDir = options.resultsDir ?? resolve('test-results');
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: options.viewport ?? { width: 1280, height: 800 } });
  context.setDefaultTimeout(options.actionTimeoutMs ?? 10_000);
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  const infos: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    if (message.type() === 'info') infos.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return {
    page,
    context,
    requests,
    problems,
    infos,
    async screenshot(name) {
      mkdirSync(resultsDir, { recursive: true });
      const path = join(resultsDir, `${name}.png`);
      await page.screenshot({ path, fullPage: options.fullPageScreenshots ?? false });
      return path;
    },
    close: () => context.close(),
  };
}
