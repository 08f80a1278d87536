// Bundles the SDK (with @checkout/client and openapi-fetch) into one browser ES module:
// dist/checkout-sdk.js. Type declarations come from tsc (see the build script).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const outfile = 'dist/checkout-sdk.js';
await build({
  entryPoints: ['src/index.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
const code = readFileSync(outfile);
console.log(`${outfile}: ${(code.length / 1024).toFixed(1)} KiB, ${(gzipSync(code).length / 1024).toFixed(1)} KiB gzipped`);
