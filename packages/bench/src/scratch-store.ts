// Each benchmark run gets a store of its own: a fresh data directory with a SQLite file, or a
// schema of its own in the PostgreSQL database at BENCH_PG_URL. `remove` deletes both afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ScratchStore {
  dataDir: string;
  databaseUrl: string;
  remove(): Promise<void>;
}

/** `name` prefixes the directory, the SQLite file and the schema. `pgUrl` is required for PostgreSQL. */
export function createScratchStore(kind: 'sqlite' | 'postgresql', name: string, pgUrl?: string): ScratchStore {
  const dataDir = mkdtempSync(join(tmpdir(), `checkout-${name}-`));
  const schema = `${name}_${randomBytes(5).toString('hex')}`;
  let databaseUrl = `file:${join(dataDir, `${name}.db`)}`;
  if (kind === 'postgresql') {
    const url = new URL(pgUrl!);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
  }
  return {
    dataDir,
    databaseUrl,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgresql') await dropSchema(pgUrl!, schema);
    },
  };
}

async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
