// Opens the store named by the config: SQLite (libSQL driver) or PostgreSQL (pg).
// One data model, two generated clients; the app is typed against the SQLite
// client and the PostgreSQL one is cast once, here.
// Only the provider in use is loaded (each generated client and driver costs memory and start-up time).
import { DEFAULT_DATABASE_POOL_SIZE, type StoreConfig } from '../config.js';
import type { PrismaClient } from './generated/sqlite/client.js';

export type { PrismaClient };

export interface Database {
  provider: StoreConfig['provider'];
  prisma: PrismaClient;
  /** A table's name, quoted (and schema-qualified on PostgreSQL), for the few raw statements. */
  table(name: string): string;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(store: StoreConfig): Promise<Database> {
  if (store.provider === 'sqlite') {
    const { openSqlite } = await import('./sqlite.js');
    return openSqlite(store);
  }
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('./generated/postgresql/client.js'),
  ]);
  const adapter = new PrismaPg(
    {
      connectionString: store.url,
      // Connections this process may hold (DATABASE_POOL_SIZE). Under the bench's load one process
      // keeps one or two busy (session inserts are group-committed, one statement at a time, and
      // reads are cached), and a pool of 2 issued as fast as one of 10 (packages/bench/README.md).
      // The default leaves room for bursts of cache misses; with several workers or instances,
      // their sum must stay under PostgreSQL's max_connections.
      max: store.poolSize ?? DEFAULT_DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5000,
      // Fail a stuck statement rather than hold a request forever.
      statement_timeout: 10_000,
    },
    store.schema ? { schema: store.schema } : undefined,
  );
  const prisma = new PgPrismaClient({ adapter }) as unknown as PrismaClient;
  const schema = store.schema ?? 'public';
  return {
    provider: 'postgresql',
    prisma,
    table: (name) => `"${schema}"."${name}"`,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}
