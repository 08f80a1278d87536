// Regenerates src/schema.gen.ts from spec/openapi.yaml.
// `--check` writes nothing and exits 1 when the committed file is stale, so CI
// can refuse a spec edit whose generated types were not regenerated.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../../../spec/openapi.yaml', import.meta.url);
const outUrl = new URL('../src/schema.gen.ts', import.meta.url);
const HEADER = `/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with \`pnpm generate\`.
 */

`;

const ast = await openapiTS(specUrl, {
  // A field with a `default` (currency) stays optional in request types.
  defaultNonNullable: false,
  alphabetize: false,
});
const fresh = HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  const committed = await readFile(outUrl, 'utf8').catch(() => '');
  if (committed !== fresh) {
    console.error(
      `${fileURLToPath(outUrl)} is stale: it does not match spec/openapi.yaml.\n` +
        'Fix: run `pnpm generate` and commit the result.',
    );
    process.exit(1);
  }
  console.log('generated contract types are up to date');
} else {
  await writeFile(outUrl, fresh);
  console.log(`wrote ${fileURLToPath(outUrl)}`);
}
