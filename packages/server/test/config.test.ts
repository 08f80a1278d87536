// Configuration is parsed once; a bad value stops start-up with a sentence naming the variable.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeStore, ENVIRONMENT_VARIABLES, loadConfig } from '../src/config.js';
import { MAIN_JS as mainJs } from './support/processes.js';

describe('configuration', () => {
  it('defaults to SQLite under ./data, 127.0.0.1:3000 and a 15-minute token', () => {
    const config = loadConfig({});
    expect(config.store).toMatchObject({ provider: 'sqlite', filePath: `${process.cwd()}/data/checkout.db` });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.token.ttlSeconds).toBe(900);
  });

  it('selects PostgreSQL for postgresql:// URLs, with ?schema= as the schema', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db.internal:6543/app?schema=tenant_1' });
    expect(config.store).toMatchObject({ provider: 'postgresql', schema: 'tenant_1' });
  });

  it('gives PostgreSQL a pool of DATABASE_POOL_SIZE connections, 10 unless set', () => {
    const url = 'postgresql://db.internal/app';
    expect(loadConfig({ DATABASE_URL: url }).store).toMatchObject({ provider: 'postgresql', poolSize: 10 });
    expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '3' }).store).toMatchObject({ provider: 'postgresql', poolSize: 3 });
  });

  it('never puts a password in the store description', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://user:s3cret@db.internal:6543/app' });
    expect(describeStore(config.store)).toBe('PostgreSQL db.internal:6543/app');
    expect(describeStore(config.store)).not.toContain('s3cret');
  });

  it.each([
    [{ CHECKOUT_TOKEN_TTL_SECONDS: '59' }, /CHECKOUT_TOKEN_TTL_SECONDS="59" is invalid/],
    [{ CHECKOUT_TOKEN_TTL_SECONDS: '86401' }, /CHECKOUT_TOKEN_TTL_SECONDS="86401" is invalid/],
    [{ CHECKOUT_TOKEN_TTL_SECONDS: 'soon' }, /CHECKOUT_TOKEN_TTL_SECONDS/],
    [{ PORT: '70000' }, /PORT="70000" is invalid/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL=.* must start with file: \(SQLite\) or postgresql:\/\//],
    [{ MASTER_KEY: 'too-short' }, /MASTER_KEY=.* must be 32 random bytes/],
    [{ NODE_ENV: 'production' }, /MASTER_KEY=\(unset\) is invalid: MASTER_KEY is required when NODE_ENV=production; it must be 32 random bytes/],
    [{ PORT: '8080', METRICS_PORT: '8080' }, /METRICS_PORT="8080" is invalid: must differ from PORT/],
    [{ METRICS_TOKEN: 'a'.repeat(32) }, /METRICS_TOKEN=.* is invalid: needs METRICS_PORT/],
    [{ WORKERS: '4' }, /WORKERS="4" is invalid: must be 1 with SQLite: several processes need PostgreSQL/],
    [{ WORKERS: '4', DATABASE_URL: 'postgresql://db.internal/app', METRICS_PORT: '9464' }, /METRICS_PORT="9464" is invalid: needs WORKERS=1/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses to run in production without MASTER_KEY (no development key file there)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MASTER_KEY is required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', MASTER_KEY: 'ab'.repeat(32) }).env).toBe('production');
  });

  it('accepts the TTL bounds 60 and 86400', () => {
    expect(loadConfig({ CHECKOUT_TOKEN_TTL_SECONDS: '60' }).token.ttlSeconds).toBe(60);
    expect(loadConfig({ CHECKOUT_TOKEN_TTL_SECONDS: '86400' }).token.ttlSeconds).toBe(86400);
  });

  it('accepts a 32-byte master key in base64 or hex', () => {
    expect(loadConfig({ MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }).masterKey).toBeDefined();
    expect(loadConfig({ MASTER_KEY: 'ab'.repeat(32) }).masterKey).toBeDefined();
  });

  it('the server exits 1 with the sentence when the configuration is bad', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, CHECKOUT_TOKEN_TTL_SECONDS: '5' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CHECKOUT_TOKEN_TTL_SECONDS="5" is invalid');
  });
});

const messageOf = (load: () => unknown): string => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('every variable is typed and bounded, and a bad value names the variable and what it accepts', () => {
  // One bad value per variable, and the accepted values its message must state.
  const bad: Record<string, [string, RegExp]> = {
    NODE_ENV: ['staging', /must be one of development, test, production$/],
    HOST: ['local host', /must be a host name or IP address/],
    PORT: ['3000.5', /must be a port number from 0 to 65535 \(0: any free port\)$/],
    DATA_DIR: ['data\0dir', /must be a directory path/],
    DATABASE_URL: ['mysql://localhost/db', /must start with file: \(SQLite\) or postgresql:\/\/ \(PostgreSQL\): file:PATH or postgresql:\/\/USER/],
    MASTER_KEY: ['too-short', /must be 32 random bytes, base64- or hex-encoded/],
    MASTER_KEYS_PREVIOUS: ['abc,def', /must be a comma-separated list of 32-byte base64 or hex keys/],
    RATE_LIMIT_TOKENS_PER_MINUTE: ['-1', /from 0 to 10000000$/],
    RATE_LIMIT_SDK_CALLS_PER_MINUTE: ['lots', /from 0 to 10000000$/],
    RATE_LIMIT_AUTH_FAILURES: ['1000001', /from 0 to 1000000$/],
    RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: ['0', /whole number of seconds from 1 to 86400$/],
    REDIS_URL: ['http://127.0.0.1:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
    REDIS_KEY_PREFIX: ['has space', /must be 1-64 letters, digits/],
    IDEMPOTENCY_WAIT_SECONDS: ['61', /number of seconds from 0 to 60/],
    TRUST_PROXY: ['maybe', /must be true, false or the number of proxy hops/],
    SQLITE_SYNCHRONOUS: ['off', /must be one of normal, full$/],
    DATABASE_POOL_SIZE: ['0', /whole number of connections from 1 to 100$/],
    CACHE_TTL_SECONDS: ['61', /number of seconds \(0: no cache\) from 0 to 60/],
    WORKERS: ['0', /whole number of processes from 1 to 64$/],
    SHUTDOWN_DELAY_SECONDS: ['121', /number of seconds from 0 to 120/],
    SHUTDOWN_TIMEOUT_SECONDS: ['0', /number of seconds from 1 to 600/],
    CHECKOUT_TOKEN_TTL_SECONDS: ['59', /whole number of seconds from 60 to 86400$/],
    CHECKOUT_TOKEN_ISSUER: ['my issuer', /1 to 200 characters without spaces/],
    CHECKOUT_TOKEN_AUDIENCE: ['a'.repeat(201), /1 to 200 characters without spaces/],
    CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS: ['301', /whole number of seconds from 0 to 300$/],
    CHECKOUT_ALLOWED_ORIGINS: ['https://shop.example.com/checkout', /origins like https:\/\/shop.example.com/],
    LOG_LEVEL: ['loud', /must be one of fatal, error, warn, info, debug, trace, silent$/],
    OPENAPI_VALIDATE_RESPONSES: ['yes', /must be true, false, 1 or 0$/],
    METRICS_PORT: ['99999', /must be a port number from 0 to 65535 \(0: any free port; unset: no metrics\)$/],
    METRICS_HOST: ['not a host', /must be a host name or IP address/],
    METRICS_TOKEN: ['short', /must be 16 to 256 characters/],
  };

  it('the table covers exactly the variables config.ts reads', () => {
    expect(Object.keys(bad).sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
  });

  it.each(Object.entries(bad))('%s', (name, [value, accepted]) => {
    const message = messageOf(() => loadConfig({ [name]: value }));
    const line = message.split('\n')[1]!.trim();
    expect(line.startsWith(`${name}=`), message).toBe(true);
    expect(line).toMatch(/ is invalid: must /);
    expect(line).toMatch(accepted);
  });

  it('never prints the value of a secret, nor a password in a URL', () => {
    const key = 'x'.repeat(40);
    expect(messageOf(() => loadConfig({ MASTER_KEY: key }))).not.toContain(key);
    expect(messageOf(() => loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'secret token!' }))).not.toContain('secret token!');
    const message = messageOf(() => loadConfig({ DATABASE_URL: 'postgresql://app:hunter2@db.internal:5432/app?schema=bad-name' }));
    expect(message).toContain('DATABASE_URL="postgresql://app:***@db.internal:5432/app?schema=bad-name" is invalid');
    expect(message).not.toContain('hunter2');
  });

  it('accepts whole numbers only where a count is meant (no 1e3, 0x10 or 12abc)', () => {
    for (const value of ['1e3', '0x10', '12abc', '']) {
      if (value === '') expect(loadConfig({ PORT: value }).port).toBe(3000); // empty means unset
      else expect(() => loadConfig({ PORT: value })).toThrow(/PORT=.* is invalid/);
    }
  });
});

describe('the environment is read in one place', () => {
  const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      // Prisma's generated client (gitignored, not our code) mentions process.env in its doc comments.
      if (path.endsWith(join('storage', 'generated'))) return [];
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('no file under src/ but config.ts mentions process.env', () => {
    const readers = files(srcDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/process\.env\b/.test(line) ? [`${relative(srcDir, file)}:${i + 1}`] : [])),
    );
    expect(readers.filter((where) => !where.startsWith('config.ts:'))).toEqual([]);
    expect(readers.some((where) => where.startsWith('config.ts:'))).toBe(true);
  });
});

describe('.env.example', () => {
  const text = readFileSync(fileURLToPath(new URL('../../../.env.example', import.meta.url)), 'utf8');
  const lines = text.split('\n');
  const entries = lines.flatMap((line, i) => {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ name: match[1]!, value: match[2]!, comment: lines[i - 1] ?? '' }] : [];
  });

  it('lists exactly the variables config.ts reads, each once', () => {
    expect(entries.map((e) => e.name).sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
  });

  it('gives each a one-line comment', () => {
    expect(entries.filter((e) => !/^# \S/.test(e.comment)).map((e) => e.name)).toEqual([]);
  });

  it('shows the defaults: loading the file as it is gives the same configuration as an empty environment', () => {
    const env = Object.fromEntries(entries.map((e) => [e.name, e.value]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});

describe("the README's configuration table", () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration')) ?? '';
  // The first column of each table row; a row may name several variables.
  const documented = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
  // Read by something other than config.ts: bin/serve, the demo, tests and the bench.
  const notServerConfig = ['HEAP_PROFILE', 'DEMO_PORT', 'TEST_POSTGRES_URL', 'TEST_REDIS_URL', 'CHROMIUM_PATH', 'SOAK_SECONDS', 'ROBUSTNESS_REQUESTS', 'BENCH_PG_URL'];

  it('names every variable config.ts reads', () => {
    expect(ENVIRONMENT_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('names nothing config.ts does not read, apart from the variables of bin/serve, the demo, tests and the bench', () => {
    expect(documented.filter((name) => !ENVIRONMENT_VARIABLES.includes(name) && !notServerConfig.includes(name))).toEqual([]);
  });
});
