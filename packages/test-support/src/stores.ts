// Real databases for tests: a fresh SQLite file, or a fresh schema in the machine's PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type StoreKind = 'sqlite' | 'postgresql';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgresql'];

export interface TestStore {
  kind: StoreKind;
  databaseUrl: string;
  /** A private DATA_DIR (master key file, SQLite file). */
  dataDir: string;
  /** Runs SQL against the store directly (bypassing the app), for assertions. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), `checkout-test-${kind}-`));
  if (kind === 'sqlite') {
    const file = join(dataDir, 'test.db');
    const { createClient } = await import('@libsql/client');
    let client: ReturnType<typeof createClient> | undefined;
    return {
      kind,
      dataDir,
      databaseUrl: `file:${file}`,
      async query(sql, params = []) {
        client ??= createClient({ url: `file:${file}`, timeout: 5000 });
        const result = await client.execute({ sql, args: params as never });
        return result.rows.map((row) => ({ ...row }));
      },
      async drop() {
        client?.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2 });
  return {
    kind,
    dataDir,
    databaseUrl: url.toString(),
    async query(sql, params = []) {
      const client = await pool.connect();
      try {
        await client.query(`SET search_path TO "${schema}"`);
        return (await client.query(sql, params)).rows;
      } finally {
        client.release();
      }
    },
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
