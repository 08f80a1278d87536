// SQLite through Prisma's libSQL adapter, with the same settings on every connection.
// PRAGMAs belong to a connection, and @libsql/client opens a new one after every transaction (it
// hands the old one to the transaction). Settings applied once at open were therefore lost after
// the first transaction in the process (creating or rotating an API key is one): synchronous fell
// back to FULL, an fsync per commit on the event loop. This adapter sets up each new connection.
import type { Client, Config, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { DEFAULT_SQLITE_SYNCHRONOUS, type StoreConfig } from '../config.js';
import type { Database } from './database.js';
import { PrismaClient } from './generated/sqlite/client.js';

class PrismaLibSqlWithSettings extends PrismaLibSql {
  readonly #settings: string[];

  constructor(config: Config, settings: string[]) {
    super(config);
    this.#settings = settings;
  }

  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const transaction = client.transaction.bind(client);
    client.transaction = async (mode?: TransactionMode) => {
      const tx = await transaction(mode);
      try {
        // The client now has no connection; this opens the next one and sets it up.
        for (const pragma of this.#settings) await client.execute(pragma);
      } catch (error) {
        tx.close();
        throw error;
      }
      return tx;
    };
    return client;
  }
}

export async function openSqlite(store: Extract<StoreConfig, { provider: 'sqlite' }>): Promise<Database> {
  const settings = [
    'PRAGMA foreign_keys = ON',
    // WAL (set by the migrator) with synchronous=NORMAL: a process crash loses nothing; an OS crash
    // or power cut can lose the last commits. FULL fsyncs every commit (~1.5 ms each, blocking).
    `PRAGMA synchronous = ${(store.synchronous ?? DEFAULT_SQLITE_SYNCHRONOUS).toUpperCase()}`,
  ];
  // timeout = SQLite busy timeout (ms): wait for another process's write lock instead of failing.
  const adapter = new PrismaLibSqlWithSettings({ url: store.url, timeout: 5000 }, settings);
  const prisma = new PrismaClient({ adapter });
  for (const pragma of settings) await prisma.$executeRawUnsafe(pragma);
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
