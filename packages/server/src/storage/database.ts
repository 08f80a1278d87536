// Opens the store named by the config: SQLite (libSQL driver) or PostgreSQL (pg).
// One data model, two generated clients; the app is typed against the SQLite
// client and the PostgreSQL one is cast once, here.
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import type { StoreConfig } from '../config.js';
import { PrismaClient as PgPrismaClient } from './generated/postgresql/client.js';
import { PrismaClient } from './generated/sqlite/client.js';

export type { PrismaClient };

export interface Database {
  provider: StoreConfig['provider'];
  prisma: PrismaClient;
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
    const adapter = new PrismaLibSql({ url: store.url, timeout: 5000 });
    const prisma = new PrismaClient({ adapter });
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return {
      provider: 'sqlite',
      prisma,
      ping: async () => {
        await prisma.$queryRawUnsafe('SELECT 1');
      },
      close: () => prisma.$disconnect(),
    };
  }
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
  return {
    provider: 'postgresql',
    prisma,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}
