// `pnpm cli keys …`: create prints the secret once, list never does, revoke is immediate;
// clear errors and exit codes (0 done, 1 failed, 2 usage).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, createTestStore, type TestStore } from '@checkout/test-support';
import { cli, cliAsync } from './support/processes.js';

describe.each(STORE_KINDS)('key management CLI on %s', (kind) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeAll(async () => {
    store = await createTestStore(kind);
    env = { DATABASE_URL: store.databaseUrl, DATA_DIR: store.dataDir, MASTER_KEY: randomBytes(32).toString('base64') };
  });
  afterAll(() => store?.drop());

  it('concurrent `db migrate` processes on a fresh database all succeed', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => cliAsync(['db', 'migrate'], env)));
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(runs.filter((r) => r.stdout.startsWith('applied')).length).toBe(1);
  });

  it('keys create --json prints one JSON line with the key and its secret', () => {
    const result = cli(['keys', 'create', '--name', 'Acme Store', '--json'], env);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]!);
    expect(created.api_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.api_secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(created.initiator_id).toBeTypeOf('string');
  });

  it('keys create prints a readable block that says the secret is shown once', () => {
    const result = cli(['keys', 'create', '--name', 'Readable'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/API key: +[0-9a-f-]{36}/);
    expect(result.stdout).toMatch(/API secret: +sk_/);
    expect(result.stdout).toMatch(/shown only now/);
  });

  it('keys create --initiator adds a key to an existing initiator', () => {
    const first = JSON.parse(cli(['keys', 'create', '--name', 'Multi', '--json'], env).stdout);
    const second = cli(['keys', 'create', '--name', 'Multi backup', '--initiator', first.initiator_id, '--json'], env);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout).initiator_id).toBe(first.initiator_id);
    const missing = cli(['keys', 'create', '--name', 'x', '--initiator', 'no-such-initiator'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no initiator no-such-initiator');
  });

  it('keys list shows keys but never a secret', () => {
    const created = JSON.parse(cli(['keys', 'create', '--name', 'Listed', '--json'], env).stdout);
    const list = cli(['keys', 'list'], env);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(created.api_key);
    expect(list.stdout).toContain('Listed');
    expect(list.stdout).not.toContain(created.api_secret);
    expect(list.stdout).not.toMatch(/sk_/);
    const json = JSON.parse(cli(['keys', 'list', '--json'], env).stdout);
    expect(json.find((k: { api_key: string }) => k.api_key === created.api_key)).toMatchObject({ name: 'Listed', revoked_at: null });
    expect(JSON.stringify(json)).not.toContain(created.api_secret);
  });

  it('keys revoke revokes once, then says it already is; unknown keys fail with exit 1', () => {
    const created = JSON.parse(cli(['keys', 'create', '--name', 'Revoked', '--json'], env).stdout);
    const first = cli(['keys', 'revoke', created.api_key], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`revoked ${created.api_key}`);
    const again = cli(['keys', 'revoke', created.api_key], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already revoked');
    const unknown = cli(['keys', 'revoke', '00000000-0000-4000-8000-000000000000'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no API key');
    const listed = JSON.parse(cli(['keys', 'list', '--json'], env).stdout);
    expect(listed.find((k: { api_key: string }) => k.api_key === created.api_key).revoked_at).not.toBeNull();
  });

  it('usage errors exit 2 with the help text; --help exits 0', () => {
    expect(cli(['--help'], env)).toMatchObject({ status: 0, stdout: expect.stringContaining('keys create --name NAME') });
    expect(cli([], env).status).toBe(2);
    const noName = cli(['keys', 'create'], env);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain('keys create needs --name NAME');
    expect(cli(['keys', 'explode'], env).status).toBe(2);
    expect(cli(['keys', 'create', '--nmae', 'typo'], env).status).toBe(2);
  });

  it('a bad configuration exits 1 naming the variable', () => {
    const result = cli(['keys', 'list'], { ...env, DATABASE_URL: 'mysql://nope' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});
