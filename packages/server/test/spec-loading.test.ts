// The server reads the spec's document from the JSON `pnpm generate` writes (fast at start),
// but the YAML stays the source of truth: a JSON made from other YAML is never served.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specJsonPath, specPath } from '@checkout/contract/spec';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../src/http/spec.js';

describe('loading the spec at start', () => {
  it('reads the generated JSON, which is exactly the parsed spec/openapi.yaml', () => {
    const spec = loadSpec();
    expect(spec.generatedJsonStale).toBeUndefined();
    expect(spec.yaml).toBe(readFileSync(specPath, 'utf8'));
    expect(spec.document).toEqual(parse(spec.yaml));
  });

  it('parses the YAML instead, and says so, when the JSON was generated from a different YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-loading-'));
    const edited = join(dir, 'openapi.yaml');
    writeFileSync(edited, readFileSync(specPath, 'utf8').replace(/^(\s+title:) .*$/m, '$1 Edited without pnpm generate'));
    const spec = loadSpec({ yaml: edited, json: specJsonPath });
    expect(spec.generatedJsonStale).toBe(true);
    expect((spec.document.info as { title: string }).title).toBe('Edited without pnpm generate');
  });

  it('parses the YAML when the generated JSON is missing', () => {
    const spec = loadSpec({ yaml: specPath, json: join(tmpdir(), 'no-such-dir', 'openapi.gen.json') });
    expect(spec.generatedJsonStale).toBe(true);
    expect(spec.document).toEqual(parse(readFileSync(specPath, 'utf8')));
  });
});
