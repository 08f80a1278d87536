// The kit against our own server, built and started as deployed (dist/main.js, an API key
// made with the CLI), on SQLite and on PostgreSQL: at least 500 generated requests per
// operation, and no failure other than the known server defects listed below.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, runContract, type RunResult } from '../src/index.js';
import { type RealServer, startRealServer, type StoreKind } from './support/real-server.js';

const SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const EXAMPLES = Number(process.env.CONTRACT_MAX_EXAMPLES ?? 500);
const SEED = Number(process.env.CONTRACT_SEED ?? 20261125);

/**
 * Defects the kit finds in our server, reported to the lead and not fixed here (the
 * server is not this package's code). Listed as `check: summary`; the test fails when
 * one disappears (remove it) or a new one appears.
 */
const KNOWN_SERVER_DEFECTS = [
  // The spec: "a non-null phone needs a non-null phone_country_code". The server skips
  // that rule when an email is also given (domain/token-request.ts returns on email first).
  'negative_data_rejection: invalid data accepted with 200: body: phone without phone_country_code',
];

describe.each<StoreKind>(['sqlite', 'postgresql'])('the contract kit against our server on %s', (kind) => {
  let server: RealServer;
  let result: RunResult;
  beforeAll(async () => {
    server = await startRealServer(kind);
    result = await runContract({
      baseUrl: server.baseUrl,
      specPath: SPEC,
      credentials: { api_key: server.apiKey, api_secret: server.apiSecret },
      maxExamples: EXAMPLES,
      seed: SEED,
    });
    console.log(`[${kind}]\n${formatReport(result, (op) => `CONTRACT_SEED=${SEED} (operation ${op ?? '-'})`)}`);
  }, 600_000);
  afterAll(() => server?.stop());

  it(`sends at least ${EXAMPLES} generated requests to every operation`, () => {
    const operations = result.targets.filter((t) => t.operationId);
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const t of operations) expect(t.total, t.target).toBeGreaterThanOrEqual(EXAMPLES);
  });

  it('finds no failure but the known server defects, and no error', () => {
    expect(result.errors).toEqual([]);
    expect(result.failures.map((f) => `${f.check}: ${f.summary}`)).toEqual(KNOWN_SERVER_DEFECTS);
  });

  it('judges acceptance: valid requests with the CLI-made key were answered 200', () => {
    expect(result.warnings).toEqual([]);
  });
});
