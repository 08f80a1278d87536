// The kit catches real defects: a hand-written implementation of the developer endpoint
// passes every check, and each planted defect is reported by the check that names it
// (and by no unrelated check).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type CheckName, runContract } from '../src/index.js';
import { type Defect, type FixtureServer, PATH, startDeveloperEndpoint } from './fixtures/developer-endpoint.js';

const SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const OPERATION = 'create_developer_checkout_token_api_checkout_token_developer_post';

let server: FixtureServer | undefined;
afterEach(() => server?.close());

async function failingChecks(defect: Defect, seed = 7) {
  server = await startDeveloperEndpoint(defect);
  const result = await runContract({
    baseUrl: server.baseUrl,
    specPath: SPEC,
    credentials: { api_key: server.apiKey, api_secret: server.apiSecret },
    operations: [OPERATION],
    maxExamples: 150,
    seed,
  });
  expect(result.errors).toEqual([]);
  return { result, checks: [...new Set(result.failures.map((f) => f.check))].sort() };
}

describe('the kit against planted defects in the developer endpoint', () => {
  it('passes a correct implementation of the endpoint', async () => {
    const { result, checks } = await failingChecks('none');
    expect(checks).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it.each<[Defect, CheckName[]]>([
    ['server-error-at-maximum-amount', ['not_a_server_error']],
    ['response-missing-expires-at', ['response_schema_conformance']],
    ['response-as-text-plain', ['content_type_conformance']],
    ['accepts-any-credentials', ['ignored_auth']],
    ['accepts-no-credentials', ['ignored_auth']],
    ['secret-header-optional', ['missing_required_header']],
    ['currency-max-length-not-enforced', ['negative_data_rejection']],
    ['phone-rule-skipped-with-email', ['negative_data_rejection']],
    ['rejects-maximum-amount', ['positive_data_acceptance']],
    ['validation-error-as-400', ['status_code_conformance']],
    ['wrong-method-without-allow', ['unsupported_method']],
    ['wrong-method-not-found', ['unsupported_method']],
  ])('when the endpoint has the defect "%s", then %j report it', async (defect, expected) => {
    const { checks } = await failingChecks(defect);
    expect(checks).toEqual(expected);
  });

  it('when the server answers 500, the failure names the check, the operation, the request, the response and the seed', async () => {
    const { result } = await failingChecks('server-error-at-maximum-amount', 99);
    const failure = result.failures[0];
    expect(failure).toMatchObject({ check: 'not_a_server_error', operationId: OPERATION, summary: 'server error 500' });
    expect(failure?.exchange.request.body).toContain('"amount":100000');
    expect(failure?.exchange.response.status).toBe(500);
    expect(result.seed).toBe(99);
  });

  it('when an invalid body is accepted, the failure says which constraint the request broke', async () => {
    const { result } = await failingChecks('currency-max-length-not-enforced');
    expect(result.failures.map((f) => f.summary)).toContainEqual(expect.stringMatching(/^invalid data accepted with 200: \/currency must NOT have more than 10 characters/));
  });

  it('sends every request to the base URL, and only to the paths of the spec', async () => {
    const { result } = await failingChecks('none');
    const received = [...(server?.received.entries() ?? [])];
    expect(received).toEqual([[PATH, result.totalRequests]]);
  });
});
