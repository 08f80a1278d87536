// pnpm bench:compare [--a-serve PATH] [--b-serve PATH] [--a-env K=V]… [--b-env K=V]…
//                    [--scenario issuance|verification] [--rounds N] [--slice S] [--warmup S]
//                    [--connections N] [--store sqlite|postgresql]
// Both sides default to this checkout's server, so with no side options it is an A/A run: what
// a ratio looks like when nothing changed. To compare with another commit, build it in a git
// worktree and pass that worktree's packages/server/bin/serve as --a-serve (README, Performance).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runComparison } from './compare.js';
import { choiceOption, numberOption, parseEnvPairs, parseOptions } from './options.js';
import type { PairedSummary } from './paired.js';

// A usage mistake: a message and exit 2, without a stack trace.
function usage(message: string): never {
  process.stderr.write(`bench:compare: ${message}\n`);
  process.exit(2);
}

const values = parseOptions(usage, {
  'a-serve': { type: 'string' },
  'b-serve': { type: 'string' },
  'a-env': { type: 'string', multiple: true, default: [] },
  'b-env': { type: 'string', multiple: true, default: [] },
  scenario: { type: 'string', default: 'verification' },
  rounds: { type: 'string', default: '40' },
  slice: { type: 'string', default: '3' },
  warmup: { type: 'string', default: '3' },
  connections: { type: 'string', default: '50' },
  store: { type: 'string', default: 'sqlite' },
});

const thisServe = fileURLToPath(new URL('../../server/bin/serve', import.meta.url));
const scenario = choiceOption(usage, 'scenario', values.scenario, ['issuance', 'verification']);
const store = choiceOption(usage, 'store', values.store, ['sqlite', 'postgresql']);
const pgUrl = process.env.BENCH_PG_URL;
if (store === 'postgresql' && !pgUrl) usage('--store postgresql needs BENCH_PG_URL=postgresql://…');

const side = (name: 'a' | 'b') => {
  const serve = values[`${name}-serve`] ?? thisServe;
  if (!existsSync(serve)) usage(`no such file: ${serve} (a checkout's packages/server/bin/serve)`);
  let env: Record<string, string>;
  try {
    env = parseEnvPairs(values[`${name}-env`]);
  } catch (error) {
    usage(`--${name}-env: ${(error as Error).message}`);
  }
  const label = [serve === thisServe ? 'this checkout' : serve, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)].join(' ');
  return { label, serve, env };
};
const numbers = {
  rounds: numberOption(usage, 'rounds', values.rounds, 2, 1000),
  sliceSeconds: numberOption(usage, 'slice', values.slice, 1, 60),
  warmupSeconds: numberOption(usage, 'warmup', values.warmup, 1, 60),
  connections: numberOption(usage, 'connections', values.connections, 1, 500),
};

const result = await runComparison({
  a: side('a'),
  b: side('b'),
  scenario,
  ...numbers,
  store,
  pgUrl,
  onRound: (round, a, b) =>
    process.stderr.write(`round ${round + 1}: A ${Math.round(a.requestsPerSecond)} req/s ${a.cpuUsPerRequest ?? '?'} µs · B ${Math.round(b.requestsPerSecond)} req/s ${b.cpuUsPerRequest ?? '?'} µs\n`),
});

const show = (s: PairedSummary) => `${s.median.toFixed(3)}×  (middle half of rounds ${s.q1.toFixed(3)}–${s.q3.toFixed(3)})`;
process.stdout.write(
  [
    `token ${result.scenario}, ${result.requestsPerSecond.rounds} rounds, B ÷ A per round, median:`,
    `  A: ${result.a.label}  (peak RSS ${result.a.peakRssMb} MB, ${result.a.failed} failed requests)`,
    `  B: ${result.b.label}  (peak RSS ${result.b.peakRssMb} MB, ${result.b.failed} failed requests)`,
    `  req/s              ${show(result.requestsPerSecond)}`,
    `  CPU µs per request ${show(result.cpuPerRequest)}`,
    '',
  ].join('\n'),
);
if (result.a.failed + result.b.failed > 0) process.exitCode = 1;
