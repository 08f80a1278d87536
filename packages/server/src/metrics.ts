// Prometheus metrics (prom-client): requests and latency by operationId, and the events an
// operator watches — tokens issued, sessions confirmed, authentication failures, rate-limit
// rejections, database errors — plus Node's default process metrics. Everything is read off
// the finished response (status, the error middleware's error_code, the operation the request
// path maps to), so no route or domain code knows about metrics. Labels are operationIds and
// status codes, never raw URLs: an unknown path is the single operation "unmatched".
// Served on a port of its own (METRICS_PORT), optionally behind a bearer token: see startMetricsServer.
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { HTTP_METHODS, type OpenApiDocument, operationsOf } from '@checkout/contract/openapi';

export const UNMATCHED = 'unmatched';
const CREATE_TOKEN = 'create_developer_checkout_token_api_checkout_token_developer_post';
const CONFIRM = 'confirm_checkout_session_api_checkout_session_confirm_post';

export interface Metrics {
  registry: Registry;
  /** Counts and times every request; mount first. */
  middleware: RequestHandler;
  /** The operationId a method and path map to (UNMATCHED when none). */
  operationOf(method: string, path: string): string;
}

/** method + path → operationId: exact paths in a Map, templated ones (`/x/{id}`) by regular expression. */
function operationMatcher(document: OpenApiDocument): (method: string, path: string) => string {
  const exact = new Map<string, string>();
  const templated: { method: string; pattern: RegExp; id: string }[] = [];
  for (const { path, method, operation } of operationsOf(document)) {
    const id = operation.operationId ?? UNMATCHED;
    if (path.includes('{')) {
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
      templated.push({ method, pattern: new RegExp(`^${source}/?$`), id });
    } else {
      exact.set(`${method} ${path}`, id);
      exact.set(`${method} ${path}/`, id);
    }
  }
  return (rawMethod, path) => {
    let method = rawMethod.toLowerCase();
    if (method === 'head') method = 'get'; // Express answers HEAD with the GET route
    if (!(HTTP_METHODS as readonly string[]).includes(method)) return UNMATCHED;
    const hit = exact.get(`${method} ${path}`);
    if (hit) return hit;
    for (const t of templated) if (t.method === method && t.pattern.test(path)) return t.id;
    return UNMATCHED;
  };
}

export function createMetrics(document: OpenApiDocument): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'checkout_http_requests_total',
    help: 'HTTP requests by operationId ("unmatched" for paths outside the spec) and status code.',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'checkout_http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by operationId.',
    labelNames: ['operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const tokensIssued = new Counter({
    name: 'checkout_tokens_issued_total',
    help: 'Checkout tokens issued (an Idempotency-Key replay issues none).',
    registers: [registry],
  });
  const replays = new Counter({
    name: 'checkout_idempotent_replays_total',
    help: 'Token requests answered with the stored response of an earlier request with the same Idempotency-Key.',
    registers: [registry],
  });
  const sessionsConfirmed = new Counter({
    name: 'checkout_sessions_confirmed_total',
    help: 'Checkout sessions confirmed (completed).',
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'checkout_auth_failures_total',
    help: 'Requests refused 401, by operationId and error_code (invalid_credentials, token_missing, token_invalid, token_expired).',
    labelNames: ['operation', 'reason'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'checkout_rate_limited_total',
    help: 'Requests refused 429 by a rate limit, by operationId.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const databaseErrors = new Counter({
    name: 'checkout_database_errors_total',
    help: 'Requests answered 503 because the database was unreachable or failed, by operationId.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });

  const operationOf = operationMatcher(document);

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const operation = operationOf(req.method, req.path);
      const status = res.statusCode;
      requests.inc({ operation, status: String(status) });
      duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
      const code = res.locals.errorCode as string | undefined;
      if (status === 200 && operation === CREATE_TOKEN) {
        if (res.getHeader('Idempotent-Replayed') === 'true') replays.inc();
        else tokensIssued.inc();
      } else if (status === 200 && operation === CONFIRM) sessionsConfirmed.inc();
      else if (status === 401) authFailures.inc({ operation, reason: code ?? 'unknown' });
      else if (status === 429) rateLimited.inc({ operation });
      else if (code === 'service_unavailable') databaseErrors.inc({ operation });
    });
    next();
  };

  return { registry, middleware, operationOf };
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Serves GET /metrics (Prometheus text format) on its own port, so it is never reachable
 * where the API is. With a token, a scrape must send `Authorization: Bearer <token>`.
 */
export async function startMetricsServer(metrics: Metrics, options: { host: string; port: number; token: string | undefined }): Promise<MetricsServer> {
  const expected = options.token === undefined ? undefined : digest(`Bearer ${options.token}`);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found: scrape /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method Not Allowed\n');
      return;
    }
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Content-Type': 'text/plain' }).end('Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('could not collect metrics\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
