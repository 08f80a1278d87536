// X-Api-Key + X-Api-Secret: every failure is the same 401 envelope; secrets are stored only hashed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

const BODY = { amount: 10, email: 'payer@example.com' };

describe.each(STORE_KINDS)('authentication on %s', (kind) => {
  let server: TestServer;
  let key: { api_key: string; api_secret: string };

  beforeAll(async () => {
    server = await startServer(kind);
    key = await server.createApiKey();
  });
  afterAll(() => server?.close());

  const attempt = (apiKey: string, apiSecret: string) => server.client({ apiKey, apiSecret }).createDeveloperToken(BODY);

  async function expect401(apiKey: string, apiSecret: string) {
    const { data, error, response } = await attempt(apiKey, apiSecret);
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toEqual({ success: false, message: 'Invalid API credentials', data: null, queryGeneratedTime: expect.any(Number), error_code: 'invalid_credentials' });
  }

  it('accepts the right key and secret', async () => {
    const { response } = await attempt(key.api_key, key.api_secret);
    expect(response.status).toBe(200);
  });

  it('accepts the key in upper case (UUIDs are case-insensitive)', async () => {
    const { response } = await attempt(key.api_key.toUpperCase(), key.api_secret);
    expect(response.status).toBe(200);
  });

  it('rejects a wrong secret with the generic 401', () => expect401(key.api_key, `${key.api_secret}x`));
  it('rejects an empty secret', () => expect401(key.api_key, ''));
  it('rejects an unknown key', () => expect401('00000000-0000-4000-8000-000000000000', key.api_secret));
  it('rejects a malformed (non-UUID) key', () => expect401('not-a-uuid', key.api_secret));
  it("rejects another key's secret", async () => {
    const other = await server.createApiKey('Other');
    await expect401(key.api_key, other.api_secret);
  });

  it('rejects a revoked key, immediately', async () => {
    const doomed = await server.createApiKey('Doomed');
    expect((await attempt(doomed.api_key, doomed.api_secret)).response.status).toBe(200);
    await server.service.services.apiKeys.revoke(doomed.api_key);
    await expect401(doomed.api_key, doomed.api_secret);
  });

  it('does not say which part was wrong: every 401 has the same message', async () => {
    const messages = new Set<string>();
    for (const [k, s] of [
      [key.api_key, 'wrong'],
      ['00000000-0000-4000-8000-000000000000', 'wrong'],
      ['junk', 'wrong'],
    ] as const) {
      const { error } = await attempt(k, s);
      messages.add((error as { message: string }).message);
    }
    expect(messages.size).toBe(1);
  });

  it('stores the secret only as a keyed hash', async () => {
    const rows = await server.store.query('SELECT hash, "hashKeyId" FROM "ApiSecret"');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.hashKeyId).toMatch(/^mk_/);
    }
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key.api_secret);
    expect(dump).not.toContain(key.api_secret.slice(3, 20));
  });

  it('never writes a secret into the logs', async () => {
    await attempt(key.api_key, key.api_secret);
    await attempt(key.api_key, 'a-wrong-secret-that-must-not-be-logged');
    const logs = server.logs.join('');
    expect(logs).toContain('"url":"/api/checkout/token/developer"');
    // Headers are not logged at all, so no credential header is ever serialized.
    expect(logs).not.toMatch(/x-api-secret/i);
    expect(logs).not.toContain(key.api_secret);
    expect(logs).not.toContain('a-wrong-secret-that-must-not-be-logged');
  });
});
