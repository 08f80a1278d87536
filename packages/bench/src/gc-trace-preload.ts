// Loaded into the server by `pnpm bench:gc` (NODE_OPTIONS=--import=…). SIGUSR2 turns V8's
// per-collection trace on, and again off: so only the measured run is traced, and the start-up's
// collections do not bury the line the bench waits for. From inside the process because bin/serve
// starts Node with its own flags, and NODE_OPTIONS does not accept V8's trace flags.
import { setFlagsFromString } from 'node:v8';

let tracing = false;
process.on('SIGUSR2', () => {
  tracing = !tracing;
  setFlagsFromString(tracing ? '--trace-gc-nvp' : '--no-trace-gc-nvp');
});
