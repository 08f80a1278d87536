// The one place that reads the environment. Everything else receives a typed Config.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/** PostgreSQL connections a process may hold unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;
/** SQLite's `synchronous` when SQLITE_SYNCHRONOUS is not set (and for stores opened without a config). */
export const DEFAULT_SQLITE_SYNCHRONOUS = 'normal';

export type StoreConfig =
  | { provider: 'sqlite'; url: string; filePath: string; synchronous?: 'normal' | 'full' }
  | { provider: 'postgresql'; url: string; schema: string | undefined; poolSize?: number };

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
  /** Where GET /metrics is served (a port of its own), and the bearer token it wants; undefined: off. */
  metrics: { host: string; port: number; token: string | undefined } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// Each variable: its type, its bounds, and a message that says what it accepts. The message
// is printed as `NAME="value" is invalid: <message>` (values of secrets are never printed).

const wholeNumber = (min: number, max: number, what: string, message = `must be a whole number of ${what} from ${min} to ${max}`) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const port = (unset = '') => wholeNumber(0, 65535, 'port', `must be a port number from 0 to 65535${unset}`);

const decimal = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, `must be a number of ${what} from ${min} to ${max} (e.g. 2 or 0.5)`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a number of ${what} from ${min} to ${max} (e.g. 2 or 0.5)`);

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of ${values.join(', ')}` });

const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[0-9A-Fa-f:.]{2,45})$/;
const host = z.string().regex(HOSTNAME, 'must be a host name or IP address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::');

const boolean = z
  .enum(['true', 'false', '1', '0'], { error: () => 'must be true, false, 1 or 0' })
  .transform((v) => v === 'true' || v === '1');

const isUrl = (value: string, protocols: string[]) => {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
};

const PG_SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
function isDatabaseUrl(value: string): boolean {
  if (value.startsWith('file:')) return value.length > 'file:'.length && !value.includes('\0');
  if (!isUrl(value, ['postgres:', 'postgresql:'])) return false;
  const schemaName = new URL(value).searchParams.get('schema');
  return schemaName === null || PG_SCHEMA.test(schemaName);
}

const KEY_MESSAGE = 'must be 32 random bytes, base64- or hex-encoded (e.g. `openssl rand -base64 32`)';
const ISSUER_MESSAGE = 'must be 1 to 200 characters without spaces or control characters, e.g. https://checkout.example.com';
const claim = z.string().regex(/^[^\s\x00-\x1F\x7F]{1,200}$/, ISSUER_MESSAGE);

const schema = z
  .object({
    NODE_ENV: oneOf(['development', 'test', 'production']).default('development'),
    HOST: host.default('127.0.0.1'),
    PORT: port(' (0: any free port)').default(3000),
    DATA_DIR: z.string().regex(/^[^\0]{1,4096}$/, 'must be a directory path (absolute, or relative to the working directory)').default('data'),
    DATABASE_URL: z
      .string()
      .refine(isDatabaseUrl, 'must start with file: (SQLite) or postgresql:// (PostgreSQL): file:PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME], NAME of letters, digits and _')
      .optional(),
    MASTER_KEY: z
      .string()
      .refine((v) => decodeKey(v)?.length === 32, KEY_MESSAGE)
      .optional(),
    MASTER_KEYS_PREVIOUS: z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .refine((keys) => keys.every((k) => decodeKey(k)?.length === 32), 'must be a comma-separated list of 32-byte base64 or hex keys')
      .default([]),
    RATE_LIMIT_TOKENS_PER_MINUTE: wholeNumber(0, 10_000_000, 'token requests per API key per minute (0: no limit)').default(6000),
    RATE_LIMIT_SDK_CALLS_PER_MINUTE: wholeNumber(0, 10_000_000, 'SDK calls per checkout token per minute (0: no limit)').default(120),
    RATE_LIMIT_AUTH_FAILURES: wholeNumber(0, 1_000_000, 'failed authentications per client address per window (0: no limit)').default(30),
    RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: wholeNumber(1, 86_400, 'seconds').default(900),
    REDIS_URL: z.string().refine((v) => isUrl(v, ['redis:', 'rediss:']), 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379').optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_" or "-"').default('checkout'),
    IDEMPOTENCY_WAIT_SECONDS: decimal(0, 60, 'seconds').default(10),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2})$/, 'must be true, false or the number of proxy hops (0-99, e.g. 1)')
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v)))
      .default(false),
    SQLITE_SYNCHRONOUS: oneOf(['normal', 'full']).default(DEFAULT_SQLITE_SYNCHRONOUS),
    DATABASE_POOL_SIZE: wholeNumber(1, 100, 'connections').default(DEFAULT_DATABASE_POOL_SIZE),
    CACHE_TTL_SECONDS: decimal(0, 60, 'seconds (0: no cache)').default(5),
    WORKERS: wholeNumber(1, 64, 'processes').default(1),
    SHUTDOWN_DELAY_SECONDS: decimal(0, 120, 'seconds').default(2),
    SHUTDOWN_TIMEOUT_SECONDS: decimal(1, 600, 'seconds').default(10),
    CHECKOUT_TOKEN_TTL_SECONDS: wholeNumber(60, 86400, 'seconds').default(900),
    CHECKOUT_TOKEN_ISSUER: claim.default('checkout-token-service'),
    CHECKOUT_TOKEN_AUDIENCE: claim.default('checkout-sdk'),
    CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS: wholeNumber(0, 300, 'seconds').default(5),
    CHECKOUT_ALLOWED_ORIGINS: z
      .string()
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .refine(
        (origins) => origins.every((o) => /^https?:\/\/[^/\s?#]+$/.test(o)),
        'must be a comma-separated list of origins like https://shop.example.com (scheme and host, optional port, no path)',
      )
      .default([]),
    LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    OPENAPI_VALIDATE_RESPONSES: boolean.optional(),
    METRICS_PORT: port(' (0: any free port; unset: no metrics)').optional(),
    METRICS_HOST: host.default('127.0.0.1'),
    METRICS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'must be 16 to 256 characters of letters, digits and ._~+/=- (e.g. `openssl rand -hex 32`)')
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === 'production' && e.MASTER_KEY === undefined) {
      // A development key file next to the data would protect nothing in production.
      ctx.addIssue({ code: 'custom', path: ['MASTER_KEY'], message: `MASTER_KEY is required when NODE_ENV=production; it ${KEY_MESSAGE}` });
    }
    if (e.WORKERS > 1 && (e.DATABASE_URL === undefined || e.DATABASE_URL.startsWith('file:'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['WORKERS'],
        message: 'must be 1 with SQLite: several processes need PostgreSQL (DATABASE_URL=postgresql://…); SQLite allows one writer at a time, so run one process per SQLite file',
      });
    }
    if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `must differ from PORT (${e.PORT}): metrics are served on a port of their own` });
    }
    if (e.METRICS_PORT !== undefined && e.WORKERS > 1) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'needs WORKERS=1: with several processes each would count only its own requests' });
    }
    if (e.METRICS_TOKEN !== undefined && e.METRICS_PORT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'needs METRICS_PORT: metrics are off while METRICS_PORT is unset' });
    }
  });

/** Every variable config.ts reads (.env.example lists exactly these). */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** Variables whose values are never printed, even when invalid. */
const SECRETS = new Set(['MASTER_KEY', 'MASTER_KEYS_PREVIOUS', 'METRICS_TOKEN']);

/** A value as it may appear in an error message: secrets hidden, URL passwords masked. */
function printable(name: string, value: string | undefined): string {
  if (value === undefined) return '(unset)';
  if (SECRETS.has(name)) return `"<${value.length} characters, hidden>"`;
  return JSON.stringify(value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/i, '$1***@'));
}

/** Decodes a 32-byte key given as 64 hex digits or base64/base64url; undefined if neither. */
export function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([name, v]) => v !== undefined && v !== '' && ENVIRONMENT_VARIABLES.includes(name)),
  ) as Record<string, string>;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}=${printable(name, cleaned[name])} is invalid: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR);
  const parsedStore = parseStore(e.DATABASE_URL, dataDir);
  const store: StoreConfig =
    parsedStore.provider === 'sqlite' ? { ...parsedStore, synchronous: e.SQLITE_SYNCHRONOUS } : { ...parsedStore, poolSize: e.DATABASE_POOL_SIZE };
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
    metrics: e.METRICS_PORT === undefined ? undefined : { host: e.METRICS_HOST, port: e.METRICS_PORT, token: e.METRICS_TOKEN },
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
