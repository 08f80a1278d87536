import { documentedResponse } from '../spec.js';
import { type Check, mediaTypeOf } from './check.js';

/** The Content-Type of a documented response is one of the media types documented for its status. */
export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  description: 'the response Content-Type is not one documented for that status',
  scope: 'every-response',
  judge({ case: c, response }) {
    if (!c.operation || response.status === 0) return undefined;
    const documented = documentedResponse(c.operation, response.status);
    const mediaTypes = Object.keys(documented?.response.content ?? {});
    if (!documented || mediaTypes.length === 0) return undefined;
    const actual = mediaTypeOf(response.headers['content-type']);
    if (mediaTypes.some((m) => matchesMediaType(m, actual))) return undefined;
    return { summary: `${response.status}: Content-Type ${actual || '(none)'} is not one of ${mediaTypes.join(', ')}` };
  },
};

/** `application/json` matches itself; `application/*` and `*\/*` match by wildcard. */
export function matchesMediaType(documented: string, actual: string): boolean {
  const [type, subtype] = mediaTypeOf(documented).split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype) && actualType !== undefined && actualType !== '';
}
