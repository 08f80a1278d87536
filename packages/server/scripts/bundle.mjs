// Bundles the service as it runs in production (bin/serve): dist/main.js and what it imports,
// into dist/bundle/. Why: Node 20 resolves and reads each of the ~770 modules behind Express,
// the validator, ajv and pino one file at a time, and that was half of the cold start (~1.6 s
// on a slow day, ~1.15 s bundled; packages/bench/README.md). The code is tsc's output, unminified,
// so a stack trace still names our functions. The lazy imports (the service behind the cluster
// primary, the SQLite adapter, metrics) stay separate chunks, loaded only when used.
//
// Left as imports, resolved from node_modules at run time:
// - @libsql/*, libsql: native addons;
// - @prisma/*: the client's runtime and the query compiler's glue, from their own package files
//   (the compiler's WebAssembly itself is the one part taken in: prismaWasmFromFile below);
// - @checkout/contract: finds spec/openapi.yaml relative to itself;
// - pg: its optional `pg-native` is required inside a try;
// - ioredis: loaded only when REDIS_URL is set, and its CommonJS exports (`Redis` on a function
//   that is itself the export) do not survive a bundler's interop: `new Redis` failed bundled;
// - redoc: never imported, its standalone script is only located (http/docs.ts).
// dist/bundle/ sits two levels below the package, like dist/storage/migrate.js, so
// `new URL('../../migrations', import.meta.url)` finds the same directory.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the last build's so they do not pile up.
rmSync('dist/bundle', { recursive: true, force: true });
mkdirSync('dist/bundle', { recursive: true });

// Prisma's generated client imports its query compiler's WebAssembly from a module that holds it
// as one base64 string (`…wasm-base64.mjs`, 2.2 MB). Loaded as shipped, V8 keeps that module's
// source text and the string literal in it for the life of the process: 4.3 MB of an idle
// process's ~34 MB of live heap, which under load V8 multiplies by its heap-growth factor (up to
// 4× on a large machine) before it collects. The build writes the bytes to a .wasm file beside
// the bundle, and the client gets a module that reads them: the base64 text it expects is then
// one string outside V8's heap (Node keeps a decoded string over ~1 MB outside it), and no
// source text holds a copy. packages/bench/README.md has the measurements.
const prismaWasmFromFile = {
  name: 'prisma-wasm-from-file',
  setup(builder) {
    const filter = /^@prisma\/client\/runtime\/query_compiler_\w+_bg\.\w+\.wasm-base64\.mjs$/;
    builder.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'prisma-wasm' }));
    builder.onLoad({ filter: /.*/, namespace: 'prisma-wasm' }, async (args) => {
      const { wasm } = await import(args.path);
      const file = args.path.split('/').pop().replace('.wasm-base64.mjs', '.wasm');
      writeFileSync(`dist/bundle/${file}`, Buffer.from(wasm, 'base64'));
      return {
        contents: `import { readFileSync } from 'node:fs';\nexport const wasm = readFileSync(new URL('./${file}', import.meta.url)).toString('base64');\n`,
        loader: 'js',
        resolveDir: 'dist/bundle',
      };
    });
  },
};

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
  plugins: [prismaWasmFromFile],
});

// V8 keeps each module's source text in the heap, and stores a text with any character above
// U+00FF in two bytes per character. esbuild escapes such characters in code (charset: ascii) but
// copies comments as they are, and three comments of the bundled libraries (a curly quote, a dash)
// made the two largest chunks two-byte: 6.6 MB of heap for 3.3 MB of text. Those comment
// characters become '?'; a non-ASCII character anywhere but a comment stops the build.
for (const name of readdirSync('dist/bundle').filter((file) => file.endsWith('.js'))) {
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
