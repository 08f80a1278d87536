// A bounded soak against the built server process: valid issuance, verification and
// confirmation with ~1% bad input, for SOAK_SECONDS (default 20, at most 60) per store.
// Proves: zero 5xx, zero lost sessions (every 200 token's session is in the database),
// resident memory stable (under a 128 MB heap cap, where a leak would crash the server),
// and no secret in the logs.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, createTestStore, type TestStore } from '@checkout/test-support';
import { cliAsync, startServerProcess } from './support/processes.js';

const SECONDS = Math.min(60, Number(process.env.SOAK_SECONDS ?? 20));
const WORKERS = 8;

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe.each(STORE_KINDS)(`${SECONDS}-second mixed soak on %s`, (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(() => store?.drop());

  it('answers no 5xx, loses no session, keeps memory stable and logs no secret', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const env = {
      DATABASE_URL: store.databaseUrl,
      DATA_DIR: store.dataDir,
      MASTER_KEY: masterKey,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      RATE_LIMIT_TOKENS_PER_MINUTE: '0',
      RATE_LIMIT_AUTH_FAILURES: '0',
      // A capped heap turns a leak into a crash (and this test into a failure) within the soak,
      // instead of V8 simply growing while it may.
      NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS ?? '--max-old-space-size=128',
    };
    const server = await startServerProcess(env);
    const key = JSON.parse((await cliAsync(['keys', 'create', '--name', 'Soak', '--json'], env)).stdout);
    const auth = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
    const statuses = new Map<number, number>();
    const tokens: string[] = [];
    const serverErrors: string[] = [];
    const memory: number[] = [];
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const call = async (path: string, init: RequestInit) => {
      const res = await fetch(server.url + path, init).catch((error: Error) => {
        throw new Error(`${init.method ?? 'GET'} ${path}: ${error.message}; server exit ${server.child.exitCode} ${server.child.signalCode}\n${server.output().slice(-4000)}`);
      });
      const text = await res.text();
      count(res.status);
      if (res.status >= 500) serverErrors.push(`${init.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 200)}`);
      return { status: res.status, json: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined };
    };

    const sampler = setInterval(() => memory.push(rssMegabytes(server.child.pid!)), 500);
    const end = Date.now() + SECONDS * 1000;
    let iteration = 0;
    const worker = async () => {
      while (Date.now() < end) {
        const n = iteration++;
        if (n % 100 === 37) {
          // ~1% bad input: an invalid body, a wrong secret, or a forged token.
          const bad = n % 3;
          if (bad === 0) await call('/api/checkout/token/developer', { method: 'POST', headers: auth, body: '{"amount": -1, "email": "x"}' });
          if (bad === 1) await call('/api/checkout/token/developer', { method: 'POST', headers: { ...auth, 'X-Api-Secret': 'wrong' }, body: '{"amount": 1, "email": "a@example.com"}' });
          if (bad === 2) await call('/api/checkout/session', { headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
          continue;
        }
        const minted = await call('/api/checkout/token/developer', {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ amount: (n % 5000) + 0.99, email: `soak-${n % 500}@example.com` }),
        });
        if (minted.status !== 200) continue;
        const token = minted.json.data.checkout_token as string;
        tokens.push(token);
        await call('/api/checkout/session', { headers: { Authorization: `Bearer ${token}` } });
        if (n % 3 === 0) await call('/api/checkout/session/confirm', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    clearInterval(sampler);
    const logs = server.output();
    expect(await server.stop()).toBe(0);

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(`[${kind}] ${total} requests in ${SECONDS} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, tokens ${tokens.length}, RSS MB first/peak/last ${memory[0]?.toFixed(0)}/${Math.max(...memory).toFixed(0)}/${memory.at(-1)?.toFixed(0)}`);

    // Zero 5xx, and only the expected kinds of answer.
    expect(serverErrors).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200, 401, 422]);
    expect(tokens.length).toBeGreaterThan(100);

    // Zero lost sessions: every token answered 200 has its session stored.
    const nonces = tokens.map((t) => decodeJwt(t).jti as string);
    let found = 0;
    for (let i = 0; i < nonces.length; i += 500) {
      const chunk = nonces.slice(i, i + 500);
      const placeholders = chunk.map((_, j) => (kind === 'sqlite' ? '?' : `$${j + 1}`)).join(',');
      const [row] = await store.query(`SELECT COUNT(*) AS n FROM "CheckoutSession" WHERE nonce IN (${placeholders})`, chunk);
      found += Number(row!.n);
    }
    expect(found).toBe(nonces.length);

    // Memory stable: after warm-up (first quarter), the last quarter stays near the second quarter.
    const quarter = Math.floor(memory.length / 4);
    const settled = Math.max(...memory.slice(quarter, 2 * quarter));
    const late = Math.max(...memory.slice(3 * quarter));
    expect(late).toBeLessThan(settled * 1.25 + 16);

    // No secret in the logs: API secret, master key, tokens (whole or their payload).
    expect(logs).toContain('request completed');
    expect(logs).not.toContain(key.api_secret);
    expect(logs).not.toContain(masterKey);
    for (const token of tokens.slice(0, 200)) expect(logs).not.toContain(token.split('.')[1]!);
    expect(logs).not.toMatch(/"x-api-secret":"(?!\[redacted\])/);
    expect(logs).not.toMatch(/"authorization":"(?!\[redacted\])/);
  }, (SECONDS + 60) * 1000);
});
