// The README's promises, run as a user would: the built server as a process, the CLI,
// and the README's own curl block, verbatim except for the port.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMatchesSpec } from './support/spec-conformance.js';
import { STORE_KINDS, createTestStore, type TestStore } from '@checkout/test-support';
import { cli, startServerProcess } from './support/processes.js';

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const curlBlock = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.startsWith('curl '));

describe.each(STORE_KINDS)('README journey on %s', (kind) => {
  let store: TestStore;
  let env: Record<string, string>;
  let server: Awaited<ReturnType<typeof startServerProcess>>;

  beforeAll(async () => {
    store = await createTestStore(kind);
    env = { DATABASE_URL: store.databaseUrl, DATA_DIR: store.dataDir, MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' };
    server = await startServerProcess(env);
  });
  afterAll(async () => {
    await server?.stop();
    await store?.drop();
  });

  it('the README has a curl example for the token endpoint', () => {
    expect(curlBlock).toContain('/api/checkout/token/developer');
  });

  it('after `keys create`, the README curl example returns a token', () => {
    const key = JSON.parse(cli(['keys', 'create', '--name', 'My Shop', '--json'], env).stdout);
    const script = curlBlock!.replaceAll('http://127.0.0.1:3000', server.url);
    const output = execFileSync('bash', ['-c', script], { env: { PATH: process.env.PATH, API_KEY: key.api_key, API_SECRET: key.api_secret }, encoding: 'utf8' });
    const body = JSON.parse(output);
    assertMatchesSpec('POST', '/api/checkout/token/developer', 200, 'application/json', body);
    expect(body).toMatchObject({ success: true, message: 'Success' });
    expect(decodeJwt(body.data.checkout_token).initiator_id).toBe(key.initiator_id);
  });

  it('prints one start-up line with the URL and the store, never a password', () => {
    expect(server.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ .*store (SQLite|PostgreSQL)/);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});
