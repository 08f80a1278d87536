// SIGTERM drains: requests already received are answered (none dropped), readiness turns
// 503, new connections are refused, and the process exits 0 within its deadline.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, createTestStore, type TestStore } from '@checkout/test-support';
import { cli, startServerProcess } from './support/processes.js';
import { startServer } from './support/server.js';

/** One request on its own connection (no keep-alive), resolving with the status or the error code. */
function post(url: string, headers: Record<string, string>, body: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, connection: 'close' }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end(body);
  });
}

describe.each(STORE_KINDS)('graceful shutdown on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(() => store?.drop());

  it('answers every request that reached it, then refuses new connections and exits 0', async () => {
    const env = { DATABASE_URL: store.databaseUrl, DATA_DIR: store.dataDir, MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', SHUTDOWN_DELAY_SECONDS: '1' };
    const server = await startServerProcess(env);
    const key = JSON.parse(cli(['keys', 'create', '--name', 'Drain', '--json'], env).stdout);
    const headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'content-type': 'application/json' };
    const url = `${server.url}/api/checkout/token/developer`;
    const inFlight = Array.from({ length: 100 }, (_, i) => post(url, headers, JSON.stringify({ amount: 1, email: `drain-${i}@example.com` })));
    // Let the requests reach the server, then ask it to stop while they are being served.
    await new Promise((r) => setTimeout(r, 20));
    const exited = server.stop();
    const statuses = await Promise.all(inFlight);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await exited).toBe(0);
    expect(await post(url, headers, '{}')).toBe('ECONNREFUSED');
  });
});

describe('readiness while draining', () => {
  it('answers 503 once shutdown has begun, so balancers stop sending traffic', async () => {
    const server = await startServer('sqlite');
    try {
      expect((await server.request('GET', '/readyz')).status).toBe(200);
      server.service.lifecycle.draining = true;
      const res = await server.request('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ status: 'unavailable', checks: { database: 'ok', shutdown: 'draining' } });
    } finally {
      await server.close();
    }
  });
});
