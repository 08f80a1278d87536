// The bench's verdicts: each of our scenarios is judged against the bare Express measured around
// it, and only a row without one against the first and last bare Express of the run.
import { describe, expect, it } from 'vitest';
import { medianRound, renderMarkdown, renderTable, TARGETS, verdicts, type BenchResult, type Row } from '../src/report.js';

const load = { p50: 5, errors: 0, timeouts: 0, non2xx: 0, total: 1000 };
const bare = (requestsPerSecond: number, p99: number, scenario = 'POST small JSON'): Row => ({ target: 'bare Express 5', scenario, requestsPerSecond, p99, peakRssMb: 120, ...load });
const ours = (scenario: string, requestsPerSecond: number, p99: number, around?: { requestsPerSecond: number; p99: number }): Row => ({
  target: 'ours · SQLite',
  scenario,
  requestsPerSecond,
  p99,
  peakRssMb: 140,
  coldStartMs: 700,
  store: 'sqlite',
  processes: 1,
  ...load,
  ...(around ? { adjacentCeiling: around } : {}),
});
/** A whole run of these rows, as the bench writes it. */
const runOf = (rows: Row[]): BenchResult => ({
  date: '2026-11-26T00:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'test', node: 'v20' },
  options: { seconds: 10, warmupSeconds: 3, connections: 50, workers: 2 },
  targets: TARGETS,
  rows,
  verdicts: verdicts(rows),
});
const find = (list: ReturnType<typeof verdicts>, what: string) => list.find((v) => v.what.endsWith(what));

describe('bench verdicts', () => {
  it('judge a scenario against the bare Express measured around it, not the run ends', () => {
    // The run ends say 4,000 req/s; around the scenario the machine ran at 8,000.
    const rows = [bare(4000, 20), ours('token verification', 6000, 30, { requestsPerSecond: 8000, p99: 10 }), bare(4000, 20, 'POST small JSON (end of run)')];
    const list = verdicts(rows);
    expect(find(list, 'token verification: req/s vs Express')).toMatchObject({ measured: '0.75×', ok: false });
    expect(find(list, 'token verification: p99 vs Express')).toMatchObject({ measured: '3.00×', ok: false });
  });

  it('fall back to the mean of the first and last bare Express for a row measured without one', () => {
    const rows = [bare(4000, 20), ours('token issuance', 2200, 30), bare(4800, 20, 'POST small JSON (end of run)')];
    const list = verdicts(rows);
    expect(find(list, 'token issuance: req/s vs Express')).toMatchObject({ measured: '0.50×', ok: true });
    expect(find(list, 'token issuance: p99 vs Express')).toMatchObject({ measured: '1.50×', ok: true });
  });

  it('hold issuance on SQLite to its own target and count every error', () => {
    const around = { requestsPerSecond: 1000, p99: 10 };
    const failing = { ...ours('token issuance', TARGETS.issuanceSqliteRatio * 1000 - 1, 10, around), non2xx: 1 };
    const list = verdicts([failing]);
    expect(find(list, 'token issuance: req/s vs Express')?.ok).toBe(false);
    expect(find(list, 'token issuance: errors + non-2xx')).toMatchObject({ measured: '1', ok: false });
  });

  it("judge a cluster's memory by its largest process, not by the mean of the sum", () => {
    const around = { requestsPerSecond: 1000, p99: 10 };
    const cluster = (largestProcessRssMb: number): Row => ({ ...ours('token issuance', 700, 10, around), processes: 2, peakRssMb: 340, largestProcessRssMb });
    expect(find(verdicts([cluster(145)]), 'peak RSS of its largest process')).toMatchObject({ measured: '145 MB', ok: true });
    expect(find(verdicts([cluster(160)]), 'peak RSS of its largest process')).toMatchObject({ measured: '160 MB', ok: false });
  });

  it('print the bare Express each scenario was compared with', () => {
    const rows = [bare(4000, 20), ours('token verification', 6000, 30, { requestsPerSecond: 8000, p99: 10 })];
    const result = runOf(rows);
    const line = renderTable(result).split('\n').find((l) => l.startsWith('ours · SQLite'));
    expect(line).toMatch(/6000\s+8000\s+0\.75×/);
  });

  it('write the same table as Markdown, with the missed targets listed', () => {
    const rows = [bare(4000, 20), ours('token verification', 6000, 30, { requestsPerSecond: 8000, p99: 10 }), ours('token issuance', 2500, 12, { requestsPerSecond: 4000, p99: 10 })];
    const result = runOf(rows);
    const lines = renderMarkdown(result).split('\n');
    expect(lines.filter((l) => l.startsWith('| ours · SQLite | token verification |'))).toEqual([
      '| ours · SQLite | token verification | 6000 | 8000 | 0.75× | 5 | 30 | 3.00× | 0 | 0 |  | 140 | 700 |  |',
    ]);
    const missed = lines.filter((l) => l.startsWith('- '));
    expect(missed).toEqual(['- ours · SQLite token verification: req/s vs Express: 0.75× (target ≥ 0.8×)', '- ours · SQLite token verification: p99 vs Express: 3.00× (target ≤ 2×)']);
    expect(lines).toContain(`Targets met: ${result.verdicts.length - 2} of ${result.verdicts.length}. Missed:`);
  });
});

describe('a scenario measured in rounds (--rounds N)', () => {
  // Three rounds of verification, each against its own bare Express: ratios 0.50×, 0.90×, 0.70×.
  const rounds = [
    ours('token verification', 2000, 40, { requestsPerSecond: 4000, p99: 20 }),
    ours('token verification', 4500, 15, { requestsPerSecond: 5000, p99: 10 }),
    ours('token verification', 2800, 30, { requestsPerSecond: 4000, p99: 20 }),
  ];

  it("is shown as the round with the median req/s ratio, with that round's own bare Express and p99", () => {
    const row = medianRound(rounds);
    expect(row).toMatchObject({ requestsPerSecond: 2800, p99: 30, adjacentCeiling: { requestsPerSecond: 4000, p99: 20 } });
    expect(find(verdicts([row]), 'token verification: req/s vs Express')).toMatchObject({ measured: '0.70×', ok: false });
    expect(row.rounds).toEqual([
      { ratio: 0.5, p99Ratio: 2 },
      { ratio: 0.9, p99Ratio: 1.5 },
      { ratio: 0.7, p99Ratio: 1.5 },
    ]);
  });

  it('takes the lower middle of an even number of rounds', () => {
    expect(medianRound(rounds.slice(0, 2)).requestsPerSecond).toBe(2000);
  });

  it('counts an error or a non-2xx in any round, not only in the median one', () => {
    const failing = [rounds[0]!, { ...rounds[1]!, non2xx: 3 }, { ...rounds[2]!, errors: 1 }];
    const row = medianRound(failing);
    expect(row).toMatchObject({ errors: 1, non2xx: 3, total: 3000 });
    expect(find(verdicts([row]), 'token verification: errors + non-2xx')).toMatchObject({ measured: '4', ok: false });
  });

  it('leaves a single round as it was measured', () => {
    expect(medianRound([rounds[0]!])).toEqual(rounds[0]);
  });

  it('prints every round beside the table, and says the table shows medians', () => {
    const result = { ...runOf([bare(4000, 20), medianRound(rounds)]), options: { seconds: 10, warmupSeconds: 3, connections: 50, workers: 2, rounds: 3 } };
    const markdown = renderMarkdown(result);
    expect(markdown.split('\n')[0]).toContain('each of ours: the median of 3 rounds by req/s ratio');
    expect(markdown).toContain('- ours · SQLite token verification: 0.50×, 0.90×, 0.70× (p99 2.00×, 1.50×, 1.50×)');
    expect(renderTable(result)).toContain('  ours · SQLite token verification: 0.50×, 0.90×, 0.70× (p99 2.00×, 1.50×, 1.50×)');
  });
});
