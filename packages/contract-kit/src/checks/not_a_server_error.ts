import { documentedResponse } from '../spec.js';
import type { Check } from './check.js';

/** No request, valid or not, may crash the server or go unanswered; a documented 5xx (e.g. 503) is allowed. */
export const notAServerError: Check = {
  name: 'not_a_server_error',
  description: 'the server answered with an undocumented 5xx status, or did not answer at all',
  scope: 'any-response',
  judge({ case: c, response }) {
    if (response.status === 0) return { summary: `no response: ${response.error}` };
    if (response.status < 500) return undefined;
    if (c.operation && documentedResponse(c.operation, response.status)?.key === String(response.status)) return undefined;
    return { summary: `server error ${response.status}` };
  },
};
