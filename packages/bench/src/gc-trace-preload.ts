// Loaded into the server by `pnpm bench:gc` (NODE_OPTIONS=--import=…). SIGUSR2 turns V8's
// per-collection trace on, and again off: so only the measured run is traced, and the start-up's
// collections do not bury the line the bench waits for. From inside the process because bin/serve
// starts Node with its own flags, and NODE_OPTIONS refuses V8's trace flags and --cpu-prof.
// With BENCH_CPU_PROFILE=FILE the same two signals start and stop a CPU profile (the inspector's
// sampling profiler), written to FILE when it stops.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';

const profileFile = process.env.BENCH_CPU_PROFILE;
const session = profileFile ? new Session() : undefined;
session?.connect();

let tracing = false;
process.on('SIGUSR2', () => {
  tracing = !tracing;
  setFlagsFromString(tracing ? '--trace-gc-nvp' : '--no-trace-gc-nvp');
  if (!session || !profileFile) return;
  if (tracing) {
    session.post('Profiler.enable', () => session.post('Profiler.start'));
  } else {
    session.post('Profiler.stop', (error, result) => {
      // Whole or not at all: bench:gc reads the file as soon as it appears.
      writeFileSync(`${profileFile}.partial`, JSON.stringify(error ? { error: String(error) } : result.profile));
      renameSync(`${profileFile}.partial`, profileFile);
    });
  }
});
