// The real server, as deployed: the built bundle (dist/bundle/main.js) on a free port against a fresh
// SQLite file or a fresh PostgreSQL schema, with an API key made by the built CLI.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestStore, runScript, type StoreKind, spawnServer } from '@checkout/test-support';

export type { StoreKind } from '@checkout/test-support';

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
  const store = await createTestStore(kind);
  const env = {
    DATABASE_URL: store.databaseUrl,
    DATA_DIR: store.dataDir,
    MASTER_KEY: randomBytes(32).toString('base64'),
    // As deployed: the kit, not the server's own response validation, must find contract breaks.
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  try {
    const created = await runScript(CLI_JS, ['keys', 'create', '--name', `contract-kit ${kind}`, '--json'], env);
    if (created.status !== 0) throw new Error(`keys create failed (${created.status}): ${created.stderr}`);
    const key = JSON.parse(created.stdout) as { api_key: string; api_secret: string };
    const server = await spawnServer(MAIN_JS, { ...env, HOST: '127.0.0.1', PORT: '0' });
    return {
      baseUrl: server.url,
      apiKey: key.api_key,
      apiSecret: key.api_secret,
      output: server.output,
      async stop() {
        await server.stop();
        await store.drop();
      },
    };
  } catch (error) {
    await store.drop();
    throw error;
  }
}
