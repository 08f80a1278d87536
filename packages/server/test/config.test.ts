// Configuration is parsed once; a bad value stops start-up with a sentence naming the variable.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeStore, loadConfig } from '../src/config.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

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
