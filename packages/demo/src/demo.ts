// Starts the demo in one process: the checkout API (the real server, its usual config,
// CORS open to the shop's origin) and the demo shop whose page mounts @checkout/sdk.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCheckoutClient } from '@checkout/client';
import { createLogger, loadConfig, openService, type Service } from '@checkout/server';
import { createDemoKey, DEMO_MERCHANT_NAME, type DemoKey, type DemoKeySource, loadOrCreateDemoKey } from './demo-key.js';
import { createMerchantHandler } from './merchant.js';
import { CART, createOrderBook, type OrderToken } from './orders.js';

export { DEMO_MERCHANT_NAME, demoKeyPath } from './demo-key.js';
export { CART } from './orders.js';

export interface DemoOptions {
  /** The server's environment (PORT, HOST, DATA_DIR, DATABASE_URL, MASTER_KEY, LOG_LEVEL, …). */
  env: Record<string, string | undefined>;
  /** The shop's port (DEMO_PORT); 0 picks a free one. */
  merchantPort: number;
  /** Where the demo reports what it did (key created, key replaced); silent by default. */
  log?: (line: string) => void;
}

export interface Demo {
  merchantUrl: string;
  apiUrl: string;
  dataDir: string;
  service: Service;
  keySource: DemoKeySource;
  /** Stops the API's listener: the browser then gets connection failures (a real outage). */
  stopApi(): Promise<void>;
  /** Listens again on the same port. */
  startApi(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const log = options.log ?? (() => {});
  const host = loadConfig(options.env).host; // throws ConfigError on a bad environment, before anything starts

  // The shop listens first: its origin is what the API's CORS must allow.
  let apiUrl = '';
  let orders: ReturnType<typeof createOrderBook> | undefined;
  const merchantHandler = createMerchantHandler({
    merchantName: DEMO_MERCHANT_NAME,
    apiUrl: () => apiUrl,
    log,
    orders: { tokenFor: (orderId) => (orders ? orders.tokenFor(orderId) : Promise.reject(new Error('the demo is starting'))) },
  });
  const merchant = await listen((req, res) => void merchantHandler(req, res), options.merchantPort, host);
  const merchantUrl = urlFor(host, merchant.port);
  const origins = [merchantUrl, ...(isLoopback(host) ? [`http://localhost:${merchant.port}`] : [])];
  const configured = options.env.CHECKOUT_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [];

  let service: Service | undefined;
  let api: { server: Server; port: number } | undefined;
  try {
    const config = loadConfig({ ...options.env, CHECKOUT_ALLOWED_ORIGINS: [...new Set([...configured, ...origins])].join(',') });
    service = await openService(config, createLogger(config.logLevel));
    const app = service.createApp();
    api = await listen(app, config.port, host);
    apiUrl = urlFor(host, api.port);

    const { key: firstKey, source: keySource } = await loadOrCreateDemoKey(service, config.dataDir);
    let key: DemoKey = firstKey;
    if (keySource !== 'reused') log(`demo: ${describeKeySource(keySource)} an API key for "${DEMO_MERCHANT_NAME}" (saved in ${config.dataDir}/demo-key.json)`);

    const opened = service;
    const mintWith = (k: DemoKey) =>
      createCheckoutClient({ baseUrl: apiUrl, apiKey: k.api_key, apiSecret: k.api_secret }).createDeveloperToken({
        email: CART.email,
        amount: CART.total,
        currency: CART.currency,
      });
    orders = createOrderBook({
      dataDir: config.dataDir,
      async mint(): Promise<OrderToken> {
        let result = await mintWith(key);
        if (result.response.status === 401) {
          // Revoked, or the master key changed since it was saved: make a new one, once.
          key = await createDemoKey(opened, config.dataDir);
          log(`demo: the saved API key was refused; created a new one`);
          result = await mintWith(key);
        }
        const token = result.data?.data;
        if (!token) throw new Error(`the token endpoint answered ${result.response.status}`);
        return { checkout_token: token.checkout_token, expires_at: token.expires_at };
      },
    });

    const apiPort = api.port;
    return {
      merchantUrl,
      apiUrl,
      dataDir: config.dataDir,
      service,
      keySource,
      async stopApi() {
        if (!api) return;
        const { server } = api;
        api = undefined;
        await close(server);
      },
      async startApi() {
        if (api) return;
        api = await listen(app, apiPort, host);
      },
      async close() {
        await Promise.all([close(merchant.server), api ? close(api.server) : undefined]);
        api = undefined;
        await opened.close();
      },
    };
  } catch (error) {
    await close(merchant.server);
    if (api) await close(api.server);
    await service?.close();
    throw error;
  }
}

function describeKeySource(source: DemoKeySource): string {
  switch (source) {
    case 'created':
      return 'created';
    case 'replaced-revoked':
      return 'the saved key was revoked; created';
    case 'replaced-unknown':
      return 'the saved key is not in this database; created';
    case 'replaced-unreadable':
      return 'the saved key file was unreadable; created';
    case 'reused':
      return 'reused';
  }
}

function listen(handler: RequestListener, port: number, host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`${host}:${port} is already in use`) : error);
    });
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '0.0.0.0' || host === '::';
}

/** A URL a browser on this machine can open (a wildcard address is reached through loopback). */
function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}
