// Several processes on one port (node:cluster): the primary applies migrations once, forks
// WORKERS workers (each a full server with its own pool), replaces a worker that dies, and on
// SIGTERM lets every worker drain before exiting. Needs PostgreSQL (config refuses SQLite):
// SQLite takes one writer at a time. Without REDIS_URL, rate limits are per worker.
import cluster, { type Worker } from 'node:cluster';
import { type Config, describeStore } from './config.js';
import type { Logger } from './logger.js';
import { migrate } from './storage/migrate.js';

/** A worker asks (once it can hear the answer); the primary answers once migrations are applied. */
const AWAIT_MIGRATIONS = 'checkout:await-migrations';
const MIGRATED = 'checkout:migrated';

/** In a worker: resolves when the primary has applied the migrations. */
export function migrationsApplied(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message === MIGRATED) {
        process.off('message', onMessage);
        resolve();
      }
    };
    process.on('message', onMessage);
    process.send?.(AWAIT_MIGRATIONS);
  });
}

export async function runPrimary(config: Config, logger: Logger, stdout: { flushSync(): void }): Promise<void> {
  let migrated = false;
  const waiting: Worker[] = [];
  let stopping = false;
  const listening = new Set<number>();
  let announced = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    // Workers load their code while the primary migrates; they listen once told it is done.
    worker.on('message', (message: unknown) => {
      if (message !== AWAIT_MIGRATIONS) return;
      if (migrated) worker.send(MIGRATED);
      else waiting.push(worker);
    });
    worker.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'listening' || !message.url) return;
      listening.add(worker.id);
      if (!announced && listening.size >= config.workers) {
        announced = true;
        console.log(
          `checkout-token-service listening on ${message.url} · ${config.workers} workers · docs ${message.url}/docs · store ${describeStore(config.store)}`,
        );
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        stdout.flushSync();
        process.exit(0);
      }
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining every worker');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => {
      logger.warn('workers did not stop in time; exiting');
      stdout.flushSync();
      process.exit(1);
    }, config.shutdown.delayMs + config.shutdown.timeoutMs + 5000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < config.workers; i++) fork();
  const applied = await migrate(config.store);
  if (applied.length > 0) logger.info({ applied, store: describeStore(config.store) }, 'applied database migrations');
  migrated = true;
  for (const worker of waiting.splice(0)) if (worker.isConnected()) worker.send(MIGRATED);
}
