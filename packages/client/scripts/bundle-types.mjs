// After tsc: makes the published types self-contained. The client's declarations import the
// generated contract types from @checkout/contract, a private workspace package; copy those
// (types only, no code) into dist/contract/ and point the imports there, then refuse to
// finish if any declaration still names a workspace package.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const contractSrc = fileURLToPath(new URL('../node_modules/@checkout/contract/src/', import.meta.url));

mkdirSync(`${dist}contract`, { recursive: true });
copyFileSync(`${contractSrc}schema.gen.ts`, `${dist}contract/schema.gen.d.ts`);
copyFileSync(`${contractSrc}index.ts`, `${dist}contract/index.d.ts`);

const declarations = readdirSync(dist).filter((name) => name.endsWith('.d.ts'));
for (const name of declarations) {
  const path = `${dist}${name}`;
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll("from '@checkout/contract'", "from './contract/index.js'"));
}
const leftovers = [...declarations.map((n) => `${dist}${n}`), `${dist}contract/index.d.ts`, `${dist}contract/schema.gen.d.ts`].filter((path) =>
  /from ['"]@checkout\//.test(readFileSync(path, 'utf8')),
);
if (leftovers.length > 0) {
  console.error(`bundle-types: these declarations still import a workspace package:\n  ${leftovers.join('\n  ')}`);
  process.exit(1);
}
