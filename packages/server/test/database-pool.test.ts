// DATABASE_POOL_SIZE bounds the PostgreSQL connections one process holds, however many requests
// arrive at once: what an operator sizes against max_connections across workers and instances.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';
import { createTestStore, type TestStore } from '@checkout/test-support';

describe('the PostgreSQL connection pool', () => {
  let server: TestServer | undefined;
  let store: TestStore | undefined;
  afterEach(async () => {
    await server?.close();
    await store?.drop();
    server = store = undefined;
  });

  /** Starts a server with the pool size, sends `burst` token requests at once, and counts its connections. */
  async function connectionsAfterBurst(poolSize: number, burst: number) {
    store = await createTestStore('postgresql');
    // Its own application_name, so pg_stat_activity shows this server's connections and no other test's.
    const name = `pool-${randomBytes(6).toString('hex')}`;
    const url = new URL(store.databaseUrl);
    url.searchParams.set('application_name', name);
    // No cache: every request reads its credentials and signing key from the database.
    server = await startServer('postgresql', { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(poolSize), CACHE_TTL_SECONDS: '0' }, { store });
    const key = await server.createApiKey();
    const headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
    const statuses = await Promise.all(
      Array.from({ length: burst }, async (_, i) => {
        const res = await server!.request('POST', '/api/checkout/token/developer', { headers, body: JSON.stringify({ amount: 1, email: `pool-${i}@example.com` }) });
        return res.status;
      }),
    );
    // The pool keeps idle connections for a while, so what it opened during the burst is still there.
    const [row] = await store.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
    return { statuses, connections: row!.n as number };
  }

  it('opens no more than DATABASE_POOL_SIZE connections for a burst of requests, and answers them all', async () => {
    const { statuses, connections } = await connectionsAfterBurst(2, 60);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('opens more under the same burst when allowed more (the default, 10)', async () => {
    const { statuses, connections } = await connectionsAfterBurst(10, 60);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(connections).toBeGreaterThan(2);
    expect(connections).toBeLessThanOrEqual(10);
  });
});
