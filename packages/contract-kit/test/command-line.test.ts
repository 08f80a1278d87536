// `pnpm contract` (the built dist/cli.js): exit codes, credentials from flags or the
// environment, and a failure report that a person can act on — check, operation, the
// request as a curl line with secrets redacted, the response, and the seed.
import { fileURLToPath } from 'node:url';
import { runScript } from '@checkout/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startDeveloperEndpoint } from './fixtures/developer-endpoint.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const OPERATION = 'create_developer_checkout_token_api_checkout_token_developer_post';

const contract = (args: string[], env: Record<string, string> = {}) => runScript(CLI, args, env);

describe('pnpm contract', () => {
  let good: FixtureServer;
  let faulty: FixtureServer;
  beforeAll(async () => {
    good = await startDeveloperEndpoint('none');
    faulty = await startDeveloperEndpoint('server-error-at-maximum-amount');
  });
  afterAll(async () => {
    await good?.close();
    await faulty?.close();
  });

  it('exits 0 and says PASSED when every check passes', async () => {
    const run = await contract(['--base-url', good.baseUrl, '--api-key', good.apiKey, '--api-secret', good.apiSecret, '--operation', OPERATION, '--max-examples', '40', '--seed', '5']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/PASSED: 0 failure\(s\), 0 error\(s\), \d+ requests .* \(seed 5\)/);
    expect(run.stdout).toContain('positive_data_acceptance 40, negative_data_rejection 40');
  });

  it('exits 1 on a failure and prints the check, the operation, a redacted curl line, the response and the seed', async () => {
    const run = await contract(['--base-url', faulty.baseUrl, '--operation', OPERATION, '--max-examples', '60', '--seed', '5'], {
      CONTRACT_API_KEY: faulty.apiKey,
      CONTRACT_API_SECRET: faulty.apiSecret,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`1. not_a_server_error — POST /api/checkout/token/developer (${OPERATION})`);
    expect(run.stdout).toMatch(/request: {2}curl -sS -i -X POST '.*\/api\/checkout\/token\/developer' -H 'Content-Type: application\/json' -H "X-Api-Key: \$CONTRACT_API_KEY" -H "X-Api-Secret: \$CONTRACT_API_SECRET" --data-raw '\{.*"amount":100000.*\}'/);
    expect(run.stdout).toContain('response: 500 application/json');
    expect(run.stdout).toContain(`reproduce: pnpm contract --base-url ${faulty.baseUrl} --seed 5 --max-examples 60 --operation ${OPERATION}`);
    expect(run.stdout).not.toContain(faulty.apiSecret);
    expect(run.stdout).not.toContain(faulty.apiKey);
    expect(run.stdout).toMatch(/FAILED: 1 failure\(s\)/);
  });

  it('prints the same failing request for the same seed', async () => {
    const args = ['--base-url', faulty.baseUrl, '--api-key', faulty.apiKey, '--api-secret', faulty.apiSecret, '--operation', OPERATION, '--max-examples', '150', '--seed', '31'];
    const failingRequest = (out: string) => /request: {2}(curl .*)/.exec(out)?.[1];
    const [first, second] = await Promise.all([contract(args), contract(args)]);
    expect(failingRequest(first.stdout)).toBeDefined();
    expect(failingRequest(first.stdout)).toBe(failingRequest(second.stdout));
  });

  it('exits 2 with the usage when --base-url is missing or a flag is unknown', async () => {
    for (const args of [[], ['--base-url', 'http://127.0.0.1:1', '--no-such-flag']]) {
      const run = await contract(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Usage: pnpm contract --base-url URL');
    }
  });

  it('exits 1 with "no response" when nothing listens at the base URL', async () => {
    const run = await contract(['--base-url', 'http://127.0.0.1:9', '--operation', 'get_liveness_healthz_get', '--max-examples', '2', '--seed', '1']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/not_a_server_error .*\n.*\n {3}no response: connect ECONNREFUSED/);
  });
});
