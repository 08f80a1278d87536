// The kit against our own server, built and started as deployed (the bundle, an API key
// made with the CLI), on SQLite and on PostgreSQL: at least 500 generated requests per
// operation, and no failure (other than known server defects, listed below; none today).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, runContract, type RunResult } from '../src/index.js';
import { type RealServer, startRealServer, type StoreKind } from './support/real-server.js';

const SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const EXAMPLES = Number(process.env.CONTRACT_MAX_EXAMPLES ?? 500);
const SEED = Number(process.env.CONTRACT_SEED ?? 20261125);

interface KnownDefect {
  stores: StoreKind[];
  failure: string;
  /** Every request that showed it matches this (so another cause with the same summary is not hidden). */
  requests: RegExp;
  why: string;
}

/**
 * Defects the kit finds in our server and that are not fixed yet. The test fails when one
 * disappears (remove it) or when anything else fails. Both defects the kit found first (a
 * phone without its country code accepted next to an email; U+0000 in currency answered
 * 500 on PostgreSQL) are fixed, with tests in packages/server.
 */
const KNOWN_SERVER_DEFECTS: KnownDefect[] = [];

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
    console.log(`[${kind}] contract kit report (failures here must be the KNOWN_SERVER_DEFECTS of this test):\n${formatReport(result, (op) => `CONTRACT_SEED=${SEED} (operation ${op ?? '-'})`)}`);
  }, 600_000);
  afterAll(() => server?.stop());

  it(`sends at least ${EXAMPLES} generated requests to every operation`, () => {
    const operations = result.targets.filter((t) => t.operationId);
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const t of operations) expect(t.total, t.target).toBeGreaterThanOrEqual(EXAMPLES);
  });

  it('finds no failure but the known server defects, and no error', () => {
    expect(result.errors).toEqual([]);
    const known = KNOWN_SERVER_DEFECTS.filter((d) => d.stores.includes(kind));
    const unexplained = result.failures.filter((f) => {
      const defect = known.find((d) => d.failure === `${f.check}: ${f.summary}`);
      return !defect || !f.examples.every((e) => defect.requests.test(e.request.body ?? ''));
    });
    expect(unexplained.map((f) => `${f.check}: ${f.summary}`)).toEqual([]);
    expect(result.failures.map((f) => `${f.check}: ${f.summary}`).sort()).toEqual(known.map((d) => d.failure).sort());
  });

  it('judges acceptance: valid requests with the CLI-made key were answered 200', () => {
    expect(result.warnings).toEqual([]);
  });
});
