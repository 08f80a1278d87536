// The real server, as deployed: the built bundle (dist/bundle/main.js) on a free port against a fresh
// SQLite file or a fresh PostgreSQL schema, with an API key made by the built CLI.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export type StoreKind = 'sqlite' | 'postgresql';

const SERVER_DIST = dirname(fileURLToPath(import.meta.resolve('@checkout/server')));
const MAIN_JS = join(SERVER_DIST, 'bundle', 'main.js');
const CLI_JS = join(SERVER_DIST, 'cli', 'main.js');

export interface RealServer {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startRealServer(kind: StoreKind): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `contract-kit-${kind}-`));
  let dropStore = async () => {};
  let databaseUrl = `file:${join(dataDir, 'checkout.db')}`;
  if (kind === 'postgresql') {
    const schema = `kit_${randomBytes(6).toString('hex')}`;
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
    dropStore = async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    };
  }
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    MASTER_KEY: randomBytes(32).toString('base64'),
    // As deployed: the kit, not the server's own response validation, must find contract breaks.
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  const cleanup = async () => {
    await dropStore();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const created = spawnSync(process.execPath, [CLI_JS, 'keys', 'create', '--name', `contract-kit ${kind}`, '--json'], { env, encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) throw new Error(`keys create failed (${created.status}): ${created.stderr}`);
    const key = JSON.parse(created.stdout) as { api_key: string; api_secret: string };
    const { child, url, output } = await spawnServer(env);
    return {
      baseUrl: url,
      apiKey: key.api_key,
      apiSecret: key.api_secret,
      output,
      async stop() {
        await new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN_JS], { env: { ...env, HOST: '127.0.0.1', PORT: '0' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}
