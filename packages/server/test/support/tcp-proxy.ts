// A real TCP proxy between the server and its database, so a test can cut the network
// (refuse new connections, reset open ones) and restore it, without touching the database.
import net from 'node:net';
import { createTestStore, TEST_POSTGRES_URL, type TestStore } from '@checkout/test-support';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let up = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) return client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      up = false;
      for (const s of sockets) s.resetAndDestroy();
      sockets.clear();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A fresh PostgreSQL store (its own schema) reached through a proxy the test can cut and restore. */
export async function createProxiedPostgresStore(): Promise<{ store: TestStore; proxy: TcpProxy; databaseUrl: string; close(): Promise<void> }> {
  const store = await createTestStore('postgresql');
  const real = new URL(TEST_POSTGRES_URL);
  const proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(store.databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return {
    store,
    proxy,
    databaseUrl: viaProxy.toString(),
    async close() {
      await proxy.close();
      await store.drop();
    },
  };
}
