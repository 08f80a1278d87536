// The OpenAPI 3.1 document model every package reads the spec with (the server, the contract kit,
// the spec guards): openapi-types' OpenAPIV3_1 objects, and the few helpers they all need: the
// operations of a document, and following a local `$ref`. Nothing here is specific to our API.
import type { OpenAPIV3_1 } from 'openapi-types';

export type OpenApiDocument = OpenAPIV3_1.Document;
export type PathItemObject = OpenAPIV3_1.PathItemObject;
export type OperationObject = OpenAPIV3_1.OperationObject;
export type ParameterObject = OpenAPIV3_1.ParameterObject;
export type RequestBodyObject = OpenAPIV3_1.RequestBodyObject;
export type ResponseObject = OpenAPIV3_1.ResponseObject;
export type MediaTypeObject = OpenAPIV3_1.MediaTypeObject;
export type HeaderObject = OpenAPIV3_1.HeaderObject;
export type SchemaObject = OpenAPIV3_1.SchemaObject;
export type ReferenceObject = OpenAPIV3_1.ReferenceObject;
export type SecuritySchemeObject = OpenAPIV3_1.SecuritySchemeObject;
export type SecurityRequirementObject = OpenAPIV3_1.SecurityRequirementObject;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** What a local JSON pointer (`#/components/schemas/X`) names; undefined when it is not local or names nothing. */
export function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Longer `$ref` chains than this are taken for a cycle. */
const MAX_REFERENCE_HOPS = 20;

/**
 * `value` itself, or the object its `$ref` (chain) leads to; undefined when a reference does not
 * resolve (not local, naming nothing, or a cycle).
 */
export function deref<T>(document: OpenApiDocument, value: T | ReferenceObject | undefined): Exclude<T, ReferenceObject> | undefined {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    if (hops === MAX_REFERENCE_HOPS) return undefined;
    current = resolvePointer(document, current.$ref);
  }
  return current as Exclude<T, ReferenceObject> | undefined;
}

export interface DocumentOperation {
  path: string;
  method: HttpMethod;
  /** The path item (its `$ref` followed), for parameters shared by its operations. */
  pathItem: PathItemObject;
  operation: OperationObject;
}

/** Every operation of the document, in the order of its paths and of HTTP_METHODS. */
export function operationsOf(document: OpenApiDocument): DocumentOperation[] {
  const result: DocumentOperation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const pathItem = deref(document, rawItem);
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation) result.push({ path, method, pathItem, operation });
    }
  }
  return result;
}
