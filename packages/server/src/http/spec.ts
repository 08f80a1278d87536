// The contract, loaded once at start: the raw YAML (served as-is) and the parsed document.
import { readFileSync } from 'node:fs';
import { specPath } from '@checkout/contract/spec';
import { parse } from 'yaml';

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
}

export function loadSpec(path: string = specPath): LoadedSpec {
  const yaml = readFileSync(path, 'utf8');
  return { yaml, document: parse(yaml) as OpenApiDocument };
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
