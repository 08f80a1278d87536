// `pnpm start` (the bundled service as a process): one readable line on stdout — the URL, the docs
// URL, the store (never a password) and what start-up did that an operator must know — and
// nothing on stderr; no JSON log lines at start.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, runScript, spawnServer, TEST_POSTGRES_URL } from '@checkout/test-support';
import { MAIN_JS } from './support/processes.js';

interface Started {
  line: string;
  stdout: () => string;
  stderr: () => string;
  child: ChildProcess;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
});

async function start(env: Record<string, string>): Promise<Started> {
  const server = await spawnServer(MAIN_JS, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }, { timeoutMs: 20_000 });
  running.push(server.child);
  await sleep(300); // anything else start-up prints would be here by now
  return { line: server.stdout().split('\n')[0]!, stdout: server.stdout, stderr: server.stderr, child: server.child };
}

describe('start-up output', () => {
  it('first start on SQLite without MASTER_KEY: one line with the URL, docs, store, migrations and the development key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'checkout-start-'));
    try {
      const { line, stdout, stderr } = await start({ DATA_DIR: dataDir });
      const url = /^checkout-token-service listening on (http:\/\/127\.0\.0\.1:\d+) · /.exec(line)?.[1];
      expect(url, line).toBeDefined();
      expect(line).toBe(
        `checkout-token-service listening on ${url} · docs ${url}/docs · store SQLite ${dataDir}/checkout.db · ` +
          `applied 4 migration(s) · created development master key ${dataDir}/master.key (set MASTER_KEY outside development)`,
      );
      expect(stdout()).toBe(`${line}\n`);
      expect(stderr()).toBe('');
      expect((await fetch(`${url}/docs`)).status).toBe(200);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL with MASTER_KEY and metrics: the host and schema, never the password, and the metrics URL', async () => {
    const store = await createTestStore('postgresql');
    try {
      const url = new URL(store.databaseUrl);
      url.password = 'hunter2'; // ignored by this machine's trust authentication, but must never be printed
      const { line, stderr } = await start({
        DATABASE_URL: url.toString(),
        DATA_DIR: store.dataDir,
        MASTER_KEY: randomBytes(32).toString('base64'),
        METRICS_PORT: '0',
        METRICS_TOKEN: randomBytes(16).toString('hex'),
      });
      const pg = new URL(TEST_POSTGRES_URL);
      expect(line).toMatch(
        new RegExp(
          `^checkout-token-service listening on http://127\\.0\\.0\\.1:\\d+ · docs http://127\\.0\\.0\\.1:\\d+/docs · ` +
            `store PostgreSQL ${pg.hostname}:${pg.port || 5432}${pg.pathname} \\(schema ${url.searchParams.get('schema')}\\) · ` +
            `metrics http://127\\.0\\.0\\.1:\\d+/metrics \\(bearer token\\) · applied 4 migration\\(s\\)$`,
        ),
      );
      expect(line).not.toContain('hunter2');
      expect(stderr()).toBe('');
    } finally {
      await store.drop();
    }
  });

  it('a bad variable stops start-up: exit 1, one sentence per problem on stderr, nothing on stdout', async () => {
    const { status: code, stdout, stderr } = await runScript(MAIN_JS, [], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Invalid configuration:\n' +
        '  PORT="eighty" is invalid: must be a port number from 0 to 65535 (0: any free port)\n' +
        '  LOG_LEVEL="loud" is invalid: must be one of fatal, error, warn, info, debug, trace, silent\n',
    );
  });
});
