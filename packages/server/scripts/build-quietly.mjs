#!/usr/bin/env node
// `node packages/server/scripts/build-quietly.mjs PACKAGE`: builds PACKAGE and what it depends on (turbo,
// cached), printing nothing unless the build fails — then all of turbo's output, and its exit
// code. So `pnpm start` shows the server's own start-up line, not the build's chatter.
import { spawn } from 'node:child_process';

const filter = process.argv[2];
if (!filter) {
  console.error('usage: node packages/server/scripts/build-quietly.mjs PACKAGE');
  process.exit(2);
}
const interactive = process.stderr.isTTY;
if (interactive) process.stderr.write(`building ${filter}…`);
const child = spawn('turbo', ['run', 'build', `--filter=${filter}`, '--output-logs=errors-only'], { stdio: ['ignore', 'pipe', 'pipe'] });
const output = [];
child.stdout.on('data', (chunk) => output.push(chunk));
child.stderr.on('data', (chunk) => output.push(chunk));
child.on('error', (error) => {
  console.error(`\ncould not run turbo: ${error.message}`);
  process.exit(1);
});
child.on('close', (code) => {
  if (interactive) process.stderr.write('\r\x1b[K');
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    process.exit(code ?? 1);
  }
});
