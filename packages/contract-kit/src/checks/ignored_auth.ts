import { needsAuth } from '../auth.js';
import type { AuthMode, Case } from '../types.js';
import type { Check } from './check.js';

/** With credentials missing, wrong, partly wrong, or a tampered token, an authenticated operation refuses the request. */
export const ignoredAuth: Check = {
  name: 'ignored_auth',
  description: 'an operation that needs credentials answered 2xx/3xx without valid ones',
  scope: 'own-cases',
  operationCases: ({ operation, positives, auth }) => {
    const base = positives[0];
    if (!base || !needsAuth(auth)) return [];
    const modes: [AuthMode, string][] = [
      [{ kind: 'none' }, 'without credentials'],
      [{ kind: 'wrong' }, 'with wrong credentials'],
    ];
    const headers = auth.placements.filter((p) => p.kind === 'credential-header');
    if (headers.length > 1) for (const p of headers) modes.push([{ kind: 'wrong-one', header: p.header }, `with a wrong ${p.header} (the other credentials valid)`]);
    if (auth.placements.some((p) => p.kind === 'bearer')) modes.push([{ kind: 'tampered' }, 'with a real bearer token whose signature was altered']);
    return modes.map<Case>(([mode, label], index) => ({ check: 'ignored_auth', operation, method: operation.method.toUpperCase(), path: operation.path, data: positives[index % positives.length] ?? base, auth: mode, label, index }));
  },
  judge({ case: c, response }) {
    if (response.status === 0 || response.status >= 400) return undefined;
    return { summary: `accepted with ${response.status} ${c.label}` };
  },
};
