// GET /metrics: an operator scrapes Prometheus text from a port of its own (METRICS_PORT),
// behind a bearer token when METRICS_TOKEN is set, and the numbers move with real traffic:
// requests by operationId and status, latency per operation, tokens issued, sessions
// confirmed, authentication failures, rate-limit rejections, database errors (a real
// PostgreSQL behind a cut TCP proxy). Never served on the API's port; never labelled by URL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsServer, startMetricsServer } from '../src/metrics.js';
import { startServer, type TestServer } from './support/server.js';
import type { TestStore } from '@checkout/test-support';
import { createProxiedPostgresStore, type TcpProxy } from './support/tcp-proxy.js';

const CREATE = 'create_developer_checkout_token_api_checkout_token_developer_post';
const SESSION = 'get_checkout_session_api_checkout_session_get';
const CONFIRM = 'confirm_checkout_session_api_checkout_session_confirm_post';

/** Parses Prometheus text into `name{labels}` → value (labels as written, in order). */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^(\S+?)(\{.*\})? (\S+)$/.exec(line);
    if (match) values.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return values;
}

describe('metrics', () => {
  let database: Awaited<ReturnType<typeof createProxiedPostgresStore>>;
  let store: TestStore;
  let proxy: TcpProxy;
  let server: TestServer;
  let scrapeServer: MetricsServer;
  const token = randomBytes(24).toString('hex');
  let headers: Record<string, string>;

  beforeAll(async () => {
    database = await createProxiedPostgresStore();
    ({ store, proxy } = database);
    server = await startServer('postgresql', { DATABASE_URL: database.databaseUrl, METRICS_PORT: '0', METRICS_TOKEN: token, RATE_LIMIT_TOKENS_PER_MINUTE: '5', CACHE_TTL_SECONDS: '0' }, { store });
    scrapeServer = await startMetricsServer(server.service.metrics!, server.service.config.metrics!);
    const key = await server.createApiKey();
    headers = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'Content-Type': 'application/json' };
  });
  afterAll(async () => {
    await scrapeServer?.close();
    await server?.close();
    await database?.close();
  });

  async function scrape(): Promise<Map<string, number>> {
    const res = await fetch(scrapeServer.url, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  }
  const delta = (before: Map<string, number>, after: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const mint = (body: object = { email: `m-${randomBytes(4).toString('hex')}@example.com`, amount: 12.5 }, extra: Record<string, string> = {}) =>
    server.request('POST', '/api/checkout/token/developer', { headers: { ...headers, ...extra }, body: JSON.stringify(body) });

  it('is not on the API port', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);
  });

  it('refuses a scrape without the bearer token, or with a wrong one', async () => {
    expect((await fetch(scrapeServer.url)).status).toBe(401);
    const wrong = await fetch(scrapeServer.url, { headers: { Authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
  });

  it('exposes the default process metrics', async () => {
    const metrics = await scrape();
    expect(metrics.has('process_cpu_user_seconds_total')).toBe(true);
    expect(metrics.has('nodejs_heap_size_used_bytes')).toBe(true);
  });

  it('counts requests by operationId and status, and times each operation', async () => {
    const before = await scrape();
    const issued = await mint();
    expect(issued.status).toBe(200);
    expect((await mint({ email: 'x@example.com', amount: 0 })).status).toBe(422);
    await server.request('GET', '/healthz');
    await server.request('GET', '/no/such/path?x=1');
    await server.request('GET', `/another/${randomBytes(4).toString('hex')}`);
    const after = await scrape();
    expect(delta(before, after, `checkout_http_requests_total{operation="${CREATE}",status="200"}`)).toBe(1);
    expect(delta(before, after, `checkout_http_requests_total{operation="${CREATE}",status="422"}`)).toBe(1);
    expect(delta(before, after, 'checkout_http_requests_total{operation="get_liveness_healthz_get",status="200"}')).toBe(1);
    // Paths outside the spec share one label: no URL ever becomes a label.
    expect(delta(before, after, 'checkout_http_requests_total{operation="unmatched",status="404"}')).toBe(2);
    expect([...after.keys()].filter((k) => k.includes('/no/such') || k.includes('/another/'))).toEqual([]);
    expect(delta(before, after, `checkout_http_request_duration_seconds_count{operation="${CREATE}"}`)).toBe(2);
    expect(after.get(`checkout_http_request_duration_seconds_sum{operation="${CREATE}"}`)).toBeGreaterThan(0);
    expect(delta(before, after, `checkout_http_request_duration_seconds_bucket{le="+Inf",operation="${CREATE}"}`)).toBe(2);
  });

  it('counts tokens issued (not Idempotency-Key replays) and sessions confirmed', async () => {
    const before = await scrape();
    const key = { 'Idempotency-Key': randomBytes(8).toString('hex') };
    const body = { email: 'replay@example.com', amount: 3 };
    const first = await mint(body, key);
    const replay = await mint(body, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const checkoutToken = first.json.data.checkout_token as string;
    const bearer = { Authorization: `Bearer ${checkoutToken}` };
    expect((await server.request('POST', '/api/checkout/session/confirm', { headers: bearer })).status).toBe(200);
    expect((await server.request('POST', '/api/checkout/session/confirm', { headers: bearer })).status).toBe(409);
    const after = await scrape();
    expect(delta(before, after, 'checkout_tokens_issued_total')).toBe(1);
    expect(delta(before, after, 'checkout_idempotent_replays_total')).toBe(1);
    expect(delta(before, after, 'checkout_sessions_confirmed_total')).toBe(1);
    expect(delta(before, after, `checkout_http_requests_total{operation="${CONFIRM}",status="409"}`)).toBe(1);
  });

  it('counts authentication failures by operation and reason', async () => {
    const before = await scrape();
    await mint(undefined, { 'X-Api-Secret': 'sk_wrong' });
    await server.request('GET', '/api/checkout/session');
    await server.request('GET', '/api/checkout/session', { headers: { Authorization: 'Bearer not.a.token' } });
    const after = await scrape();
    expect(delta(before, after, `checkout_auth_failures_total{operation="${CREATE}",reason="invalid_credentials"}`)).toBe(1);
    expect(delta(before, after, `checkout_auth_failures_total{operation="${SESSION}",reason="token_missing"}`)).toBe(1);
    expect(delta(before, after, `checkout_auth_failures_total{operation="${SESSION}",reason="token_invalid"}`)).toBe(1);
  });

  it('counts rate-limit rejections (429)', async () => {
    const before = await scrape();
    let limited = 0;
    for (let i = 0; i < 8; i++) if ((await mint()).status === 429) limited++;
    const after = await scrape();
    expect(limited).toBeGreaterThan(0);
    expect(delta(before, after, `checkout_rate_limited_total{operation="${CREATE}"}`)).toBe(limited);
  });

  it('counts database errors (503) while the database is unreachable', async () => {
    // A key of its own: the first key's per-minute quota is spent by the test before.
    const fresh = await server.createApiKey('Outage');
    const asFresh = { 'X-Api-Key': fresh.api_key, 'X-Api-Secret': fresh.api_secret };
    const before = await scrape();
    let unavailable = 0;
    proxy.cut();
    try {
      for (let i = 0; i < 3; i++) if ((await mint(undefined, asFresh)).status === 503) unavailable++;
    } finally {
      proxy.restore();
    }
    const after = await scrape();
    expect(unavailable).toBe(3);
    expect(delta(before, after, `checkout_database_errors_total{operation="${CREATE}"}`)).toBe(3);
    expect(delta(before, after, `checkout_http_requests_total{operation="${CREATE}",status="503"}`)).toBe(3);
  });
});
