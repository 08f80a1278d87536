// The bench's verdicts: each of our scenarios is judged against the bare Express measured around
// it, and only a row without one against the first and last bare Express of the run.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable, TARGETS, verdicts, type BenchResult, type Row } from '../src/report.js';

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
