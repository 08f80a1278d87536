// Keys that rotate without downtime: API secrets with a grace period, signing keys by
// generation (old tokens verify until they expire; revoke is immediate), and the master
// key with a re-encrypt step. Driven through the CLI, as an operator would.
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS } from '@checkout/test-support';
import { cliAsync } from './support/processes.js';
import { startServer, type TestServer } from './support/server.js';

const PATH = '/api/checkout/token/developer';
const BODY = JSON.stringify({ amount: 5, email: 'rotate@example.com' });

describe.each(STORE_KINDS)('key lifecycle on %s', (kind) => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    // No cache: these tests change keys from another process (the CLI) and expect the change at once.
    // caching.test.ts shows the bounded delay with the default cache.
    server = await startServer(kind, { CACHE_TTL_SECONDS: '0' });
    env = { DATABASE_URL: server.store.databaseUrl, DATA_DIR: server.store.dataDir, MASTER_KEY: server.service.config.masterKey! };
  });
  afterAll(() => server?.close());

  const mint = (apiKey: string, apiSecret: string) =>
    server.request('POST', PATH, { headers: { 'X-Api-Key': apiKey, 'X-Api-Secret': apiSecret, 'content-type': 'application/json' }, body: BODY });
  const getSession = (token: string) => server.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${token}` } });
  const p = (n: number) => (kind === 'sqlite' ? '?' : `$${n}`);

  describe('API secret rotation', () => {
    it('issues a new secret; the old one keeps working during the grace period, then stops', async () => {
      const key = await server.createApiKey('Rotating');
      const rotated = (await cliAsync(['keys', 'rotate', key.api_key, '--grace', '3600', '--json'], env));
      expect(rotated.status).toBe(0);
      const { api_secret: fresh, previous_secret_expires_at } = JSON.parse(rotated.stdout);
      expect(fresh).not.toBe(key.api_secret);
      expect(new Date(previous_secret_expires_at).getTime() - Date.now()).toBeGreaterThan(3500_000);
      expect((await mint(key.api_key, fresh)).status).toBe(200);
      expect((await mint(key.api_key, key.api_secret)).status).toBe(200);
      // The grace period ends (moved into the past here rather than waited for).
      const past = new Date(Date.now() - 1000);
      await server.store.query(`UPDATE "ApiSecret" SET "expiresAt" = ${p(1)} WHERE "apiKeyId" = ${p(2)} AND "expiresAt" IS NOT NULL`, [
        kind === 'sqlite' ? past.toISOString() : past,
        key.api_key,
      ]);
      expect((await mint(key.api_key, key.api_secret)).status).toBe(401);
      expect((await mint(key.api_key, fresh)).status).toBe(200);
    });

    it('--grace 0 ends the old secret at once', async () => {
      const key = await server.createApiKey('Immediate');
      const { api_secret: fresh } = JSON.parse((await cliAsync(['keys', 'rotate', key.api_key, '--grace', '0', '--json'], env)).stdout);
      expect((await mint(key.api_key, key.api_secret)).status).toBe(401);
      expect((await mint(key.api_key, fresh)).status).toBe(200);
    });

    it('prints the new secret once, readable, and refuses revoked or unknown keys', async () => {
      const key = await server.createApiKey('Readable rotation');
      const out = (await cliAsync(['keys', 'rotate', key.api_key], env));
      expect(out.stdout).toMatch(/New secret: +sk_/);
      expect(out.stdout).toMatch(/Old secret valid until/);
      expect((await cliAsync(['keys', 'rotate', '00000000-0000-4000-8000-000000000000'], env)).status).toBe(1);
      (await cliAsync(['keys', 'revoke', key.api_key], env));
      const revoked = (await cliAsync(['keys', 'rotate', key.api_key], env));
      expect(revoked.status).toBe(1);
      expect(revoked.stderr).toContain('revoked');
      expect((await cliAsync(['keys', 'rotate', key.api_key, '--grace', 'soon'], env)).status).toBe(2);
    });
  });

  describe('signing key rotation', () => {
    it('gives new tokens a new kid while tokens signed by the old key keep verifying', async () => {
      const key = await server.createApiKey('Signer');
      const before = (await mint(key.api_key, key.api_secret)).json.data.checkout_token;
      const out = (await cliAsync(['signing-keys', 'rotate', key.api_key], env));
      expect(out.status).toBe(0);
      const after = (await mint(key.api_key, key.api_secret)).json.data.checkout_token;
      expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
      expect(out.stdout).toContain(decodeProtectedHeader(after).kid);
      expect((await getSession(before)).status).toBe(200);
      expect((await getSession(after)).status).toBe(200);
      const list = JSON.parse((await cliAsync(['signing-keys', 'list', key.api_key, '--json'], env)).stdout);
      expect(list.map((k: { generation: number; state: string }) => [k.generation, k.state])).toEqual([
        [1, 'retired'],
        [2, 'current'],
      ]);
    });

    it('revoke invalidates tokens of that key at once; the next token gets a new key', async () => {
      const key = await server.createApiKey('Revoker');
      const token = (await mint(key.api_key, key.api_secret)).json.data.checkout_token;
      const kid = decodeProtectedHeader(token).kid!;
      expect((await getSession(token)).status).toBe(200);
      const out = (await cliAsync(['signing-keys', 'revoke', key.api_key], env));
      expect(out.status).toBe(0);
      expect(out.stdout).toContain(kid);
      expect((await getSession(token)).status).toBe(401);
      const next = (await mint(key.api_key, key.api_secret)).json.data.checkout_token;
      expect(decodeProtectedHeader(next).kid).not.toBe(kid);
      expect((await getSession(next)).status).toBe(200);
      const again = (await cliAsync(['signing-keys', 'revoke', key.api_key, '--kid', kid], env));
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already revoked');
    });

    it("refuses to revoke another initiator's kid", async () => {
      const a = await server.createApiKey('A');
      const b = await server.createApiKey('B');
      const bToken = (await mint(b.api_key, b.api_secret)).json.data.checkout_token;
      const out = (await cliAsync(['signing-keys', 'revoke', a.api_key, '--kid', decodeProtectedHeader(bToken).kid!], env));
      expect(out.status).toBe(1);
      expect((await getSession(bToken)).status).toBe(200);
    });
  });
});

describe('master key rotation', () => {
  it('re-encrypts signing keys, re-hashes secrets on use, and then runs without the old key', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const store = await createTestStore('sqlite');
    const first = await startServer('sqlite', { MASTER_KEY: oldKey, CACHE_TTL_SECONDS: '0' }, { store });
    const base = { DATABASE_URL: store.databaseUrl, DATA_DIR: store.dataDir };
    const used = await first.createApiKey('Used');
    const idle = await first.createApiKey('Idle');
    const mintOn = (s: TestServer, k: typeof used) =>
      s.request('POST', PATH, { headers: { 'X-Api-Key': k.api_key, 'X-Api-Secret': k.api_secret, 'content-type': 'application/json' }, body: BODY });
    const oldToken = (await mintOn(first, used)).json.data.checkout_token;
    await first.close().catch(() => {});

    // Deploy with the new key first and the old one as "previous".
    const rotatedEnv = { ...base, MASTER_KEY: newKey, MASTER_KEYS_PREVIOUS: oldKey };
    const before = JSON.parse((await cliAsync(['master-key', 'status', '--json'], rotatedEnv)).stdout);
    expect(before.previous_keys_unused).toBe(false);
    expect((await cliAsync(['master-key', 'reencrypt'], rotatedEnv)).stdout).toMatch(/re-encrypted 1 signing key/);

    const second = await startServer('sqlite', { ...rotatedEnv }, { store });
    try {
      expect((await mintOn(second, used)).status).toBe(200); // re-hashes "used" under the new key
      expect((await second.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${oldToken}` } })).status).toBe(200);
    } finally {
      await second.close().catch(() => {});
    }
    const after = JSON.parse((await cliAsync(['master-key', 'status', '--json'], rotatedEnv)).stdout);
    expect(Object.keys(after.signing_keys)).toEqual([after.current_master_key_id]);
    // "idle" has not authenticated since: its hash still needs the old key, and status says so.
    expect(after.previous_keys_unused).toBe(false);
    expect(Object.keys(after.api_secrets)).toHaveLength(2);

    // Without the old key: the used key and the re-encrypted signing key work; the idle key's old hash cannot match.
    const third = await startServer('sqlite', { ...base, MASTER_KEY: newKey }, { store });
    try {
      expect((await mintOn(third, used)).status).toBe(200);
      expect((await third.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${oldToken}` } })).status).toBe(200);
      expect((await mintOn(third, idle)).status).toBe(401);
    } finally {
      await third.close();
      await store.drop();
    }
  });
});
