// The one place that reads the environment. Everything else receives a typed Config.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export type StoreConfig =
  | { provider: 'sqlite'; url: string; filePath: string }
  | { provider: 'postgresql'; url: string; schema: string | undefined };

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  store: StoreConfig;
  /** Base64 master key from MASTER_KEY; undefined means "use (or create) the local development key". */
  masterKey: string | undefined;
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
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    store: parseStore(e.DATABASE_URL, dataDir),
    masterKey: e.MASTER_KEY,
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
