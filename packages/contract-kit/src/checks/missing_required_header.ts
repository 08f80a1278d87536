import type { Case } from '../types.js';
import type { Check } from './check.js';

/** A request without one of the operation's required header parameters is rejected with a 4xx. */
export const missingRequiredHeader: Check = {
  name: 'missing_required_header',
  description: 'a request without a required header parameter was not rejected with a 4xx',
  scope: 'own-cases',
  operationCases: ({ operation, positives }) => {
    const base = positives[0];
    if (!base) return [];
    return operation.parameters
      .filter((p) => p.in === 'header' && p.required)
      .map<Case>((p, index) => ({
        check: 'missing_required_header',
        operation,
        method: operation.method.toUpperCase(),
        path: operation.path,
        data: { ...base, header: Object.fromEntries(Object.entries(base.header).filter(([name]) => name !== p.name)) },
        auth: { kind: 'valid' },
        omitHeaders: [p.name],
        label: `without header ${p.name}`,
        index,
      }));
  },
  judge({ case: c, response }) {
    if (response.status === 0 || response.status >= 400) return undefined;
    return { summary: `accepted with ${response.status} ${c.label}` };
  },
};
