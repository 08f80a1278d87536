// The contract, loaded once at start: the raw YAML (served as-is) and the parsed document.
// The document comes from the JSON that `pnpm generate` writes beside the types: parsing the
// YAML (loading the parser, then the parse) would cost every process and worker time at start.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '@checkout/contract/openapi';
import { specJsonPath, specPath } from '@checkout/contract/spec';

export interface LoadedSpec {
  yaml: string;
  document: OpenApiDocument;
  /** The generated JSON was not made from this YAML (edited without `pnpm generate`): the YAML was parsed instead. */
  generatedJsonStale?: boolean;
}

interface GeneratedSpec {
  sourceSha256: string;
  document: OpenApiDocument;
}

export function loadSpec(paths: { yaml: string; json: string } = { yaml: specPath, json: specJsonPath }): LoadedSpec {
  const yaml = readFileSync(paths.yaml, 'utf8');
  let generated: GeneratedSpec | undefined;
  try {
    generated = JSON.parse(readFileSync(paths.json, 'utf8')) as GeneratedSpec;
  } catch {
    // missing or unreadable: parse the YAML below
  }
  if (generated?.sourceSha256 === createHash('sha256').update(yaml).digest('hex')) return { yaml, document: generated.document };
  // The YAML is the source of truth: a stale JSON is never served, only slower to start.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return { yaml, document: parse(yaml) as OpenApiDocument, generatedJsonStale: true };
}
