// Checks a response against spec/openapi.yaml with an independent JSON Schema 2020-12
// validator (not the server's): documented status, documented content type, body schema.
import { readFileSync } from 'node:fs';
import { specPath } from '@checkout/contract/spec';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const document = parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document as object, 'openapi.json');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class SpecViolation extends Error {
  override name = 'SpecViolation';
}

/** Throws SpecViolation unless (method, path, status, content type, body) is what the spec documents. */
export function assertMatchesSpec(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new SpecViolation(`${method} ${path} is not in the spec`);
  const response = operation.responses[String(status)];
  if (!response) throw new SpecViolation(`${method} ${path} answered ${status}, which the spec does not document`);
  const mediaTypes = Object.keys(response.content ?? {});
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (mediaTypes.length === 0) return;
  if (!mediaTypes.includes(mediaType)) {
    throw new SpecViolation(`${method} ${path} ${status}: content-type ${contentType} is not one of ${mediaTypes.join(', ')}`);
  }
  const ref = `openapi.json#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(body)) {
    throw new SpecViolation(`${method} ${path} ${status}: body does not match the schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}

/** The error envelope (with its error_code) every undocumented error status (404, 405, …) must still use. */
export function assertErrorEnvelope(body: unknown): void {
  const b = body as Record<string, unknown>;
  if (
    typeof b !== 'object' || b === null || b.success !== false || typeof b.message !== 'string' || b.data !== null ||
    typeof b.queryGeneratedTime !== 'number' || typeof b.error_code !== 'string' || Object.keys(b).length !== 5
  ) {
    throw new SpecViolation(`not an error envelope: ${JSON.stringify(body)}`);
  }
}
