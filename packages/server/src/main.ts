// Starts the HTTP server: `pnpm start` (SQLite under ./data by default).
import type { Server } from 'node:http';
import net from 'node:net';
import { relative } from 'node:path';
import { ConfigError, describeStore, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startMetricsServer } from './metrics.js';
import { openService, type StartupNotes } from './service.js';

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
  const logger = createLogger(config.logLevel);
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });

  let startup: StartupNotes = { migrationsApplied: [] };
  const service = await openService(config, logger, { onStartup: (notes) => (startup = notes) });
  const app = service.createApp();
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  // Longer than common load-balancer idle timeouts, so the balancer closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const metricsServer = service.metrics && config.metrics ? await startMetricsServer(service.metrics, config.metrics) : undefined;

  // One line: where to go, what it runs on, and what start-up did that an operator must know.
  const parts = [`checkout-token-service listening on ${url}`, `docs ${url}/docs`, `store ${describeStore(config.store)}`];
  if (metricsServer) parts.push(`metrics ${metricsServer.url}${config.metrics?.token ? ' (bearer token)' : ''}`);
  if (startup.migrationsApplied.length > 0) parts.push(`applied ${startup.migrationsApplied.length} migration(s)`);
  const devKey = startup.developmentMasterKey;
  if (devKey) {
    const shown = relative(process.cwd(), devKey.path);
    parts.push(`${devKey.created ? 'created' : 'using'} development master key ${shown.startsWith('..') ? devKey.path : shown} (set MASTER_KEY outside development)`);
  }
  console.log(parts.join(' · '));

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

main().catch((error) => {
  console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
