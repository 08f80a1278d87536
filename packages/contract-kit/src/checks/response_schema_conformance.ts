import { documentedResponse, isJsonMediaType } from '../spec.js';
import { type Check, mediaTypeOf } from './check.js';
import { matchesMediaType } from './content_type_conformance.js';

/** A documented response's body validates against the schema documented for its status and media type (JSON Schema 2020-12). */
export const responseSchemaConformance: Check = {
  name: 'response_schema_conformance',
  description: 'the response body does not match the schema documented for its status and media type',
  scope: 'every-response',
  judge({ case: c, response }, { validator }) {
    if (!c.operation || response.status === 0) return undefined;
    const documented = documentedResponse(c.operation, response.status);
    const actual = mediaTypeOf(response.headers['content-type']);
    const mediaType = Object.keys(documented?.response.content ?? {}).find((m) => matchesMediaType(m, actual));
    const pointer = mediaType ? documented?.response.content[mediaType] : undefined;
    if (!mediaType || !pointer) return undefined; // no schema to compare with (content_type_conformance reports a wrong type)
    let body: unknown = response.body;
    if (isJsonMediaType(mediaType) || isJsonMediaType(actual)) {
      try {
        body = JSON.parse(response.body);
      } catch {
        return { summary: `${response.status}: the body is not valid JSON` };
      }
    }
    const errors = validator.errors(pointer, body);
    if (errors.length === 0) return undefined;
    return { summary: `${response.status}: ${errors[0]}`, ...(errors.length > 1 ? { detail: errors.slice(1).join('\n') } : {}) };
  },
};
