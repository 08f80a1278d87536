// Bundles the service as it runs in production (bin/serve): dist/main.js and what it imports,
// into dist/bundle/. Why: Node 20 resolves and reads each of the ~770 modules behind Express,
// the validator, ajv and pino one file at a time, and that was half of the cold start (~1.6 s
// on a slow day, ~1.15 s bundled; README, Performance). The code is tsc's output, unminified,
// so a stack trace still names our functions. The lazy imports (the service behind the cluster
// primary, the SQLite adapter, metrics) stay separate chunks, loaded only when used.
//
// Left as imports, resolved from node_modules at run time:
// - @libsql/*, libsql: native addons;
// - @prisma/*: the query compiler loads its WebAssembly from its own package files;
// - @checkout/contract: finds spec/openapi.yaml relative to itself;
// - pg: its optional `pg-native` is required inside a try;
// - ioredis: loaded only when REDIS_URL is set, and its CommonJS exports (`Redis` on a function
//   that is itself the export) do not survive a bundler's interop: `new Redis` failed bundled;
// - redoc: never imported, its standalone script is only located (http/docs.ts).
// dist/bundle/ sits two levels below the package, like dist/storage/migrate.js, so
// `new URL('../../migrations', import.meta.url)` finds the same directory.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the last build's so they do not pile up.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['dist/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@libsql/*', 'libsql', '@prisma/*', '@checkout/contract', '@checkout/contract/*', 'pg', 'ioredis', 'redoc'],
  // The CommonJS packages inside (Express, the validator) call `require` for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
