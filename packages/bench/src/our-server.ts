// Our server as the bench drives it: its environment on a scratch store, its migrations, and the
// two loads (token issuance and verification) with a real API key and a pool of real tokens.
// Used by `pnpm bench` and `pnpm bench:compare`; `serve` is a checkout's packages/server/bin/serve.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { LoadSpec } from './load.js';
import { middleBy } from './paired.js';
import { spawnServer } from '@checkout/test-support';
import { type Started, waitFor200 } from './processes.js';
import type { ScratchStore } from './scratch-store.js';

/** The command line of the same checkout as `serve` (so its migrations match its server). */
const cliOf = (serve: string) => join(dirname(serve), '../dist/cli/main.js');

/** Production settings on the scratch store; rate limits on, but high enough for one key's load. */
export function ourEnv(store: ScratchStore, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: store.dataDir,
    DATABASE_URL: store.databaseUrl,
    MASTER_KEY: randomBytes(32).toString('base64'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_TOKENS_PER_MINUTE: '10000000',
    RATE_LIMIT_SDK_CALLS_PER_MINUTE: '10000000',
    ...extra,
  };
}

function cli(serve: string, env: Record<string, string>, args: string[]): string {
  return execFileSync(process.execPath, [cliOf(serve), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

/** Applies the migrations before the server starts, so a start measures a restart. */
export function migrate(serve: string, env: Record<string, string>): void {
  cli(serve, env, ['db', 'migrate']);
}

export interface OurLoads {
  /** The first token issued after start-up (ms). */
  firstRequestMs: number;
  /** POST /api/checkout/token/developer, cycling 1,000 payers. */
  issuance: LoadSpec;
  /** GET /api/checkout/session, cycling 200 real tokens. */
  verification: LoadSpec;
}

/** Creates an API key, issues the first token (timed) and a pool of tokens to verify. */
export async function prepareLoads(serve: string, url: string, env: Record<string, string>): Promise<OurLoads> {
  const key = JSON.parse(cli(serve, env, ['keys', 'create', '--name', 'Bench', '--json'])) as { api_key: string; api_secret: string };
  const auth = { 'content-type': 'application/json', 'x-api-key': key.api_key, 'x-api-secret': key.api_secret };
  const path = '/api/checkout/token/developer';
  const t1 = performance.now();
  const first = await fetch(url + path, { method: 'POST', headers: auth, body: '{"amount": 1, "email": "first@bench.example"}' });
  const firstRequestMs = performance.now() - t1;
  if (first.status !== 200) throw new Error(`first token request answered ${first.status}: ${await first.text()}`);
  const tokens: string[] = [];
  for (let i = 0; i < 200; i++) {
    const res = await fetch(url + path, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 10 + i, email: `verify-${i}@bench.example` }) });
    tokens.push(((await res.json()) as { data: { checkout_token: string } }).data.checkout_token);
  }
  const bodies = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ amount: (i % 900) + 0.99, email: `payer-${i}@bench.example`, currency: 'usd' }));
  return {
    firstRequestMs,
    issuance: { url, method: 'POST', path, headers: auth, bodies },
    verification: { url, method: 'GET', path: '/api/checkout/session', headers: {}, authorizations: tokens.map((t) => `Bearer ${t}`) },
  };
}

/**
 * A migrated server, up and ready, with its loads prepared: the steps `pnpm bench`,
 * `bench:compare` and `bench:gc` take before they measure. `processEnv` goes to the server process
 * only (not to the command line that migrates and creates the key), e.g. NODE_OPTIONS. The cold
 * start is process start → first 200 on /readyz; with `starts` > 1 the server is started and
 * stopped that many times less one before the start that is kept, and the cold start is the median
 * (one start on a machine with bursts of steal time is a draw). If a step fails the server is
 * stopped, and the error carries the end of its output.
 */
export async function startOurServer(
  serve: string,
  env: Record<string, string>,
  processEnv: Record<string, string> = {},
  starts = 1,
): Promise<{ started: Started; loads: OurLoads; coldStartMs: number; coldStartsMs: number[] }> {
  migrate(serve, env);
  const coldStartsMs: number[] = [];
  for (;;) {
    const t0 = performance.now();
    const started = await spawnServer(serve, { ...env, ...processEnv }, { killAfterMs: 15_000 });
    try {
      coldStartsMs.push(await waitFor200(`${started.url}/readyz`, t0));
      if (coldStartsMs.length < starts) {
        await started.stop();
        continue;
      }
      return { started, coldStartMs: middleBy(coldStartsMs, (ms) => ms), coldStartsMs, loads: await prepareLoads(serve, started.url, env) };
    } catch (error) {
      await started.stop();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output (end) ---\n${started.output().slice(-3000)}`, {
        cause: error,
      });
    }
  }
}
