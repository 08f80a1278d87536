// The table, the verdicts against the targets, and an SVG chart of one run.
import type { LoadResult } from './load.js';
import { middleBy } from './paired.js';

/** One measured scenario: what autocannon saw, and what we saw of the process. */
export interface Row extends LoadResult {
  target: string;
  scenario: string;
  peakRssMb: number;
  coldStartMs?: number;
  /** With several starts (`pnpm bench` makes three): every cold start, in order; coldStartMs is their median. */
  coldStartsMs?: number[];
  firstRequestMs?: number;
  listeningMs?: number;
  store?: 'sqlite' | 'postgresql';
  processes?: number;
  /** With several processes: the largest peak of any one of them (peakRssMb is their sum). */
  largestProcessRssMb?: number;
  /** bin/serve's memory profile (HEAP_PROFILE). */
  heapProfile?: HeapProfile;
  /** Bare Express measured just before and just after this row (the mean): its ratios' base. */
  adjacentCeiling?: { requestsPerSecond: number; p99: number };
  /** With `--rounds N` > 1: every round's ratios to its bare Express, in the order measured. */
  rounds?: { ratio: number; p99Ratio: number }[];
}

export interface Verdict {
  what: string;
  target: string;
  measured: string;
  ok: boolean;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string };
  options: { seconds: number; warmupSeconds: number; connections: number; workers: number; rounds?: number; starts?: number };
  targets: typeof TARGETS;
  rows: Row[];
  verdicts: Verdict[];
}

/** The issue's targets, as ratios to bare Express in the same run. */
export const TARGETS = {
  issuanceSqliteRatio: 0.5,
  issuancePostgresRatio: 0.35,
  verificationRatio: 0.8,
  p99MaxRatio: 2,
  peakRssMb: 150,
  coldStartMs: 1500,
};

/** bin/serve's memory profiles: `bounded` is the default, `throughput` Node's own heap sizing. */
export type HeapProfile = 'bounded' | 'throughput';

export const CEILING_SCENARIO = 'POST small JSON';

/**
 * The ceiling: bare Express 5, measured first and again last in the run; the mean of the two
 * (machines shared with other work drift during a run). Undefined without a bare Express row.
 */
export function ceiling(rows: Row[]): { requestsPerSecond: number; p99: number; runs: Row[] } | undefined {
  const runs = rows.filter((r) => r.target === 'bare Express 5');
  if (runs.length === 0) return undefined;
  const mean = (pick: (r: Row) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return { requestsPerSecond: mean((r) => r.requestsPerSecond), p99: mean((r) => r.p99), runs };
}

/** A row's req/s and p99 as ratios to `base` (p99 against at least 1 ms). */
function ratiosTo(row: Row, base: { requestsPerSecond: number; p99: number }): { ratio: number; p99Ratio: number } {
  return { ratio: row.requestsPerSecond / base.requestsPerSecond, p99Ratio: row.p99 / Math.max(base.p99, 1) };
}

/** What a row is compared with: bare Express measured around it, else the run's ceiling. */
function baseFor(row: Row, rows: Row[]): { requestsPerSecond: number; p99: number } | undefined {
  return row.adjacentCeiling ?? ceiling(rows);
}

/**
 * One scenario measured in several rounds, each bracketed by its own bare Express, as one row: the
 * round with the median req/s ratio (the lower middle for an even count), with every round's ratios
 * kept beside it. Errors, timeouts, non-2xx and requests are summed over all rounds, so a failure
 * in any round still fails the zero-errors target.
 */
export function medianRound(rounds: Row[]): Row {
  if (rounds.length === 1) return rounds[0]!;
  const ratiosOf = (r: Row) => ratiosTo(r, r.adjacentCeiling!);
  const sum = (pick: (r: Row) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  return {
    ...middleBy(rounds, (r) => ratiosOf(r).ratio),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    total: sum((r) => r.total),
    rounds: rounds.map(ratiosOf),
  };
}

export function verdicts(rows: Row[]): Verdict[] {
  const out: Verdict[] = [];
  const ours = rows.filter((x) => x.store);
  for (const r of ours) {
    const base = baseFor(r, rows);
    if (!base) continue;
    const { ratio, p99Ratio: p99 } = ratiosTo(r, base);
    const wanted = r.scenario === 'token verification' ? TARGETS.verificationRatio : r.store === 'sqlite' ? TARGETS.issuanceSqliteRatio : TARGETS.issuancePostgresRatio;
    out.push({ what: `${r.target} ${r.scenario}: req/s vs Express`, target: `≥ ${wanted}×`, measured: `${ratio.toFixed(2)}×`, ok: ratio >= wanted });
    out.push({ what: `${r.target} ${r.scenario}: p99 vs Express`, target: `≤ ${TARGETS.p99MaxRatio}×`, measured: `${p99.toFixed(2)}×`, ok: p99 <= TARGETS.p99MaxRatio });
    out.push({ what: `${r.target} ${r.scenario}: errors + non-2xx`, target: '0', measured: String(r.errors + r.timeouts + r.non2xx), ok: r.errors + r.timeouts + r.non2xx === 0 });
  }
  for (const r of ours.filter((x) => x.scenario === 'token issuance')) {
    // A cluster is judged by its largest process (a single process by its own peak).
    const perProcess = r.largestProcessRssMb ?? r.peakRssMb;
    out.push({ what: `${r.target}: peak RSS${(r.processes ?? 1) > 1 ? ' of its largest process' : ''}`, target: `≤ ${TARGETS.peakRssMb} MB`, measured: `${perProcess.toFixed(0)} MB`, ok: perProcess <= TARGETS.peakRssMb });
    out.push({ what: `${r.target}: cold start (process → first 200 on /readyz)`, target: `≤ ${TARGETS.coldStartMs} ms`, measured: `${r.coldStartMs?.toFixed(0)} ms`, ok: (r.coldStartMs ?? Infinity) <= TARGETS.coldStartMs });
  }
  return out;
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

const HEAD = ['target', 'scenario', 'req/s', 'Express req/s', '× Express', 'p50 ms', 'p99 ms', 'p99 × Express', 'errors', 'non-2xx', 'CPU µs/req', 'peak RSS MB', 'cold start ms', '1st req ms'];

/** One row's cells, in HEAD's order: the console table and the Markdown table show the same. */
function cells(r: Row, rows: Row[]): string[] {
  const base = baseFor(r, rows);
  const ratios = base && ratiosTo(r, base);
  return [
    r.target,
    r.scenario,
    r.requestsPerSecond.toFixed(0),
    r.adjacentCeiling ? r.adjacentCeiling.requestsPerSecond.toFixed(0) : '',
    ratios ? `${ratios.ratio.toFixed(2)}×` : '-',
    String(r.p50),
    String(r.p99),
    ratios ? `${ratios.p99Ratio.toFixed(2)}×` : '-',
    String(r.errors + r.timeouts),
    String(r.non2xx),
    r.cpuUsPerRequest === undefined ? '' : String(r.cpuUsPerRequest),
    r.peakRssMb.toFixed(0),
    r.coldStartMs === undefined ? '' : r.coldStartMs.toFixed(0),
    r.firstRequestMs === undefined ? '' : r.firstRequestMs.toFixed(1),
  ];
}

const machineLine = (result: BenchResult) =>
  `${result.date} · ${result.machine.cpus} CPUs (${result.machine.cpuModel}) · Node ${result.machine.node}`;

const runLine = (result: BenchResult) =>
  `autocannon: ${result.options.connections} connections, ${result.options.seconds} s per scenario after ${result.options.warmupSeconds} s warm-up · 127.0.0.1` +
  ((result.options.rounds ?? 1) > 1 ? ` · each of ours: the median of ${result.options.rounds} rounds by req/s ratio` : '') +
  ((result.options.starts ?? 1) > 1 ? ` · cold start: the median of ${result.options.starts} starts` : '');

/** Every round of the rows measured in rounds: `target scenario: 0.55×, 0.61×, 0.58× (p99 1.7×, …)`. */
const roundLines = (result: BenchResult) =>
  result.rows
    .filter((r) => r.rounds && r.rounds.length > 1)
    .map(
      (r) =>
        `${r.target} ${r.scenario}: ${r.rounds!.map((x) => `${x.ratio.toFixed(2)}×`).join(', ')} (p99 ${r.rounds!.map((x) => `${x.p99Ratio.toFixed(2)}×`).join(', ')})`,
    );

export function renderTable(result: BenchResult): string {
  const base = ceiling(result.rows);
  const widths = [40, 30, 9, 13, 10, 8, 8, 13, 7, 8, 11, 12, 14, 11];
  const line = (row: string[]) => row.map((c, i) => pad(c, widths[i]!, i >= 2)).join('  ');
  const out = [
    `checkout-token-service benchmark · ${machineLine(result)}`,
    runLine(result),
    '× Express: the ratio to bare Express 5 measured just before and just after that row (the mean, "Express req/s"); a row',
    base
      ? `  without one (bare node:http) is compared with the mean of bare Express 5 at the start and end of the run (${base.runs.map((r) => r.requestsPerSecond.toFixed(0)).join(' and ')} req/s)`
      : '',
    'CPU µs/req: CPU time of the server process(es) per request in the measured run',
    '',
    line(HEAD),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  for (const r of result.rows) out.push(line(cells(r, result.rows)));
  const rounds = roundLines(result);
  if (rounds.length) out.push('', 'rounds (req/s × Express, in order):', ...rounds.map((l) => `  ${l}`));
  out.push('', 'targets:');
  for (const v of result.verdicts) out.push(`  ${v.ok ? 'PASS' : 'MISS'}  ${v.what}: ${v.measured} (target ${v.target})`);
  return out.join('\n');
}

/** The same run as Markdown (results/latest.md), for the README to show as it is. */
export function renderMarkdown(result: BenchResult): string {
  const row = (c: string[]) => `| ${c.join(' | ')} |`;
  const missed = result.verdicts.filter((v) => !v.ok);
  const rounds = roundLines(result);
  return [
    `${machineLine(result)} · ${runLine(result)}`,
    '',
    row(HEAD),
    row(HEAD.map((_, i) => (i >= 2 ? '--:' : '---'))),
    ...result.rows.map((r) => row(cells(r, result.rows))),
    '',
    ...(rounds.length ? ['Rounds (req/s × Express, in order):', '', ...rounds.map((l) => `- ${l}`), ''] : []),
    `Targets met: ${result.verdicts.length - missed.length} of ${result.verdicts.length}. Missed:`,
    '',
    ...(missed.length ? missed.map((v) => `- ${v.what}: ${v.measured} (target ${v.target})`) : ['- none']),
    '',
  ].join('\n');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Horizontal bars of the ratio to bare Express (the axis stops at 1.25×: bare node:http, far
 * beyond, is drawn clipped), with the target lines. Labels carry req/s and p99.
 */
export function renderSvg(result: BenchResult): string {
  const axisMax = 1.25;
  const barHeight = 22;
  const gap = 10;
  const left = 400;
  const width = 1060;
  const chart = 360;
  const top = 44;
  const bottomOfBars = top + result.rows.length * (barHeight + gap);
  const height = bottomOfBars + 56;
  const x = (ratio: number) => left + (Math.min(ratio, axisMax) / axisMax) * chart;
  const bars = result.rows
    .map((r, i) => {
      const y = top + i * (barHeight + gap);
      const ratio = r.requestsPerSecond / (baseFor(r, result.rows)?.requestsPerSecond ?? 1);
      const end = x(ratio);
      const colour = r.store ? (r.scenario === 'token verification' ? '#2f855a' : '#2b6cb0') : '#718096';
      const clipped = ratio > axisMax ? `<text x="${(end - 14).toFixed(1)}" y="${y + 16}" font-size="13" fill="#fff">»</text>` : '';
      return [
        `<text x="${left - 10}" y="${y + 15}" text-anchor="end" font-size="13">${escape(`${r.target} · ${r.scenario}`)}</text>`,
        `<rect x="${left}" y="${y}" width="${Math.max(1, end - left).toFixed(1)}" height="${barHeight}" fill="${colour}" rx="3"/>${clipped}`,
        `<text x="${(Math.max(end, x(0.02)) + 8).toFixed(1)}" y="${y + 15}" font-size="13">${ratio.toFixed(2)}× · ${r.requestsPerSecond.toFixed(0)} req/s · p99 ${r.p99} ms · peak ${r.peakRssMb.toFixed(0)} MB</text>`,
      ].join('');
    })
    .join('\n  ');
  const markers = [0.35, 0.5, 0.8, 1]
    .map(
      (ratio) =>
        `<line x1="${x(ratio).toFixed(1)}" y1="${top - 6}" x2="${x(ratio).toFixed(1)}" y2="${bottomOfBars}" stroke="#a0aec0" stroke-dasharray="4 3"/>` +
        `<text x="${x(ratio).toFixed(1)}" y="${bottomOfBars + 16}" font-size="11" text-anchor="middle" fill="#4a5568">${ratio}×</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" role="img" aria-label="Requests per second as a ratio to bare Express 5">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="20" y="24" font-size="15" font-weight="600">req/s as a ratio to bare Express 5 (measured just before and after each of ours) · ${result.options.connections} connections, ${result.options.seconds} s each · peak RSS</text>
  ${markers}
  ${bars}
  <text x="20" y="${height - 12}" font-size="11" fill="#4a5568">${escape(`${result.date} · ${result.machine.cpus} CPUs · Node ${result.machine.node} · dashed lines: the targets 0.35× (issuance, PostgreSQL), 0.5× (issuance, SQLite), 0.8× (verification), and 1×`)}</text>
</svg>
`;
}
