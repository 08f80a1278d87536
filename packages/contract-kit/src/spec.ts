// The operations of an OpenAPI document as the kit sees them: their parameters, body, responses
// and effective security, every $ref followed, with the JSON pointer of each schema (for
// validation). Read through the workspace's one document model (@checkout/contract/openapi).
// Nothing here is specific to one API; the kit's only inputs are the document and the rule file.
import { readFileSync } from 'node:fs';
import {
  deref as derefOrUndefined,
  type HttpMethod,
  type OpenApiDocument,
  operationsOf as documentOperations,
  type ReferenceObject,
  type SecurityRequirementObject,
  type SecuritySchemeObject,
} from '@checkout/contract/openapi';
import { parse } from 'yaml';

/** A JSON Schema 2020-12 object (OpenAPI 3.1 schemas are plain JSON Schema). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

export type { OpenApiDocument, HttpMethod } from '@checkout/contract/openapi';
export type SecurityRequirement = SecurityRequirementObject;
export type SecurityScheme = SecuritySchemeObject;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
  /** JSON pointer (in the document) of the parameter's schema, for validation. */
  pointer: string;
}

export interface ResponseSpec {
  /** Media type → JSON pointer of its schema (undefined when the media type has no schema). */
  content: Record<string, string | undefined>;
  headers: Record<string, { required: boolean; schema: Schema; pointer: string }>;
}

export interface Operation {
  id: string;
  method: HttpMethod;
  path: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; mediaType: string; schema: Schema; pointer: string };
  /** Keyed as in the document: '200', '4XX', 'default'. */
  responses: Record<string, ResponseSpec>;
  /** Effective security: alternatives, each a set of schemes that must all be satisfied. */
  security: SecurityRequirement[];
}

export const pointerOf = (...parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export class SpecError extends Error {
  override name = 'SpecError';
}

export function loadDocument(path: string): OpenApiDocument {
  const document = parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  if (typeof document?.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new SpecError(`${path} is not an OpenAPI 3.1 document (openapi: ${String(document?.openapi)})`);
  }
  return document;
}

/** Follows `$ref` chains (of any object) until a concrete object is reached; SpecError when one does not resolve. */
export function deref<T>(document: OpenApiDocument, value: T | ReferenceObject): Exclude<T, ReferenceObject> {
  const target = derefOrUndefined(document, value);
  if (target === undefined) {
    const ref = (value as { $ref?: unknown }).$ref;
    throw new SpecError(`unresolvable reference ${String(ref)} (references must be local, like #/components/schemas/X, and end somewhere)`);
  }
  return target;
}

/** The name of a `#/components/schemas/NAME` reference, if that is what the schema is. */
export function componentName(schema: Schema | undefined): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema?.$ref ?? '');
  return match?.[1];
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const result: Operation[] = [];
  for (const { path, method, pathItem: item, operation } of documentOperations(document)) {
    const shared = (item.parameters ?? []) as unknown[];
    const raw = operation as Record<string, unknown>;
    const base = ['paths', path, method];
    const id = typeof raw.operationId === 'string' ? raw.operationId : `${method.toUpperCase()} ${path}`;

    const parameters = new Map<string, Parameter>();
    const addParameters = (list: unknown[], at: string[]) =>
      list.forEach((rawParameter, index) => {
        const parameter = deref(document, rawParameter as { name: string; in: ParameterLocation; required?: boolean; schema?: Schema });
        const ref = (rawParameter as { $ref?: string }).$ref;
        const pointer = ref ? `${ref}/schema` : pointerOf(...at, String(index), 'schema');
        const key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
        parameters.set(key, { name: parameter.name, in: parameter.in, required: parameter.in === 'path' || parameter.required === true, schema: parameter.schema ?? {}, pointer });
      });
    addParameters(shared, ['paths', path, 'parameters']);
    addParameters((raw.parameters ?? []) as unknown[], [...base, 'parameters']);

    let requestBody: Operation['requestBody'];
    if (raw.requestBody) {
      const body = deref(document, raw.requestBody as { required?: boolean; content?: Record<string, { schema?: Schema }> });
      const bodyRef = (raw.requestBody as { $ref?: string }).$ref;
      const mediaType = Object.keys(body.content ?? {}).find((m) => isJsonMediaType(m)) ?? Object.keys(body.content ?? {})[0];
      if (mediaType) {
        const pointer = bodyRef ? `${bodyRef}/content/${mediaType.replace(/\//g, '~1')}/schema` : pointerOf(...base, 'requestBody', 'content', mediaType, 'schema');
        requestBody = { required: body.required === true, mediaType, schema: body.content?.[mediaType]?.schema ?? {}, pointer };
      }
    }

    const responses: Record<string, ResponseSpec> = {};
    for (const [status, rawResponse] of Object.entries((raw.responses ?? {}) as Record<string, unknown>)) {
      const response = deref(document, rawResponse as { content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> });
      const responseRef = (rawResponse as { $ref?: string }).$ref;
      const at = (...rest: string[]) => (responseRef ? `${responseRef}/${rest.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : pointerOf(...base, 'responses', status, ...rest));
      const content: ResponseSpec['content'] = {};
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        content[mediaType] = media?.schema ? at('content', mediaType, 'schema') : undefined;
      }
      const headers: ResponseSpec['headers'] = {};
      for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
        const header = deref(document, rawHeader as { required?: boolean; schema?: Schema });
        const headerRef = (rawHeader as { $ref?: string }).$ref;
        headers[name] = { required: header.required === true, schema: header.schema ?? {}, pointer: headerRef ? `${headerRef}/schema` : at('headers', name, 'schema') };
      }
      responses[status] = { content, headers };
    }

    result.push({
      id,
      method,
      path,
      parameters: [...parameters.values()],
      ...(requestBody ? { requestBody } : {}),
      responses,
      security: (raw.security as SecurityRequirement[] | undefined) ?? document.security ?? [],
    });
  }
  return result;
}

/** The documented response for a status: exact, then its range (`4XX`), then `default`. */
export function documentedResponse(operation: Operation, status: number): { key: string; response: ResponseSpec } | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    const response = operation.responses[key];
    if (response) return { key, response };
  }
  return undefined;
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([\w.+-]*\+)?json$/i.test(mediaType.split(';')[0]?.trim() ?? '');
}
