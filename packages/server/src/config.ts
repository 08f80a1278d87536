// The one place that reads the environment. Everything else receives a typed Config.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export type StoreConfig =
  | { provider: 'sqlite'; url: string; filePath: string; synchronous?: 'normal' | 'full' }
  | { provider: 'postgresql'; url: string; schema: string | undefined };

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  store: StoreConfig;
  /** Base64 master key from MASTER_KEY; undefined means "use (or create) the local development key". */
  masterKey: string | undefined;
  /** Earlier master keys, still needed to read data sealed before a rotation (MASTER_KEYS_PREVIOUS). */
  previousMasterKeys: string[];
  rateLimits: {
    tokensPerMinute: number;
    sdkCallsPerMinute: number;
    authFailures: number;
    authFailureWindowSeconds: number;
  };
  /** Redis for limits shared by all instances; undefined keeps them in memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  redisKeyPrefix: string;
  /** How long a request waits for an earlier one holding the same Idempotency-Key. */
  idempotencyWaitMs: number;
  /** Express "trust proxy": false, true, or the number of proxy hops in front of us. */
  trustProxy: boolean | number;
  /**
   * How long credentials, the current signing key and session state may be served from
   * memory: the longest a revocation or rotation made elsewhere takes to be seen here. 0: no cache.
   */
  cacheTtlMs: number;
  /** Processes serving the port (node:cluster); more than one needs PostgreSQL. */
  workers: number;
  shutdown: {
    /** After SIGTERM, keep serving (readiness 503) this long so balancers stop routing here. */
    delayMs: number;
    /** Then stop listening and give in-flight requests this long before closing their connections. */
    timeoutMs: number;
  };
  token: { ttlSeconds: number; issuer: string; audience: string; clockToleranceSeconds: number };
  /** Browser origins allowed to call the SDK-facing paths (CORS); empty means none. */
  allowedOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  validateResponses: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
    .optional(),
  MASTER_KEY: z
    .string()
    .refine((v) => decodeKey(v)?.length === 32, 'must be 32 random bytes, base64- or hex-encoded (e.g. `openssl rand -base64 32`)')
    .optional(),
  MASTER_KEYS_PREVIOUS: z
    .string()
    .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
    .refine((keys) => keys.every((k) => decodeKey(k)?.length === 32), 'must be a comma-separated list of 32-byte base64 or hex keys')
    .default([]),
  RATE_LIMIT_TOKENS_PER_MINUTE: z.coerce.number().int().min(0).max(10_000_000).default(6000),
  RATE_LIMIT_SDK_CALLS_PER_MINUTE: z.coerce.number().int().min(0).max(10_000_000).default(120),
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(0).max(1_000_000).default(30),
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_" or "-"').default('checkout'),
  IDEMPOTENCY_WAIT_SECONDS: z.coerce.number().min(0).max(60).default(10),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'must be true, false or the number of proxy hops (e.g. 1)')
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v)))
    .default(false),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  CACHE_TTL_SECONDS: z.coerce.number().min(0).max(60).default(5),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(120).default(2),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(10),
  CHECKOUT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  CHECKOUT_TOKEN_ISSUER: z.string().min(1).default('checkout-token-service'),
  CHECKOUT_TOKEN_AUDIENCE: z.string().min(1).default('checkout-sdk'),
  CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  CHECKOUT_ALLOWED_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine(
      (origins) => origins.every((o) => /^https?:\/\/[^/\s?#]+$/.test(o)),
      'must be a comma-separated list of origins like https://shop.example.com (scheme and host, optional port, no path)',
    )
    .default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAPI_VALIDATE_RESPONSES: boolean.optional(),
});

/** Decodes a 32-byte key given as 64 hex digits or base64/base64url; undefined if neither. */
export function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}=${JSON.stringify(cleaned[name] ?? '')} is invalid: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.MASTER_KEY === undefined) {
    // A development key file next to the data would protect nothing in production.
    throw new ConfigError('Invalid configuration:\n  MASTER_KEY is required when NODE_ENV=production: 32 random bytes, base64- or hex-encoded (e.g. `openssl rand -base64 32`)');
  }
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR);
  const parsedStore = parseStore(e.DATABASE_URL, dataDir);
  const store: StoreConfig = parsedStore.provider === 'sqlite' ? { ...parsedStore, synchronous: e.SQLITE_SYNCHRONOUS } : parsedStore;
  if (e.WORKERS > 1 && store.provider === 'sqlite') {
    throw new ConfigError(
      `Invalid configuration:\n  WORKERS=${e.WORKERS} is invalid: several processes need PostgreSQL (DATABASE_URL=postgresql://…); SQLite allows one writer at a time, so run one process per SQLite file`,
    );
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    store,
    masterKey: e.MASTER_KEY,
    previousMasterKeys: e.MASTER_KEYS_PREVIOUS,
    rateLimits: {
      tokensPerMinute: e.RATE_LIMIT_TOKENS_PER_MINUTE,
      sdkCallsPerMinute: e.RATE_LIMIT_SDK_CALLS_PER_MINUTE,
      authFailures: e.RATE_LIMIT_AUTH_FAILURES,
      authFailureWindowSeconds: e.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS,
    },
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    idempotencyWaitMs: e.IDEMPOTENCY_WAIT_SECONDS * 1000,
    trustProxy: e.TRUST_PROXY,
    cacheTtlMs: e.CACHE_TTL_SECONDS * 1000,
    workers: e.WORKERS,
    shutdown: { delayMs: e.SHUTDOWN_DELAY_SECONDS * 1000, timeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000 },
    token: {
      ttlSeconds: e.CHECKOUT_TOKEN_TTL_SECONDS,
      issuer: e.CHECKOUT_TOKEN_ISSUER,
      audience: e.CHECKOUT_TOKEN_AUDIENCE,
      clockToleranceSeconds: e.CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS,
    },
    allowedOrigins: e.CHECKOUT_ALLOWED_ORIGINS,
    logLevel: e.LOG_LEVEL,
    validateResponses: e.OPENAPI_VALIDATE_RESPONSES ?? e.NODE_ENV !== 'production',
  };
}

export function parseStore(databaseUrl: string | undefined, dataDir: string): StoreConfig {
  if (!databaseUrl) {
    const filePath = resolve(dataDir, 'checkout.db');
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  if (databaseUrl.startsWith('file:')) {
    const raw = databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    const filePath = isAbsolute(raw) ? raw : resolve(process.cwd(), raw);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  // Prisma's convention: ?schema=NAME selects a PostgreSQL schema (tests use one each).
  const url = new URL(databaseUrl);
  const schemaName = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  if (schemaName !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schemaName)) {
    throw new ConfigError(`DATABASE_URL has an invalid schema name ${JSON.stringify(schemaName)}: use letters, digits and _.`);
  }
  return { provider: 'postgresql', url: url.toString(), schema: schemaName };
}

/** Where the store lives, for logs: a path or a host/database — never a password. */
export function describeStore(store: StoreConfig): string {
  if (store.provider === 'sqlite') return `SQLite ${store.filePath}`;
  const url = new URL(store.url);
  const schemaPart = store.schema ? ` (schema ${store.schema})` : '';
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}${schemaPart}`;
}
