import { documentedResponse } from '../spec.js';
import type { Case } from '../types.js';
import type { Check } from './check.js';

/**
 * Statuses a valid request may still get: the credentials were not accepted (401/403;
 * run with credentials to judge acceptance) or the resource's state forbids it (409).
 * A 404 is accepted only where the operation documents it (e.g. a generated id).
 */
export const TOLERATED_REJECTIONS = new Set([401, 403, 409]);

/** Schema- and rule-valid requests with valid credentials are not rejected with a 4xx. */
export const positiveDataAcceptance: Check = {
  name: 'positive_data_acceptance',
  description: 'a request that satisfies the schema and the rule file was rejected with a 4xx',
  scope: 'own-cases',
  operationCases: ({ operation, positives }) =>
    positives.map<Case>((data, index) => ({ check: 'positive_data_acceptance', operation, method: operation.method.toUpperCase(), path: operation.path, data, auth: { kind: 'valid' }, label: `positive #${index}`, index })),
  judge({ case: c, response }) {
    const status = response.status;
    if (status < 400 || status >= 500 || TOLERATED_REJECTIONS.has(status)) return undefined;
    if (status === 404 && c.operation && documentedResponse(c.operation, 404)?.key === '404') return undefined;
    return { summary: `valid data rejected with ${status}` };
  },
};
