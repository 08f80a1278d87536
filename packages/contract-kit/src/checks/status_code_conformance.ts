import { documentedResponse } from '../spec.js';
import type { Check } from './check.js';

/** Every status an operation answers is documented for it (5xx are left to not_a_server_error). */
export const statusCodeConformance: Check = {
  name: 'status_code_conformance',
  description: 'the operation answered a status its responses do not document',
  scope: 'every-response',
  judge({ case: c, response }) {
    if (!c.operation || response.status === 0 || response.status >= 500) return undefined;
    if (documentedResponse(c.operation, response.status)) return undefined;
    return { summary: `status ${response.status} is not documented (documented: ${Object.keys(c.operation.responses).join(', ')})` };
  },
};
