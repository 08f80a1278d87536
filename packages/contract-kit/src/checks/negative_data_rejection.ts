import type { Case } from '../types.js';
import type { Check } from './check.js';

/** Requests that break the schema or a rule of the rule file are rejected with a 4xx, never accepted. */
export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  description: 'a request that breaks the schema or a rule was not rejected with a 4xx',
  scope: 'own-cases',
  operationCases: ({ operation, negatives }) =>
    negatives.map<Case>(({ data, mutation, reasons = [] }, index) => ({
      check: 'negative_data_rejection',
      operation,
      method: operation.method.toUpperCase(),
      path: operation.path,
      data,
      auth: { kind: 'valid' },
      label: mutation,
      index,
      reasons,
    })),
  judge({ case: c, response }) {
    if (response.status === 0 || response.status >= 400) return undefined;
    const [first = c.label, ...more] = c.reasons ?? [];
    return { summary: `invalid data accepted with ${response.status}: ${first}`, ...(more.length ? { detail: `also: ${more.join('; ')}` } : {}) };
  },
};
