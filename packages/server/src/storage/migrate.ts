// Applies the committed SQL migrations (migrations/NNNN_name/<provider>.sql) in order,
// each in its own transaction, and records them with a checksum. Safe to run from
// several processes at once: SQLite's write lock / a PostgreSQL advisory lock serialises them.
// Written against the raw drivers because a migration file holds several statements.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreConfig } from '../config.js';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: StoreConfig['provider']): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}_/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, `${provider}.sql`), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Validates the applied history against every known migration; returns those of `wanted` still to apply. */
function checkHistory(applied: Map<string, string>, all: Migration[], wanted: Migration[] = all): Migration[] {
  const known = new Map(all.map((m) => [m.name, m]));
  for (const [name, checksum] of applied) {
    const local = known.get(name);
    if (!local) throw new MigrationError(`the database has migration ${name}, which this version does not know (a newer release ran here?)`);
    if (local.checksum !== checksum) throw new MigrationError(`migration ${name} was changed after it was applied (checksum mismatch)`);
  }
  return wanted.filter((m) => !applied.has(m.name));
}

/** Applies pending migrations (up to and including `target`, if given); returns the names applied now. */
export async function migrate(store: StoreConfig, options: { target?: string } = {}): Promise<string[]> {
  const all = listMigrations(store.provider);
  const end = options.target === undefined ? all.length : all.findIndex((m) => m.name === options.target) + 1;
  if (end === 0) throw new MigrationError(`no migration named ${options.target}`);
  const wanted = all.slice(0, end);
  return store.provider === 'sqlite' ? migrateSqlite(store, all, wanted) : migratePostgres(store, all, wanted);
}

// libSQL waits for a lock synchronously (blocking the event loop), so migrators in one
// process must queue in JavaScript; other processes wait on SQLite's busy timeout.
const sqliteQueues = new Map<string, Promise<unknown>>();

function migrateSqlite(store: Extract<StoreConfig, { provider: 'sqlite' }>, all: Migration[], wanted: Migration[]): Promise<string[]> {
  const previous = sqliteQueues.get(store.filePath) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => migrateSqliteNow(store, all, wanted));
  sqliteQueues.set(store.filePath, run);
  return run;
}

async function migrateSqliteNow(store: Extract<StoreConfig, { provider: 'sqlite' }>, all: Migration[], wanted: Migration[]) {
  mkdirSync(dirname(store.filePath), { recursive: true });
  const { createClient } = await import('@libsql/client');
  const client = createClient({ url: store.url, timeout: 10_000 });
  try {
    // WAL lets readers proceed during writes; it is a property of the file, set once.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(
      'CREATE TABLE IF NOT EXISTS "_checkout_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied: string[] = [];
    for (;;) {
      // BEGIN IMMEDIATE takes the write lock, so a concurrent migrator waits here.
      const tx = await client.transaction('write');
      try {
        const rows = await tx.execute('SELECT name, checksum FROM "_checkout_migrations"');
        const done = new Map(rows.rows.map((r) => [String(r.name), String(r.checksum)]));
        const next = checkHistory(done, all, wanted)[0];
        if (!next) {
          await tx.rollback();
          return applied;
        }
        await tx.executeMultiple(next.sql);
        await tx.execute({
          sql: 'INSERT INTO "_checkout_migrations" (name, checksum, applied_at) VALUES (?, ?, ?)',
          args: [next.name, next.checksum, new Date().toISOString()],
        });
        await tx.commit();
        applied.push(next.name);
      } finally {
        tx.close();
      }
    }
  } finally {
    client.close();
  }
}

async function migratePostgres(store: Extract<StoreConfig, { provider: 'postgresql' }>, all: Migration[], wanted: Migration[]) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: store.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const schema = store.schema ?? 'public';
    const quoted = `"${schema.replaceAll('"', '""')}"`;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`).catch((error: { code?: string }) => {
      // Two migrators creating the schema at the same instant: the loser's CREATE fails; the schema exists.
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
    await client.query(`SET search_path TO ${quoted}`);
    await client.query('BEGIN');
    try {
      // One migrator per schema at a time; the lock is released at COMMIT.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`checkout-migrations:${schema}`]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS "_checkout_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const rows = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_checkout_migrations"');
      const pending = checkHistory(new Map(rows.rows.map((r) => [r.name, r.checksum])), all, wanted);
      for (const m of pending) {
        await client.query(m.sql);
        await client.query('INSERT INTO "_checkout_migrations" (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      }
      await client.query('COMMIT');
      return pending.map((m) => m.name);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}
