// Starts the HTTP server: `pnpm start` (SQLite under ./data by default). With WORKERS=N
// (PostgreSQL only) a primary process applies migrations and runs N workers on one port.
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import net from 'node:net';
import { relative } from 'node:path';
import { migrationsApplied, runPrimary } from './cluster.js';
import { ConfigError, describeStore, loadConfig } from './config.js';
import { createAppServer } from './http/app-server.js';
import { asyncStdout, createLogger } from './logger.js';
import type { StartupNotes } from './service.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const stdout = asyncStdout();
  const logger = createLogger(config.logLevel, stdout);
  const flush = () => {
    try {
      stdout.flushSync();
    } catch {
      // not open yet: nothing buffered
    }
  };
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    flush();
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });

  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary(config, logger, { flushSync: flush });
    return;
  }

  // Workers leave the migrations to the primary, and listen once it has applied them.
  const migrated = cluster.isWorker ? migrationsApplied() : Promise.resolve();
  let startup: StartupNotes = { migrationsApplied: [] };
  // Loaded here, not at the top: a cluster primary never serves, and loading the server
  // (Express, the validator, Prisma) there would compete with its workers for the CPU at start.
  const { openService } = await import('./service.js');
  const service = await openService(config, logger, {
    migrate: !cluster.isWorker,
    // A single process reports start-up in its one line; workers log it (the primary prints the line).
    ...(cluster.isWorker ? {} : { onStartup: (notes: StartupNotes) => (startup = notes) }),
  });
  await migrated;
  const app = service.createApp();
  const server: Server = await new Promise((resolve, reject) => {
    const s = createAppServer(app).listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  // Longer than common load-balancer idle timeouts, so the balancer closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Warm-up requests are ours, not traffic: not logged (errors still are), so start-up prints one line.
  const level = logger.level;
  if (logger.isLevelEnabled('info')) logger.level = 'warn';
  await warmUp(url);
  logger.level = level;
  // Metrics need one process (config refuses METRICS_PORT with WORKERS > 1).
  const metricsServer = service.metrics && config.metrics && !cluster.isWorker ? await (await import('./metrics.js')).startMetricsServer(service.metrics, config.metrics) : undefined;
  if (cluster.isWorker) process.send?.({ type: 'listening', url });
  else console.log(startupLine(url, config, startup, metricsServer?.url));

  // The last accepted connection: the listener is only closed once connections stop
  // arriving, because closing it resets connections still waiting in the kernel's queue.
  let lastConnectionAt = Date.now();
  server.on('connection', () => {
    lastConnectionAt = Date.now();
  });
  const QUIET_MS = 250;

  let stopping = false;
  /**
   * Graceful stop: readiness turns 503 and responses ask clients to close their connections;
   * after the delay (SIGTERM only) and a quiet moment with no new connection, the listener
   * closes, in-flight requests finish, and connections still open at the deadline are closed.
   */
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.lifecycle.draining = true;
    const delay = signal === 'SIGTERM' ? config.shutdown.delayMs : 0;
    logger.info({ signal, delayMs: delay }, 'shutting down: draining in-flight requests');
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached; closing remaining connections');
      server.closeAllConnections();
    }, delay + config.shutdown.timeoutMs);
    deadline.unref();

    const closeListener = () => {
      if (Date.now() - lastConnectionAt < QUIET_MS) return void setTimeout(closeListener, 50);
      // Not http.Server#close: it also drops "idle" connections, which include ones just
      // accepted whose request has not been read yet.
      net.Server.prototype.close.call(server, async () => {
        clearInterval(sweeper);
        await metricsServer?.close();
        await service.close().catch((error) => logger.error({ err: error }, 'error while closing the database'));
        logger.info('stopped');
        flush();
        process.exit(0);
      });
      // By the first sweep every accepted connection has sent its request; an idle one
      // from then on is a keep-alive connection nobody is using.
      const sweeper = setInterval(() => server.closeIdleConnections(), 500);
    };
    setTimeout(closeListener, delay);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** One line: where to go, what it runs on, and what start-up did that an operator must know. */
function startupLine(url: string, config: ReturnType<typeof loadConfig>, startup: StartupNotes, metricsUrl: string | undefined): string {
  const parts = [`checkout-token-service listening on ${url}`, `docs ${url}/docs`, `store ${describeStore(config.store)}`];
  if (metricsUrl) parts.push(`metrics ${metricsUrl}${config.metrics?.token ? ' (bearer token)' : ''}`);
  if (startup.migrationsApplied.length > 0) parts.push(`applied ${startup.migrationsApplied.length} migration(s)`);
  const devKey = startup.developmentMasterKey;
  if (devKey) {
    const shown = relative(process.cwd(), devKey.path);
    parts.push(`${devKey.created ? 'created' : 'using'} development master key ${shown.startsWith('..') ? devKey.path : shown} (set MASTER_KEY outside development)`);
  }
  return parts.join(' · ');
}

/**
 * The request validator compiles each route's schemas on first use, and Prisma its first query:
 * pay that before announcing readiness, not on a customer's first request. These calls need no
 * credentials, change nothing and count as no failed authentication (they answer 200 and 422).
 */
async function warmUp(url: string): Promise<void> {
  const calls: [string, RequestInit][] = [
    ['/readyz', {}],
    ['/api/checkout/token/developer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
  ];
  for (const [path, init] of calls) {
    try {
      await (await fetch(url + path, init)).arrayBuffer();
    } catch {
      // warming is best effort
    }
  }
}

main().catch((error) => {
  console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
