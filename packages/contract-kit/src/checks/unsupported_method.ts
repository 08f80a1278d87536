import type { Case } from '../types.js';
import { type Check, emptyData } from './check.js';

const PROBED_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** A method the path does not document answers 405 with an Allow header listing the documented ones (or a documented 404). */
export const unsupportedMethod: Check = {
  name: 'unsupported_method',
  description: 'a method the path does not document was not answered 405 with an Allow header',
  scope: 'own-cases',
  pathCases: ({ path, operations }) => {
    const documented = new Set(operations.map((o) => o.method));
    return PROBED_METHODS.filter((m) => !documented.has(m as never)).map<Case>((method, index) => ({
      check: 'unsupported_method',
      method: method.toUpperCase(),
      path,
      data: { ...emptyData(), path: Object.fromEntries((path.match(/\{([^}]+)\}/g) ?? []).map((p) => [p.slice(1, -1), '1'])) },
      auth: { kind: 'none' },
      label: `${method.toUpperCase()} is not documented for ${path} (documented: ${[...documented].map((m) => m.toUpperCase()).join(', ')})`,
      index,
      allowed: [...documented].map((m) => m.toUpperCase()),
      notFoundDocumented: operations.some((o) => o.responses['404'] !== undefined),
    }));
  },
  judge({ case: c, response }) {
    if (response.status === 0 || response.status >= 500) return undefined;
    if (response.status === 404 && c.notFoundDocumented) return undefined;
    if (response.status !== 405) return { summary: `${c.method} answered ${response.status}, not 405`, detail: c.label };
    const allow = response.headers.allow;
    if (allow === undefined) return { summary: `${c.method} answered 405 without an Allow header` };
    const listed = new Set(allow.split(',').map((m) => m.trim().toUpperCase()));
    const missing = (c.allowed ?? []).filter((m) => !listed.has(m));
    if (missing.length) return { summary: `${c.method} answered 405 with Allow: ${allow}, which does not list ${missing.join(', ')}` };
    return undefined;
  },
};
