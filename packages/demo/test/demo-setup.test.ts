// What `pnpm demo` sets up, without a browser: its API key (created once, kept private,
// replaced when revoked) and the shop's one-token-per-order rule.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckoutClient } from '@checkout/client';
import { demoKeyPath } from '../src/demo.js';
import { orderToken, startTestDemo } from './support/demo.js';

const dataDir = mkdtempSync(join(tmpdir(), 'checkout-demo-setup-'));
const env = { DATA_DIR: dataDir, MASTER_KEY: randomBytes(32).toString('base64') };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const savedKey = () => JSON.parse(readFileSync(demoKeyPath(dataDir), 'utf8')) as { api_key: string; api_secret: string };

describe('the demo API key', () => {
  it('is created on first run into DATA_DIR/demo-key.json, readable by its owner only, and works', async () => {
    const demo = await startTestDemo(env);
    try {
      expect(demo.keySource).toBe('created');
      expect(statSync(demoKeyPath(dataDir)).mode & 0o777).toBe(0o600);
      const key = savedKey();
      const { response } = await createCheckoutClient({ baseUrl: demo.apiUrl, apiKey: key.api_key, apiSecret: key.api_secret }).createDeveloperToken({ email: 'jane@example.com', amount: 1 });
      expect(response.status).toBe(200);
    } finally {
      await demo.close();
    }
  });

  it('is reused on the next run, and replaced by a working one once revoked', async () => {
    const first = savedKey();
    let demo = await startTestDemo(env);
    try {
      expect(demo.keySource).toBe('reused');
      expect(savedKey()).toEqual(first);
      await demo.service.services.apiKeys.revoke(first.api_key);
    } finally {
      await demo.close();
    }
    demo = await startTestDemo(env);
    try {
      expect(demo.keySource).toBe('replaced-revoked');
      const second = savedKey();
      expect(second.api_key).not.toBe(first.api_key);
      expect(statSync(demoKeyPath(dataDir)).mode & 0o777).toBe(0o600);
      const token = await orderToken(demo, demo.newOrderUrl()); // the shop mints with the new key
      expect(token.checkout_token.split('.')).toHaveLength(3);
    } finally {
      await demo.close();
    }
  });

  it('revoked while the demo runs: the shop replaces it on the next order and still mints', async () => {
    const demo = await startTestDemo(env);
    try {
      await demo.service.services.apiKeys.revoke(savedKey().api_key);
      const token = await orderToken(demo, demo.newOrderUrl());
      expect(token.checkout_token.split('.')).toHaveLength(3);
      const replaced = (await demo.service.services.apiKeys.list()).find((k) => k.id === savedKey().api_key);
      expect(replaced?.revokedAt).toBeNull();
    } finally {
      await demo.close();
    }
  });
});

describe('the shop backend', () => {
  it('gives one order the same token while it is valid, another order another token, and keeps them across restarts', async () => {
    let demo = await startTestDemo(env);
    const order = demo.newOrderUrl().replace(demo.merchantUrl, '');
    let first: string;
    try {
      const [a, b] = await Promise.all([orderToken(demo, demo.merchantUrl + order), orderToken(demo, demo.merchantUrl + order)]);
      expect(a.checkout_token).toBe(b.checkout_token); // concurrent first requests share one mint
      const other = await orderToken(demo, demo.newOrderUrl());
      expect(other.checkout_token).not.toBe(a.checkout_token);
      expect(a.api_base_url).toBe(demo.apiUrl);
      first = a.checkout_token;
    } finally {
      await demo.close();
    }
    demo = await startTestDemo(env);
    try {
      expect((await orderToken(demo, demo.merchantUrl + order)).checkout_token).toBe(first);
      expect(statSync(join(dataDir, 'demo-orders.json')).mode & 0o777).toBe(0o600);
    } finally {
      await demo.close();
    }
  });

  it('answers 404 for order ids it would not issue, and serves only the SDK from /sdk/', async () => {
    const demo = await startTestDemo(env);
    try {
      for (const path of ['/orders/../../etc/passwd', '/orders/x', '/orders/ord_<script>', '/sdk/../package.json', '/sdk/index.d.ts']) {
        expect((await fetch(demo.merchantUrl + path)).status, path).toBe(404);
      }
      const sdk = await fetch(`${demo.merchantUrl}/sdk/checkout-sdk.js`);
      expect([sdk.status, sdk.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      expect(await sdk.text()).toContain('Authorization');
    } finally {
      await demo.close();
    }
  });
});
