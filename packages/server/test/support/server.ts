// Starts the real server in-process on 127.0.0.1:0 against a real store (with the workspace's
// @checkout/test-support), and gives tests the generated client with a middleware that checks
// every response against the spec.
import { Writable } from 'node:stream';
import { createCheckoutClient } from '@checkout/client';
import type { Middleware } from '@checkout/client';
import { createTestStore, listenOnFreePort, type StoreKind, type TestStore, testEnvironment } from '@checkout/test-support';
import { createAppServer, createLogger, loadConfig, openService, type Service } from '../../src/index.js';
import { assertErrorEnvelope, assertMatchesSpec } from './spec-conformance.js';

export const specConformance: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const text = await response.clone().text();
    const contentType = response.headers.get('content-type');
    const body = contentType?.includes('json') && text ? JSON.parse(text) : text;
    assertMatchesSpec(request.method, schemaPath, response.status, contentType, body);
    return undefined;
  },
};

export interface TestServer {
  baseUrl: string;
  store: TestStore;
  service: Service;
  /** Every log line the server wrote, as text. */
  logs: string[];
  createApiKey(name?: string): Promise<{ api_key: string; api_secret: string; initiator_id: string }>;
  client(credentials?: { apiKey: string; apiSecret: string }): ReturnType<typeof createCheckoutClient>;
  /** A plain HTTP call (for inputs the typed client cannot express); checks documented answers against the spec. */
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/**
 * @param options.store an existing store to use (and leave in place on close), e.g. to
 *   restart a server on the same data with other settings.
 */
export async function startServer(kind: StoreKind, env: Record<string, string> = {}, options: { store?: TestStore } = {}): Promise<TestServer> {
  const store = options.store ?? (await createTestStore(kind));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig(
    testEnvironment({
      DATABASE_URL: store.databaseUrl,
      DATA_DIR: store.dataDir,
      LOG_LEVEL: 'info',
      OPENAPI_VALIDATE_RESPONSES: 'true',
      // Tests make many deliberate failures from 127.0.0.1; rate-limits.test.ts checks the real limits.
      RATE_LIMIT_AUTH_FAILURES: '100000',
      RATE_LIMIT_SDK_CALLS_PER_MINUTE: '100000',
      ...env,
    }).env,
  );
  const service = await openService(config, createLogger(config.logLevel, sink));
  const server = await listenOnFreePort(createAppServer(service.createApp()));
  const baseUrl = server.url;

  return {
    baseUrl,
    store,
    service,
    logs,
    createApiKey: (name = 'Test Merchant') => service.services.apiKeys.create({ name }),
    client: (credentials) => createCheckoutClient({ baseUrl, ...credentials, middleware: [specConformance] }),
    async request(method, path, init = {}) {
      const response = await fetch(baseUrl + path, { method, headers: init.headers, body: init.body });
      const text = await response.text();
      const contentType = response.headers.get('content-type');
      const json = contentType?.includes('json') && text ? JSON.parse(text) : undefined;
      const route = path.split('?')[0] as string;
      try {
        assertMatchesSpec(method, route, response.status, contentType, json ?? text);
      } catch (error) {
        // Undocumented paths/statuses (404, 405, 413 elsewhere) must still be the JSON envelope.
        if (response.status < 400 || response.status === 422) throw error;
        assertErrorEnvelope(json);
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      await server.close();
      await service.close();
      if (!options.store) await store.drop();
    },
  };
}
