// Regenerates, from spec/openapi.yaml, src/schema.gen.ts (the contract's types) and
// src/openapi.gen.json (the document as JSON, with the SHA-256 of the YAML it came from:
// the server reads it at start because parsing the YAML costs ~150 ms in every process).
// `--check` writes nothing and exits 1 when a committed file is stale, so CI
// can refuse a spec edit whose generated files were not regenerated.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const specUrl = new URL('../../../spec/openapi.yaml', import.meta.url);
const outUrl = new URL('../src/schema.gen.ts', import.meta.url);
const jsonUrl = new URL('../src/openapi.gen.json', import.meta.url);
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
const yamlText = await readFile(specUrl, 'utf8');
const outputs = [
  [outUrl, HEADER + astToString(ast)],
  [
    jsonUrl,
    `${JSON.stringify(
      {
        generated: 'GENERATED FILE — DO NOT EDIT. Source: spec/openapi.yaml. Regenerate with `pnpm generate`.',
        sourceSha256: createHash('sha256').update(yamlText).digest('hex'),
        document: parse(yamlText),
      },
      null,
      2,
    )}\n`,
  ],
];

if (process.argv.includes('--check')) {
  for (const [url, fresh] of outputs) {
    const committed = await readFile(url, 'utf8').catch(() => '');
    if (committed !== fresh) {
      console.error(`${fileURLToPath(url)} is stale: it does not match spec/openapi.yaml.\nFix: run \`pnpm generate\` and commit the result.`);
      process.exit(1);
    }
  }
  console.log('generated contract files are up to date');
} else {
  for (const [url, fresh] of outputs) {
    await writeFile(url, fresh);
    console.log(`wrote ${fileURLToPath(url)}`);
  }
}
