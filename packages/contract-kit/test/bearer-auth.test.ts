// Any operation secured by an HTTP bearer scheme: the rule file says which operation's
// 200 carries the token and where, and the kit obtains, uses, withholds and tampers with
// tokens on its own — shown on a small fixture API of our own.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { curlLine } from '../src/http.js';
import { type CheckName, parseRuleFile, runContract } from '../src/index.js';
import { type BearerDefect, type BearerServer, startBearerApi } from './fixtures/bearer-api.js';

const SPEC = fileURLToPath(new URL('./fixtures/bearer-api.yaml', import.meta.url));
const RULES = fileURLToPath(new URL('./fixtures/bearer-rules.yaml', import.meta.url));
const EXAMPLES = 60;

let server: BearerServer | undefined;
afterEach(() => server?.close());

async function run(defect: BearerDefect) {
  server = await startBearerApi(defect);
  return runContract({ baseUrl: server.baseUrl, specPath: SPEC, rulesPath: RULES, credentials: { api_key: server.apiKey, api_secret: server.apiSecret }, maxExamples: EXAMPLES, seed: 3 });
}

describe('operations secured by an HTTP bearer scheme', () => {
  it('a correct API passes: tokens come from mint_token, a second confirm with the same token (409) is tolerated', async () => {
    const result = await run('none');
    expect(result.errors).toEqual([]);
    expect(result.failures.map((f) => `${f.check}: ${f.summary}`)).toEqual([]);
    // Two uses per token: confirm answers 200 to the first use and 409 to the second.
    expect(server?.confirms.get(200)).toBeGreaterThan(0);
    expect(server?.confirms.get(409)).toBeGreaterThan(0);
    expect(result.setupRequests).toBeGreaterThan(0);
  });

  it('obtains one token per uses_per_token bearer requests', async () => {
    const result = await run('none');
    const bearerRequests = result.targets
      .filter((t) => t.operationId === 'get_session' || t.operationId === 'confirm_session')
      .reduce((sum, t) => sum + (t.requests.positive_data_acceptance ?? 0) + 1, 0); // + the tampered-token case
    expect(result.setupRequests).toBe(Math.ceil(bearerRequests / 2));
  });

  it.each<[BearerDefect, CheckName[]]>([
    ['session-ignores-token', ['ignored_auth']],
    ['signature-not-checked', ['ignored_auth']],
    ['session-without-cache-control', ['response_headers_conformance']],
    ['second-confirm-crashes', ['not_a_server_error']],
  ])('when the API has the defect "%s", then %j report it', async (defect, expected) => {
    const result = await run(defect);
    expect(result.errors).toEqual([]);
    expect([...new Set(result.failures.map((f) => f.check))].sort()).toEqual(expected);
  });

  it('a tampered token is reported under ignored_auth with the token redacted in the printed request', async () => {
    const result = await run('signature-not-checked');
    const failure = result.failures.find((f) => f.check === 'ignored_auth');
    expect(failure?.summary).toMatch(/signature was altered/);
    const line = curlLine(failure!.exchange.request, result.secrets);
    expect(line).toContain("'Authorization: Bearer <sessionToken token, signature altered>'");
  });

  it('when the token operation refuses the credentials, the run fails with the reason', async () => {
    server = await startBearerApi('none');
    const result = await runContract({ baseUrl: server.baseUrl, specPath: SPEC, rulesPath: RULES, credentials: { api_key: 'key-1', api_secret: 'wrong' }, maxExamples: 5, seed: 3 });
    expect(result.errors).toContainEqual(expect.stringMatching(/could not obtain a sessionToken token from mint_token: it answered 401/));
  });

  it('a rule file must name an operation and a JSON path for each bearer scheme', () => {
    expect(() => parseRuleFile('auth:\n  bearer:\n    s: { from_operation: x }\n')).toThrow(/needs from_operation and json_path/);
    expect(() => parseRuleFile('auth:\n  bearer:\n    s: { from_operation: x, json_path: data.token }\n')).toThrow(/json_path must look like/);
  });
});
