// Replies are typed from the contract, with no cast on the way: a response schema that gains a
// required field, or renames one, fails the server's type check in the handler or mapper of that
// operation. Checked for real: an edited copy of the spec, its types generated into a temp folder
// (the committed ones untouched), and tsc over the server's source against them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const SERVER = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = fileURLToPath(new URL('../../contract', import.meta.url));
const SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// One folder for both checks: tsc's incremental build info lets the second re-check only what the edit touched.
const dir = mkdtempSync(join(tmpdir(), 'contract-typecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Schema = { properties: Record<string, unknown>; required: string[] };

/** Type-checks the server's src/ against the types of `edit(spec)`; returns tsc's errors, by file. */
function typecheckAgainst(edit: (schemas: Record<string, Schema>) => void): { file: string; message: string }[] {
  const document = parse(readFileSync(SPEC, 'utf8')) as { components: { schemas: Record<string, Schema> } };
  edit(document.components.schemas);
  writeFileSync(join(dir, 'openapi.yaml'), stringify(document));
  execFileSync(process.execPath, [join(CONTRACT, 'scripts/generate.mjs'), '--spec', join(dir, 'openapi.yaml'), '--types-to', dir], { stdio: 'pipe' });
  copyFileSync(join(CONTRACT, 'src/index.ts'), join(dir, 'index.ts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(SERVER, 'tsconfig.json'),
      compilerOptions: { rootDir: '/', noEmit: true, incremental: true, tsBuildInfoFile: join(dir, 'tsbuildinfo'), typeRoots: [join(SERVER, 'node_modules/@types')], paths: { '@checkout/contract': [join(dir, 'index.ts')] } },
      include: [join(SERVER, 'src')],
    }),
  );
  let output = '';
  try {
    execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  return [...output.matchAll(/^(.+?)\(\d+,\d+\): error (TS\d+: .*)$/gm)].map(([, file = '', message = '']) => ({ file: relative(SERVER, file), message }));
}

describe('replies typed from the contract', { timeout: 180_000 }, () => {
  it('the spec as it is type-checks cleanly this way (so an error below is the edit)', () => {
    expect(typecheckAgainst(() => {})).toEqual([]);
  });

  it('a new required field of CheckoutTokenResponse, or a renamed field of CheckoutSessionResponse, fails in that operation’s mapper', () => {
    const errors = typecheckAgainst((schemas) => {
      const token = schemas.CheckoutTokenResponse!;
      token.properties.merchant_reference = { type: 'string' };
      token.required.push('merchant_reference');
      const session = schemas.CheckoutSessionResponse!;
      session.properties.checkout_session_id = session.properties.session_id;
      delete session.properties.session_id;
      session.required = session.required.map((name) => (name === 'session_id' ? 'checkout_session_id' : name));
    });
    expect(errors.map((e) => e.file).sort()).toEqual(['src/http/routes/checkout-session.ts', 'src/http/routes/developer-token.ts']);
    expect(errors.find((e) => e.file.endsWith('developer-token.ts'))?.message).toContain('merchant_reference');
    expect(errors.find((e) => e.file.endsWith('checkout-session.ts'))?.message).toMatch(/session_id/);
  });
});
