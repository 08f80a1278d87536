// The composition root: config → master key → migrated database → repositories →
// services → Express app. main.ts, the CLI and the tests all start here.
import type { Redis } from 'ioredis';
import { createApp } from './app.js';
import { type Config, decodeKey, describeStore } from './config.js';
import { createKeyring, type Keyring, loadMasterKey } from './crypto/keyring.js';
import { createServices, type Services } from './domain/index.js';
import { createRateLimits } from './domain/rate-limits.js';
import { loadSpec, type LoadedSpec } from './http/spec.js';
import type { Logger } from './logger.js';
import { connectRedis, createRepositories, type Database, migrate, openDatabase, type Repositories } from './storage/index.js';

export interface Service {
  config: Config;
  db: Database;
  repos: Repositories;
  services: Services;
  keyring: Keyring;
  spec: LoadedSpec;
  /** Flip `draining` on shutdown so readiness answers 503. */
  lifecycle: { draining: boolean };
  createApp(): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

export async function openService(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean; background?: boolean } = {},
): Promise<Service> {
  const master = loadMasterKey(config.masterKey, config.dataDir);
  if (master.source.kind === 'development-file') {
    const action = master.source.created ? 'generated a development master key at' : 'using the development master key at';
    logger.warn(
      { masterKeyFile: master.source.path },
      `MASTER_KEY is not set: ${action} ${master.source.path}. Set MASTER_KEY (32 random bytes, base64) outside development.`,
    );
  }
  const keyring = createKeyring(master.key, config.previousMasterKeys.map((k) => decodeKey(k) as Buffer));
  if (options.migrate !== false) {
    const applied = await migrate(config.store);
    if (applied.length > 0) logger.info({ applied, store: describeStore(config.store) }, 'applied database migrations');
  }
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
  const lifecycle = { draining: false };

  const timers: NodeJS.Timeout[] = [];
  if (options.background !== false) {
    const prune = () =>
      services.idempotency.pruneExpired().then(
        (count) => count > 0 && logger.info({ count }, 'pruned expired idempotency records'),
        (error) => logger.warn({ err: error }, 'could not prune idempotency records'),
      );
    timers.push(setInterval(prune, PRUNE_INTERVAL_MS).unref());
  }

  return {
    config,
    db,
    repos,
    services,
    keyring,
    spec,
    lifecycle,
    createApp: () =>
      createApp({
        spec,
        services,
        db,
        logger,
        validateResponses: config.validateResponses,
        allowedOrigins: config.allowedOrigins,
        trustProxy: config.trustProxy,
        lifecycle,
      }),
    async close() {
      for (const t of timers) clearInterval(t);
      redis?.disconnect();
      await db.close();
    },
  };
}
