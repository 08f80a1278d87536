// Bundles the service as it runs in production (bin/serve): dist/main.js and what it imports,
// into dist/bundle/. Why: Node 20 resolves and reads each of the ~770 modules behind Express,
// the validator, ajv and pino one file at a time, and that was half of the cold start (~1.6 s
// on a slow day, ~1.15 s bundled; packages/bench/README.md). The code is tsc's output, unminified,
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
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// V8 keeps each module's source text in the heap, and stores a text with any character above
// U+00FF in two bytes per character. esbuild escapes such characters in code (charset: ascii) but
// copies comments as they are, and three comments of the bundled libraries (a curly quote, a dash)
// made the two largest chunks two-byte: 6.6 MB of heap for 3.3 MB of text. Those comment
// characters become '?'; a non-ASCII character anywhere but a comment stops the build.
for (const name of readdirSync('dist/bundle')) {
  const path = `dist/bundle/${name}`;
  const text = readFileSync(path, 'utf8');
  let inBlockComment = false;
  const lines = text.split('\n').map((line, index) => {
    const startsInBlock = inBlockComment;
    // Good enough for esbuild's output, whose comments are whole-line `//`, trailing `//` and `/* */` blocks.
    const open = line.lastIndexOf('/*');
    const close = line.lastIndexOf('*/');
    if (open > close) inBlockComment = true;
    else if (close > open) inBlockComment = false;
    const first = line.search(/[^\x00-\x7f]/);
    if (first === -1) return line;
    const lineComment = line.indexOf('//');
    const inComment = startsInBlock || (lineComment !== -1 && lineComment < first) || (open !== -1 && open < first);
    if (!inComment) throw new Error(`${path}:${index + 1}: a non-ASCII character outside a comment: ${line.trim().slice(0, 120)}`);
    return line.replace(/[^\x00-\x7f]/g, '?');
  });
  writeFileSync(path, lines.join('\n'));
}
