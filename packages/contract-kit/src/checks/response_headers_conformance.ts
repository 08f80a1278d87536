import { documentedResponse, type Schema } from '../spec.js';
import type { Check } from './check.js';

/** Headers documented for a response are present when required, and their values match their schemas. */
export const responseHeadersConformance: Check = {
  name: 'response_headers_conformance',
  description: 'a documented response header is missing or does not match its schema',
  scope: 'every-response',
  judge({ case: c, response }, { validator }) {
    if (!c.operation || response.status === 0) return undefined;
    const documented = documentedResponse(c.operation, response.status);
    for (const [name, header] of Object.entries(documented?.response.headers ?? {})) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) return { summary: `${response.status}: required header ${name} is missing` };
        continue;
      }
      const errors = validator.errors(header.pointer, headerValue(header.schema, value));
      if (errors.length) return { summary: `${response.status}: header ${name} does not match its schema: ${errors[0]}`, detail: `${name}: ${value}` };
    }
    return undefined;
  },
};

/** A header's text as the schema's type (headers are text on the wire). */
function headerValue(schema: Schema, text: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
