// Regenerates, from spec/openapi.yaml, src/schema.gen.ts (the contract's types) and
// src/openapi.gen.json (the document as JSON, with the SHA-256 of the YAML it came from:
// the server reads it at start, where parsing the YAML would cost every process time).
// `--check` writes nothing and exits 1 when a committed file is stale, so CI
// can refuse a spec edit whose generated files were not regenerated.
// `--spec FILE --types-to DIR` writes only the types of another spec, to DIR/schema.gen.ts
// (the server's type-check test uses it on an edited copy; the committed files stay as they are).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const { values: args } = parseArgs({ options: { check: { type: 'boolean' }, spec: { type: 'string' }, 'types-to': { type: 'string' } } });
const specUrl = args.spec ? pathToFileURL(args.spec) : new URL('../../../spec/openapi.yaml', import.meta.url);
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

if (args['types-to']) {
  const [[, types]] = outputs;
  const url = pathToFileURL(`${args['types-to']}/schema.gen.ts`);
  await writeFile(url, types);
  console.log(`wrote ${fileURLToPath(url)}`);
} else if (args.check) {
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
