// Opens the store named by the config: SQLite (libSQL driver) or PostgreSQL (pg).
// One data model, two generated clients; the app is typed against the SQLite
// client and the PostgreSQL one is cast once, here.
// Only the provider in use is loaded (each generated client and driver costs memory and start-up time).
import type { StoreConfig } from '../config.js';
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

export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

export async function openDatabase(store: StoreConfig, options: OpenOptions = {}): Promise<Database> {
  if (store.provider === 'sqlite') {
    // timeout = SQLite busy timeout (ms): wait for another process's write lock instead of failing.
    const [{ PrismaLibSql }, { PrismaClient: SqlitePrismaClient }] = await Promise.all([
      import('@prisma/adapter-libsql'),
      import('./generated/sqlite/client.js'),
    ]);
    const adapter = new PrismaLibSql({ url: store.url, timeout: 5000 });
    const prisma = new SqlitePrismaClient({ adapter });
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    // WAL (set by the migrator) with synchronous=NORMAL: a process crash loses nothing; an OS crash
    // or power cut can lose the last commits. FULL fsyncs every commit (~1.5 ms each, blocking).
    await prisma.$executeRawUnsafe(`PRAGMA synchronous = ${store.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    return {
      provider: 'sqlite',
      prisma,
      table: (name) => `"${name}"`,
      ping: async () => {
        await prisma.$queryRawUnsafe('SELECT 1');
      },
      close: () => prisma.$disconnect(),
    };
  }
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('./generated/postgresql/client.js'),
  ]);
  const adapter = new PrismaPg(
    {
      connectionString: store.url,
      max: options.poolSize ?? 10,
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
