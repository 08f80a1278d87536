// Prisma 6 CLI config for `migrate diff` only. The WASM schema engine needs a
// driver adapter; for PostgreSQL it connects (read-only) to render SQL.
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () =>
    process.env.DB_TOOLS_PROVIDER === 'postgresql'
      ? new PrismaPg({
          connectionString: process.env.DB_TOOLS_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
          // The CLI never closes the adapter: without this the process waits out the pool's 10 s idle timeout.
          allowExitOnIdle: true,
        })
      : new PrismaLibSQL({ url: ':memory:' }),
});
