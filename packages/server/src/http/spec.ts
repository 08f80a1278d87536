// The contract, loaded once at start: the raw YAML (served as-is) and the parsed document.
// The document comes from the JSON that `pnpm generate` writes beside the types: parsing the
// YAML costs ~150 ms (the parser's load and the parse) in every process and worker at start.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { specJsonPath, specPath } from '@checkout/contract/spec';

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
  [key: string]: unknown;
}
export interface ParameterObject {
  name: string;
  in: 'header' | 'query' | 'path' | 'cookie';
  required?: boolean;
}
export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
export interface SchemaObject {
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  [key: string]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

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

export function operationsOf(document: OpenApiDocument): { path: string; method: (typeof HTTP_METHODS)[number]; operation: OperationObject }[] {
  const result = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (operation) result.push({ path, method, operation });
    }
  }
  return result;
}

/** Follows a local `#/components/schemas/X` reference. */
export function resolveSchema(document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name];
  }
  return current;
}
