// `pnpm demo`: the checkout API on 127.0.0.1:3000 (PORT) and the demo shop on 127.0.0.1:3001
// (DEMO_PORT), SQLite in ./data by default; the same environment variables as `pnpm start`.
import { ConfigError } from '@checkout/server';
import { startDemo } from './demo.js';

async function main() {
  const rawPort = process.env.DEMO_PORT ?? '3001';
  const merchantPort = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || merchantPort > 65535) {
    console.error(`DEMO_PORT=${JSON.stringify(rawPort)} is invalid: must be a port number (0-65535)`);
    process.exit(1);
  }
  // The demo prints what matters itself; request logs only with LOG_LEVEL=info.
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' };
  const demo = await startDemo({ env, merchantPort, log: (line) => console.log(line) });
  console.log(`checkout API on ${demo.apiUrl} · store in ${demo.dataDir}`);
  console.log(`\n  Demo shop: ${demo.merchantUrl}\n\n  Open it, pay, reload. Ctrl-C stops both servers.\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `the demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
