// The service runs from one bundle (scripts/bundle.mjs), and the rest of this suite starts the
// service from src/. A bundler can break what loads only when configured (a CommonJS package's
// exports, a file found relative to the code), so each such part is started here from the bundle:
// Redis rate limits, the metrics port, the docs page and its script, PostgreSQL and WORKERS.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '@checkout/test-support';
import { cli, startServerProcess } from './support/processes.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN_PATH = '/api/checkout/token/developer';

const stores: TestStore[] = [];
afterAll(() => Promise.all(stores.map((s) => s.drop())));

async function storeEnv(kind: 'sqlite' | 'postgresql') {
  const store = await createTestStore(kind);
  stores.push(store);
  const env = { DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl, MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', SHUTDOWN_DELAY_SECONDS: '0' };
  const migrated = cli(['db', 'migrate'], env);
  expect(migrated.status, migrated.stderr).toBe(0);
  const key = JSON.parse(cli(['keys', 'create', '--name', 'Bundle', '--json'], env).stdout) as Key;
  return { env, key };
}

type Key = { api_key: string; api_secret: string };
const tokenHeaders = (key: Key) => ({ 'content-type': 'application/json', 'x-api-key': key.api_key, 'x-api-secret': key.api_secret });

async function issueAndVerify(url: string, key: Key) {
  const issued = await fetch(url + TOKEN_PATH, {
    method: 'POST',
    headers: tokenHeaders(key),
    body: JSON.stringify({ amount: 12.5, email: 'bundle@example.com' }),
  });
  expect(issued.status).toBe(200);
  const token = ((await issued.json()) as { data: { checkout_token: string } }).data.checkout_token;
  const session = await fetch(`${url}/api/checkout/session`, { headers: { authorization: `Bearer ${token}` } });
  expect(session.status).toBe(200);
  expect(((await session.json()) as { data: { amount: number } }).data.amount).toBe(12.5);
}

describe('the production bundle', () => {
  it('is ASCII, so V8 keeps the source of each chunk at one byte a character (scripts/bundle.mjs)', () => {
    const dir = new URL('../dist/bundle/', import.meta.url);
    const chunks = readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    const nonAscii = chunks.filter((name) => /[^\x00-\x7f]/.test(readFileSync(new URL(name, dir), 'utf8')));
    expect(nonAscii).toEqual([]);
  });

  it("reads Prisma's query compilers from .wasm files beside it, so no chunk's source holds one in base64 (scripts/bundle.mjs)", () => {
    const dir = new URL('../dist/bundle/', import.meta.url);
    const files = readdirSync(dir);
    for (const provider of ['sqlite', 'postgresql']) {
      const wasm = readFileSync(new URL(`query_compiler_small_bg.${provider}.wasm`, dir));
      expect(wasm.subarray(0, 4).toString('latin1'), provider).toBe('\0asm');
    }
    // A WebAssembly module in base64 starts "AGFzbQ" ("\0asm").
    const inBase64 = files.filter((name) => name.endsWith('.js') && readFileSync(new URL(name, dir), 'latin1').includes('AGFzbQ'));
    expect(inBase64).toEqual([]);
  });

  it('on SQLite with Redis limits and metrics: issues and verifies tokens, counts them, serves the docs', async () => {
    const { env, key } = await storeEnv('sqlite');
    const limits = { REDIS_URL, REDIS_KEY_PREFIX: `bundle-${randomBytes(6).toString('hex')}`, RATE_LIMIT_TOKENS_PER_MINUTE: '3' };
    const server = await startServerProcess({ ...env, ...limits, METRICS_PORT: '0' });
    const other = await startServerProcess({ ...env, ...limits });
    try {
      await issueAndVerify(server.url, key);
      await issueAndVerify(other.url, key);
      await issueAndVerify(server.url, key);
      // The third token used the key's limit in Redis, which both processes count against.
      const limited = await fetch(other.url + TOKEN_PATH, { method: 'POST', headers: tokenHeaders(key), body: '{"amount": 1, "email": "bundle@example.com"}' });
      expect(limited.status).toBe(429);

      const metricsUrl = /metrics (http:\/\/\S+)/.exec(server.output())?.[1];
      expect(metricsUrl, server.output()).toBeDefined();
      expect(await (await fetch(metricsUrl!)).text()).toMatch(/^checkout_tokens_issued_total\S* 2$/m);

      const docs = await fetch(`${server.url}/docs`);
      expect(docs.status).toBe(200);
      const script = /src="(\/docs\/assets\/[^"]+\.js)"/.exec(await docs.text())?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(server.url + script);
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(100_000);
    } finally {
      expect(await other.stop()).toBe(0);
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toMatch(/"level":(40|50|60)/);
  });

  it('on PostgreSQL with WORKERS=2: one port, tokens issued and verified, a clean exit', async () => {
    const { env, key } = await storeEnv('postgresql');
    const server = await startServerProcess({ ...env, WORKERS: '2' });
    try {
      expect(server.output()).toContain(' · 2 workers · ');
      for (let i = 0; i < 4; i++) await issueAndVerify(server.url, key);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toMatch(/"level":(40|50|60)/);
  });
});
