// GET /docs: a newcomer opens the API reference in a real browser and finds every operation
// of the spec (by the summary the spec gives it), its examples and the security schemes,
// with this instance's URL — and the page loads nothing from anywhere but this server.
// `pnpm docs:build` writes the same page as one file that works with no server at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, openRecordedPage, type RecordedPage } from '@checkout/test-chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from '@checkout/contract/openapi';
import { loadSpec } from '../src/http/spec.js';
import { startServer, type TestServer } from './support/server.js';

const { document } = loadSpec();
const operations = operationsOf(document).map(({ operation }) => operation as typeof operation & { summary: string });
const securitySchemes = Object.keys((document.components as { securitySchemes: Record<string, unknown> }).securitySchemes);
const BUILD_DOCS = new URL('../dist/build-docs.js', import.meta.url);

/** Waits for Redoc to render, then checks what a reader must find. */
async function expectCompleteReference(view: RecordedPage) {
  const { page } = view;
  await page.locator('[data-section-id^="operation/"]').first().waitFor();
  for (const { summary, operationId } of operations) {
    const heading = page.locator(`[data-section-id="operation/${operationId}"] h2`);
    expect((await heading.innerText()).trim(), operationId).toBe(summary);
  }
  for (const scheme of securitySchemes) {
    await expect(page.locator(`[data-section-id="section/Authentication/${scheme}"]`).count(), scheme).resolves.toBe(1);
  }
  // The developer operation shows its request example and its 200 example (a real-looking JWS).
  const developer = page.locator('[data-section-id="operation/create_developer_checkout_token_api_checkout_token_developer_post"]');
  await expect(developer.getByText('"jane@example.com"').count()).resolves.toBeGreaterThan(0);
  await expect(developer.getByText(/"eyJhbGciOiJIUzI1NiIs/).count()).resolves.toBeGreaterThan(0);
}

describe('API reference', () => {
  let browser: Browser;
  let server: TestServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startServer('sqlite')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('/docs and its script are not operations of the spec (the validator never sees them)', () => {
    expect(Object.keys(document.paths ?? {}).filter((p) => p.startsWith('/docs'))).toEqual([]);
  });

  it('GET /docs is HTML with a Content-Security-Policy that allows nothing but this origin', async () => {
    const res = await fetch(`${server.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:/);
    const script = /<script src="([^"]+)"/.exec(await res.text())?.[1];
    const asset = await fetch(server.baseUrl + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('in Chromium, shows every operation by its summary, the security schemes and the examples, loading only from this server', async () => {
    const view = await openRecordedPage(browser, { actionTimeoutMs: 15_000 });
    try {
      await view.page.goto(`${server.baseUrl}/docs`);
      await expectCompleteReference(view);
      await view.screenshot('api-reference');
      expect(view.requests.filter((url) => !url.startsWith(`${server.baseUrl}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
      expect(view.problems).toEqual([]);
    } finally {
      await view.close();
    }
  });

  it("lists this instance's URL first among the servers", async () => {
    const view = await openRecordedPage(browser, { actionTimeoutMs: 15_000 });
    try {
      await view.page.goto(`${server.baseUrl}/docs`);
      const developer = view.page.locator('[data-section-id="operation/create_developer_checkout_token_api_checkout_token_developer_post"]');
      await developer.locator('button', { hasText: '/api/checkout/token/developer' }).click();
      // The list opens with an animation: its spans exist before their text is visible.
      const servers = () => developer.locator('[role="button"] span').allInnerTexts();
      await expect.poll(servers).toEqual([server.baseUrl, ...(document.servers as { url: string }[]).map((s) => s.url)]);
    } finally {
      await view.close();
    }
  });

  it('`pnpm docs:build` writes one HTML file that shows the same reference with no server and no network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkout-docs-'));
    const file = join(dir, 'index.html');
    try {
      const result = spawnSync(process.execPath, [BUILD_DOCS.pathname, '--out', file], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toMatch(/<script[^>]+src=/);
      const view = await openRecordedPage(browser, { actionTimeoutMs: 15_000 });
      try {
        await view.page.goto(pathToFileURL(file).href);
        await expectCompleteReference(view);
        expect(view.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
        expect(view.problems).toEqual([]);
      } finally {
        await view.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
