// The hot paths remember credentials, current signing keys, sessions and verified tokens.
// These tests pin down what that may cost: a change made by another process (the CLI, another
// worker) is seen within CACHE_TTL_SECONDS; a change made through this process at once; an
// expired token is never served from memory.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './support/processes.js';
import { resign } from './support/tokens.js';
import { startServer, type TestServer } from './support/server.js';

const PATH = '/api/checkout/token/developer';
const TTL_SECONDS = 1;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`caches with CACHE_TTL_SECONDS=${TTL_SECONDS}`, () => {
  let server: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startServer('sqlite', { CACHE_TTL_SECONDS: String(TTL_SECONDS), CHECKOUT_TOKEN_CLOCK_TOLERANCE_SECONDS: '0' });
    env = { DATABASE_URL: server.store.databaseUrl, DATA_DIR: server.store.dataDir, MASTER_KEY: server.service.config.masterKey! };
  });
  afterAll(() => server?.close());

  const mint = (k: { api_key: string; api_secret: string }) =>
    server.request('POST', PATH, { headers: { 'X-Api-Key': k.api_key, 'X-Api-Secret': k.api_secret, 'content-type': 'application/json' }, body: '{"amount": 1, "email": "cache@example.com"}' });
  const getSession = (token: string) => server.request('GET', '/api/checkout/session', { headers: { Authorization: `Bearer ${token}` } });

  it('an API key revoked by another process is refused within the TTL', async () => {
    const key = await server.createApiKey('Revoked elsewhere');
    expect((await mint(key)).status).toBe(200);
    expect((await cliAsync(['keys', 'revoke', key.api_key], env)).status).toBe(0);
    await pause(TTL_SECONDS * 1000 + 200);
    expect((await mint(key)).status).toBe(401);
  });

  it('an API key revoked through this process is refused at once', async () => {
    const key = await server.createApiKey('Revoked here');
    expect((await mint(key)).status).toBe(200);
    await server.service.services.apiKeys.revoke(key.api_key);
    expect((await mint(key)).status).toBe(401);
  });

  it('a secret rotated elsewhere with --grace 0 stops working within the TTL, the new one works at once', async () => {
    const key = await server.createApiKey('Rotated elsewhere');
    expect((await mint(key)).status).toBe(200);
    const rotated = JSON.parse((await cliAsync(['keys', 'rotate', key.api_key, '--grace', '0', '--json'], env)).stdout);
    await pause(TTL_SECONDS * 1000 + 200);
    expect((await mint(key)).status).toBe(401);
    expect((await mint({ api_key: key.api_key, api_secret: rotated.api_secret })).status).toBe(200);
  });

  it('a signing key rotated elsewhere signs no new token after the TTL', async () => {
    const key = await server.createApiKey('Signing rotated elsewhere');
    const before = (await mint(key)).json.data.checkout_token;
    expect((await cliAsync(['signing-keys', 'rotate', key.api_key], env)).status).toBe(0);
    await pause(TTL_SECONDS * 1000 + 200);
    const after = (await mint(key)).json.data.checkout_token;
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await getSession(before)).status).toBe(200);
  });

  it('a signing key revoked elsewhere stops verifying its tokens within the TTL', async () => {
    const key = await server.createApiKey('Signing revoked elsewhere');
    const token = (await mint(key)).json.data.checkout_token;
    expect((await getSession(token)).status).toBe(200);
    expect((await cliAsync(['signing-keys', 'revoke', key.api_key], env)).status).toBe(0);
    await pause(TTL_SECONDS * 1000 + 200);
    expect((await getSession(token)).status).toBe(401);
  });

  it('a confirm through this process shows as completed at once', async () => {
    const key = await server.createApiKey('Confirm here');
    const token = (await mint(key)).json.data.checkout_token;
    expect((await getSession(token)).json.data.status).toBe('open');
    expect((await server.request('POST', '/api/checkout/session/confirm', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await getSession(token)).json.data.status).toBe('completed');
  });

  it('never serves a remembered token past its expiry', async () => {
    const key = await server.createApiKey('Short-lived');
    const token = (await mint(key)).json.data.checkout_token;
    const signing = await server.service.services.signingKeys.currentFor(key.initiator_id);
    const short = await resign(token, signing.secret, { exp: Math.floor(Date.now() / 1000) + 2 });
    expect((await getSession(short)).status).toBe(200);
    expect((await getSession(short)).status).toBe(200);
    await pause(2500);
    const expired = await getSession(short);
    expect(expired.status).toBe(401);
    expect(expired.json.message).toBe('Checkout token has expired');
    expect(decodeJwt(token).exp).toBeGreaterThan(Date.now() / 1000);
  });
});
