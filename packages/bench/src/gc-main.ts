// pnpm bench:gc [--scenario issuance|verification] [--store sqlite|postgresql] [--heap-profile bounded|throughput]
//               [--node-options=--max-old-space-size=…] [--duration S] [--warmup S] [--connections N]
//               [--cpu-profile FILE]
// What V8's garbage collector does while our server is under the bench's load: one server
// (bin/serve, as `pnpm start` runs it) on a scratch store, V8's per-collection trace turned on
// inside it, and the measured run's collections summed. For choosing heap settings: the bench's
// README explains what the numbers meant for the two memory profiles.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLineOwners, type CpuProfile, summarizeProfile } from './cpu-profile.js';
import { summarizeGc } from './gc-trace.js';
import { measure } from './load.js';
import { choiceOption, numberOption, parseOptions } from './options.js';
import { ourEnv, startOurServer } from './our-server.js';
import { cpuMs, peakRssMb } from './processes.js';
import { createScratchStore } from './scratch-store.js';

// A usage mistake: a message and exit 2, without a stack trace.
function usage(message: string): never {
  process.stderr.write(`bench:gc: ${message}\n`);
  process.exit(2);
}

const values = parseOptions(usage, {
  scenario: { type: 'string', default: 'issuance' },
  store: { type: 'string', default: 'sqlite' },
  'heap-profile': { type: 'string', default: 'bounded' },
  'node-options': { type: 'string', default: '' },
  duration: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '3' },
  connections: { type: 'string', default: '50' },
  'cpu-profile': { type: 'string' },
});

const scenario = choiceOption(usage, 'scenario', values.scenario, ['issuance', 'verification']);
const store = choiceOption(usage, 'store', values.store, ['sqlite', 'postgresql']);
const heapProfile = choiceOption(usage, 'heap-profile', values['heap-profile'], ['bounded', 'throughput']);
const pgUrl = process.env.BENCH_PG_URL;
if (store === 'postgresql' && !pgUrl) usage('--store postgresql needs BENCH_PG_URL=postgresql://…');
const numbers = {
  seconds: numberOption(usage, 'duration', values.duration, 1, 600),
  warmupSeconds: numberOption(usage, 'warmup', values.warmup, 0, 60),
  connections: numberOption(usage, 'connections', values.connections, 1, 500),
};

const serve = fileURLToPath(new URL('../../server/bin/serve', import.meta.url));
const bundleDir = fileURLToPath(new URL('../../server/dist/bundle', import.meta.url));
// Relative to where `pnpm bench:gc` was typed (pnpm runs the script in packages/bench).
const profileFile = values['cpu-profile'] ? resolve(process.env.INIT_CWD ?? process.cwd(), values['cpu-profile']) : undefined;
if (profileFile) rmSync(profileFile, { force: true });
const preload = new URL('./gc-trace-preload.js', import.meta.url).href;
const scratch = createScratchStore(store, 'gc', pgUrl);
try {
  const env = ourEnv(scratch, { HEAP_PROFILE: heapProfile });
  // The trace only in the server: the command line that creates the bench's key prints JSON.
  const { started: server, loads } = await startOurServer(serve, env, {
    NODE_OPTIONS: `--import=${preload} ${values['node-options']}`.trim(),
    ...(profileFile ? { BENCH_CPU_PROFILE: profileFile } : {}),
  });
  try {
    const pid = server.child.pid!;
    // The trace shares stdout with the request log; whole lines, between the two signals.
    const lines: string[] = [];
    let partial = '';
    server.child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const end = text.lastIndexOf('\n');
      partial = text.slice(end + 1);
      if (end >= 0) for (const line of text.slice(0, end).split('\n')) if (line.includes(' ms: pause=')) lines.push(line);
    });
    if (numbers.warmupSeconds > 0) await measure(loads[scenario], { ...numbers, seconds: numbers.warmupSeconds, warmupSeconds: 0 });
    server.child.kill('SIGUSR2');
    const result = await measure(loads[scenario], { ...numbers, warmupSeconds: 0 }, () => cpuMs(pid));
    server.child.kill('SIGUSR2');
    // The last trace lines may still be in the pipe.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const gc = summarizeGc(lines);
    const kBPerRequest = (bytes: number) => (result.total > 0 ? (bytes / result.total / 1000).toFixed(1) : '?');
    process.stdout.write(
      [
        `token ${scenario} on ${store}, HEAP_PROFILE=${heapProfile}${values['node-options'] ? `, NODE_OPTIONS ${values['node-options']}` : ''}: ${numbers.seconds} s after ${numbers.warmupSeconds} s of warm-up, ${numbers.connections} connections`,
        `  ${Math.round(result.requestsPerSecond)} req/s · CPU ${result.cpuUsPerRequest ?? '?'} µs a request · peak RSS ${Math.round(peakRssMb(pid))} MB · ${result.errors + result.non2xx} failed`,
        `  scavenges      ${gc.scavenges} (${gc.scavengePauseMs.toFixed(0)} ms of pauses, ${(gc.scavengePauseMs / Math.max(1, gc.scavenges)).toFixed(1)} ms each)`,
        `  mark-compacts  ${gc.markCompacts} (${gc.markCompactPauseMs.toFixed(0)} ms of final pauses; the marking runs mostly on helper threads)`,
        `  survivors      ${kBPerRequest(gc.survivedBytes)} kB a request survived one scavenge; ${kBPerRequest(gc.promotedBytes)} kB a second, and moved to the old space (${(gc.promotedBytes / numbers.seconds / 1e6).toFixed(0)} MB/s)`,
        '',
      ].join('\n'),
    );
    if (profileFile) process.stdout.write(await profileReport(profileFile));
    if (result.errors + result.non2xx > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
} finally {
  await scratch.remove();
}

/** Waits for the server to write the profile, then the 12 largest owners of its busy time. */
async function profileReport(file: string): Promise<string> {
  for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(file)) return `  CPU profile: the server wrote none to ${file}\n`;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile | { error: string };
  if ('error' in profile) return `  CPU profile: the server's profiler failed: ${profile.error}\n`;
  const shares = summarizeProfile(profile, bundleLineOwners(bundleDir)).slice(0, 12);
  return [
    `  CPU profile of the measured run: ${file} (self time, idle left out)`,
    ...shares.map(({ name, share }) => `    ${(share * 100).toFixed(1).padStart(5)} %  ${name}`),
    '',
  ].join('\n');
}
