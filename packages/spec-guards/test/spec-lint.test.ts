// `pnpm spec:lint`: the committed rule set (spec/spectral.yaml: Spectral's OpenAPI rules and
// the OWASP API Security Top 10) passes our spec and catches an unsafe one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RULESET = fileURLToPath(new URL('../../../spec/spectral.yaml', import.meta.url));
const lint = (spec: string) => {
  const result = spawnSync('pnpm', ['exec', 'spectral', 'lint', spec, '--ruleset', RULESET, '--fail-severity', 'warn', '--format', 'text'], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, out: result.stdout + result.stderr };
};

describe('the committed lint rule set', () => {
  it('passes spec/openapi.yaml', () => {
    const { status, out } = lint(fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url)));
    expect(out).toContain('No results with a severity of \'warn\' or higher found!');
    expect(status).toBe(0);
  });

  it('fails an API with an unprotected write, plain HTTP and unbounded input strings', () => {
    const { status, out } = lint(fileURLToPath(new URL('./fixtures/unsafe-api.yaml', import.meta.url)));
    expect(status).not.toBe(0);
    for (const rule of ['owasp:api2:2023-write-restricted', 'owasp:api8:2023-no-server-http', 'owasp:api4:2023-string-limit']) expect(out).toContain(rule);
  });
}, 120_000);
