// The composition root: config → master key → migrated database → repositories →
// services → Express app. main.ts, the CLI and the tests all start here.
import type { Redis } from 'ioredis';
import type { Express } from 'express';
import { type Config, decodeKey, describeStore } from './config.js';
import { createKeyring, type Keyring, loadMasterKey } from './crypto/keyring.js';
import { createServices, type Services } from './domain/index.js';
import { createRateLimits } from './domain/rate-limits.js';
import { loadSpec, type LoadedSpec } from './http/spec.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { connectRedis, createRepositories, type Database, migrate, openDatabase, type Repositories } from './storage/index.js';

export interface Service {
  config: Config;
  db: Database;
  repos: Repositories;
  services: Services;
  keyring: Keyring;
  spec: LoadedSpec;
  /** Request and event metrics, when METRICS_PORT is set (main.ts serves them with startMetricsServer). */
  metrics: Metrics | undefined;
  /** Flip `draining` on shutdown so readiness answers 503. */
  lifecycle: { draining: boolean };
  /** The Express app (not for a service opened with `http: false`). */
  createApp(): Express;
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

export interface StartupNotes {
  /** Set when MASTER_KEY is unset and the development key file is used (or was just created). */
  developmentMasterKey?: { path: string; created: boolean };
  /** Migrations applied at this start. */
  migrationsApplied: string[];
}

export async function openService(
  config: Config,
  logger: Logger,
  options: {
    migrate?: boolean;
    background?: boolean;
    /** Load the HTTP layer (Express, the validator) so createApp works; the CLI opens without it. */
    http?: boolean;
    /** Receives what start-up did (development key, migrations) instead of the logger; main.ts prints it in its one line. */
    onStartup?: (notes: StartupNotes) => void;
  } = {},
): Promise<Service> {
  const notes: StartupNotes = { migrationsApplied: [] };
  const master = loadMasterKey(config.masterKey, config.dataDir);
  if (master.source.kind === 'development-file') {
    notes.developmentMasterKey = { path: master.source.path, created: master.source.created };
    if (!options.onStartup) {
      const action = master.source.created ? 'generated a development master key at' : 'using the development master key at';
      logger.warn(
        { masterKeyFile: master.source.path },
        `MASTER_KEY is not set: ${action} ${master.source.path}. Set MASTER_KEY (32 random bytes, base64) outside development.`,
      );
    }
  }
  const keyring = createKeyring(master.key, config.previousMasterKeys.map((k) => decodeKey(k) as Buffer));
  if (options.migrate !== false) {
    notes.migrationsApplied = await migrate(config.store);
    if (notes.migrationsApplied.length > 0 && !options.onStartup) {
      logger.info({ applied: notes.migrationsApplied, store: describeStore(config.store) }, 'applied database migrations');
    }
  }
  options.onStartup?.(notes);
  const db = await openDatabase(config.store);
  const repos = createRepositories(db);
  let redis: Redis | undefined;
  if (config.redisUrl) {
    let lastReport = 0;
    redis = await connectRedis(config.redisUrl, (error) => {
      // Reported at most every 30 s; limits fall back to memory meanwhile.
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        logger.warn({ err: error }, 'Redis unavailable: rate limits are per instance until it returns');
      }
    });
  }
  const rateLimits = createRateLimits(config.rateLimits, redis ? { client: redis, keyPrefix: config.redisKeyPrefix } : undefined);
  const services = createServices({
    repos,
    keyring,
    token: config.token,
    rateLimits,
    idempotencyWaitMs: config.idempotencyWaitMs,
    cacheTtlMs: config.cacheTtlMs,
  });
  const spec = loadSpec();
  if (spec.generatedJsonStale) logger.warn('spec/openapi.yaml changed since `pnpm generate`: parsed the YAML at start (slower); run `pnpm generate`');
  const lifecycle = { draining: false };
  // prom-client is loaded only when metrics are on (it costs ~35 ms of start-up).
  const metrics = config.metrics ? (await import('./metrics.js')).createMetrics(spec.document) : undefined;

  const timers: NodeJS.Timeout[] = [];
  if (options.background !== false) {
    const prune = () =>
      services.idempotency.pruneExpired().then(
        (count) => count > 0 && logger.info({ count }, 'pruned expired idempotency records'),
        (error) => logger.warn({ err: error }, 'could not prune idempotency records'),
      );
    timers.push(setInterval(prune, PRUNE_INTERVAL_MS).unref());
  }

  // Loaded only for serving: the CLI's commands start ~0.5 s sooner without Express and the validator.
  const http = options.http === false ? undefined : await import('./app.js');

  return {
    config,
    db,
    repos,
    services,
    keyring,
    spec,
    lifecycle,
    metrics,
    createApp: () => {
      if (!http) throw new Error('this service was opened without the HTTP layer (http: false)');
      return http.createApp({
        spec,
        services,
        db,
        logger,
        validateResponses: config.validateResponses,
        allowedOrigins: config.allowedOrigins,
        trustProxy: config.trustProxy,
        lifecycle,
        metrics,
      });
    },
    async close() {
      for (const t of timers) clearInterval(t);
      redis?.disconnect();
      await db.close();
    },
  };
}
