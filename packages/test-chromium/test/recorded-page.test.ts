// The helper every browser test stands on: if it stopped recording, their "no errors" and
// "nothing but this origin" checks would pass without looking.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordedPage } from '../src/index.js';

const PAGE = `<!doctype html><title>t</title><p>hello</p><script src="/app.js"></script>`;
const SCRIPT = `console.info('checkout ready'); console.error('something broke'); fetch('/data'); setTimeout(() => { throw new Error('uncaught'); });`;

describe('a recorded page in Debian Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const resultsDir = mkdtempSync(join(tmpdir(), 'test-chromium-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(SCRIPT);
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(resultsDir, { recursive: true, force: true });
  });

  it('records every request, console errors, page errors and info lines, and saves screenshots', async () => {
    const view = await openRecordedPage(browser, { resultsDir });
    try {
      await view.page.goto(origin);
      await expect.poll(() => view.problems.length).toBeGreaterThanOrEqual(3);
      expect(view.requests).toEqual(expect.arrayContaining([`${origin}/`, `${origin}/app.js`, `${origin}/data`]));
      expect(view.problems).toEqual(expect.arrayContaining(['console: something broke', 'pageerror: uncaught']));
      expect(view.problems.some((p) => p.startsWith('console: Failed to load resource'))).toBe(true);
      expect(view.infos).toEqual(['checkout ready']);
      const png = await view.screenshot('hello');
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await view.close();
    }
  });

  it('a missing browser is refused with the path and how to install one', async () => {
    const missing = join(resultsDir, 'no-chromium-here');
    expect(existsSync(missing)).toBe(false);
    await expect(launchChromium(missing)).rejects.toThrow(`no Chromium at ${missing}: install Debian's package`);
  });
});
