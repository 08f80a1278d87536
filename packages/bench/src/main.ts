// pnpm bench [--duration S] [--warmup S] [--connections N] [--workers N] [--rounds N] [--out DIR]
// One run, on 127.0.0.1 only: bare Express 5 (the ceiling; also served the way our server is),
// bare node:http, our server on SQLite, and on PostgreSQL when BENCH_PG_URL is set (also with
// --workers processes), each store in both of bin/serve's memory profiles (bounded, the default,
// and throughput). Each of our scenarios is compared with a second bare Express measured just
// before and just after it. Prints one table, writes results/latest.json, latest.svg and latest.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LoadResult, type LoadSpec, measure } from './load.js';
import { spawnServer } from '@checkout/test-support';
import { cpuMs, largestPeakRssMb, peakRssMb, type Started } from './processes.js';
import { CEILING_SCENARIO, type HeapProfile, medianRound, renderMarkdown, renderSvg, renderTable, TARGETS, verdicts, type BenchResult, type Row } from './report.js';
import { clampedNumber } from './options.js';
import { ourEnv, startOurServer } from './our-server.js';
import { createScratchStore } from './scratch-store.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    out: { type: 'string', default: fileURLToPath(new URL('../results', import.meta.url)) },
  },
});
const options = {
  seconds: clampedNumber('duration', values.duration, 1, 120),
  warmupSeconds: clampedNumber('warmup', values.warmup, 0, 60),
  connections: clampedNumber('connections', values.connections, 1, 500),
};
const workers = clampedNumber('workers', values.workers, 2, 16);
// Each of our servers measured in this many rounds (each bracketed by bare Express); the table
// shows the median round. On a machine whose speed moves within seconds, one round is a draw.
const rounds = clampedNumber('rounds', values.rounds, 1, 9);
// Cold start is one number per server; it is the median of this many starts for the same reason.
const starts = 3;
const pgUrl = process.env.BENCH_PG_URL;

// Our server as `pnpm start` runs it: bin/serve, in its bounded (default) or throughput memory profile.
const serverServe = fileURLToPath(new URL('../../server/bin/serve', import.meta.url));
const bareExpress = fileURLToPath(new URL('./targets/bare-express.js', import.meta.url));
const bareHttp = fileURLToPath(new URL('./targets/bare-http.js', import.meta.url));

const rows: Row[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The ceiling's load, for bare Express and bare node:http alike: a small JSON POST. */
const smallJsonPost = (url: string): LoadSpec => ({ url, method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, bodies: ['{"amount": 12.34}'] });

async function bare(name: string, script: string, scenario = CEILING_SCENARIO, env: Record<string, string> = {}) {
  log(`· ${name} · ${scenario}`);
  const started = await spawnServer(script, { PORT: '0', ...env }, { killAfterMs: 15_000 });
  try {
    const result = await measure(smallJsonPost(started.url), options, () => cpuMs(started.child.pid!));
    rows.push({ target: name, scenario, ...result, peakRssMb: peakRssMb(started.child.pid!) });
  } finally {
    await started.stop();
  }
}

// A second bare Express, up for the whole run, measured just before and just after each of our
// scenarios; that scenario's ratios are to the mean of the two. On these shared machines the
// speed drifts by a third within a run, so a ceiling measured minutes away carries that drift.
let adjacentExpress: Started | undefined;
const bracketOptions = () => ({ seconds: Math.max(2, Math.round(options.seconds / 2)), warmupSeconds: 1, connections: options.connections });
const meanOf = (a: LoadResult, b: LoadResult) => ({ requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2, p99: (a.p99 + b.p99) / 2 });

async function ours(label: string, kind: 'sqlite' | 'postgresql', processes: number, heapProfile: HeapProfile = 'bounded') {
  log(`· ${label}`);
  const store = createScratchStore(kind, 'bench', pgUrl);
  const env = ourEnv(store, { ...(processes > 1 ? { WORKERS: String(processes) } : {}), HEAP_PROFILE: heapProfile });
  // The scratch store is removed whatever fails, even a server that never starts.
  try {
    await measureOurs(label, kind, processes, heapProfile, env);
  } finally {
    await store.remove();
  }
}

async function measureOurs(label: string, kind: 'sqlite' | 'postgresql', processes: number, heapProfile: HeapProfile, env: Record<string, string>) {
  const { started, loads, coldStartMs, coldStartsMs } = await startOurServer(serverServe, env, {}, starts);
  try {
    const cpu = () => cpuMs(started.child.pid!);
    const ceilingLoad = smallJsonPost(adjacentExpress!.url);
    const issuanceRounds: Row[] = [];
    const verificationRounds: Row[] = [];
    // The bare Express after one round is the one before the next.
    let before = await measure(ceilingLoad, bracketOptions());
    for (let round = 0; round < rounds; round++) {
      const issuance = await measure(loads.issuance, options, cpu);
      const between = await measure(ceilingLoad, bracketOptions());
      const verification = await measure(loads.verification, options, cpu);
      const after = await measure(ceilingLoad, bracketOptions());
      issuanceRounds.push({ target: label, scenario: 'token issuance', ...issuance, peakRssMb: 0, adjacentCeiling: meanOf(before, between) });
      verificationRounds.push({ target: label, scenario: 'token verification', ...verification, peakRssMb: 0, adjacentCeiling: meanOf(between, after) });
      before = after;
    }
    const rss = peakRssMb(started.child.pid!);
    const largest = processes > 1 ? { largestProcessRssMb: largestPeakRssMb(started.child.pid!) } : {};
    const common = { coldStartMs, coldStartsMs, firstRequestMs: loads.firstRequestMs, listeningMs: started.listeningMs, peakRssMb: rss, ...largest, store: kind, processes, heapProfile };
    rows.push({ ...medianRound(issuanceRounds), ...common });
    rows.push({ ...medianRound(verificationRounds), ...common });
  } catch (error) {
    log(started.output().slice(-3000));
    throw error;
  } finally {
    await started.stop();
  }
}

await bare('bare Express 5', bareExpress);
await bare('bare Express 5, app prototypes', bareExpress, CEILING_SCENARIO, { APP_PROTOTYPES: '1' });
await bare('bare node:http', bareHttp);
adjacentExpress = await spawnServer(bareExpress, { PORT: '0' }, { killAfterMs: 15_000 });
try {
  await ours('ours · SQLite', 'sqlite', 1);
  await ours('ours · SQLite, throughput heap', 'sqlite', 1, 'throughput');
  if (pgUrl) {
    await ours('ours · PostgreSQL', 'postgresql', 1);
    await ours('ours · PostgreSQL, throughput heap', 'postgresql', 1, 'throughput');
    await ours(`ours · PostgreSQL × ${workers} workers`, 'postgresql', workers);
  } else {
    log('· PostgreSQL skipped: set BENCH_PG_URL=postgresql://… to include it');
  }
} finally {
  await adjacentExpress.stop();
}
// The ceiling again, so the run's drift is visible: bare node:http (no ceiling measured around
// it) is compared with the mean of the first and last; our scenarios with adjacentExpress.
await bare('bare Express 5', bareExpress, `${CEILING_SCENARIO} (end of run)`);

const result: BenchResult = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
  options: { ...options, workers, ...(rounds > 1 ? { rounds } : {}), starts },
  targets: TARGETS,
  rows,
  verdicts: verdicts(rows),
};
mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(values.out!, 'latest.svg'), renderSvg(result));
writeFileSync(join(values.out!, 'latest.md'), renderMarkdown(result));
process.stdout.write(`${renderTable(result)}\n`);
log(`wrote ${join(values.out!, 'latest.json')}, latest.svg and latest.md`);
