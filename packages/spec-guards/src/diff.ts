// Breaking-change detection between two versions of an OpenAPI 3.1 document, from the
// point of view of clients built against the base version:
//   requests  — a client's request that the base accepted must still be accepted
//               (no new required property or parameter, no narrowed type, enum, bound or format);
//   responses — what a client reads must still be there (no removed status, property or
//               media type; no property made optional; no type it does not expect);
//   identity  — operationIds and security requirements unchanged (declaring, as apiKey
//               schemes, header parameters the operation already required is no change).
// Everything else that differs is listed as non-breaking. Documents are read through the
// workspace's one model (@checkout/contract/openapi); schemas are compared keyword by keyword.
import { deref, HTTP_METHODS, type OpenApiDocument } from '@checkout/contract/openapi';

export type Schema = Record<string, unknown>;
/** An OpenAPI document, as the workspace reads them all. */
export type Document = OpenApiDocument;

export interface Change {
  breaking: boolean;
  /** Where, e.g. `POST /api/things` or `POST /api/things 200 application/json /data/id`. */
  where: string;
  message: string;
}

/** A node of the document, its `$ref` followed; undefined when the reference does not resolve. */
function resolve(document: Document, value: unknown): Record<string, unknown> | undefined {
  const node = deref(document, value);
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

type Side = { document: Document };

interface Context {
  base: Side;
  head: Side;
  changes: Change[];
}

const add = (ctx: Context, breaking: boolean, where: string, message: string) => ctx.changes.push({ breaking, where, message });

export function diffDocuments(base: Document, head: Document): Change[] {
  const ctx: Context = { base: { document: base }, head: { document: head }, changes: [] };
  const basePaths = base.paths ?? {};
  const headPaths = head.paths ?? {};
  for (const [path, rawItem] of Object.entries(basePaths)) {
    const baseItem = resolve(base, rawItem) ?? {};
    const headItem = headPaths[path] ? (resolve(head, headPaths[path]) ?? {}) : undefined;
    if (!headItem) {
      add(ctx, true, path, 'removed path');
      continue;
    }
    for (const method of HTTP_METHODS) {
      const baseOp = baseItem[method] as Record<string, unknown> | undefined;
      const headOp = headItem[method] as Record<string, unknown> | undefined;
      const where = `${method.toUpperCase()} ${path}`;
      if (baseOp && !headOp) add(ctx, true, where, 'removed operation');
      else if (!baseOp && headOp) add(ctx, false, where, `added operation${headOp.operationId ? ` ${headOp.operationId}` : ''}`);
      else if (baseOp && headOp) diffOperation(ctx, where, baseOp, headOp, baseItem, headItem);
    }
  }
  for (const [path, rawItem] of Object.entries(headPaths)) {
    if (basePaths[path]) continue;
    const item = resolve(head, rawItem) ?? {};
    const methods = HTTP_METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
    add(ctx, false, path, `added path (${methods.join(', ')})`);
  }
  diffSecuritySchemes(ctx);
  const seen = new Set<string>();
  return ctx.changes.filter((c) => {
    const key = `${c.breaking}|${c.where}|${c.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function effectiveSecurity(document: Document, operation: Record<string, unknown>): string {
  const requirements = (operation.security ?? document.security ?? []) as Record<string, string[]>[];
  return JSON.stringify(requirements.map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]))));
}

/**
 * True when the base operation needed no credentials and the head one accepts a requirement
 * made only of apiKey schemes in headers the base already required as parameters: every
 * request valid for the base sends them, so nothing changes for its clients.
 */
function securityOnlyDocumentsRequiredHeaders(ctx: Context, baseOp: Record<string, unknown>, headOp: Record<string, unknown>, baseParams: Map<string, Record<string, unknown>>): boolean {
  const base = (baseOp.security ?? ctx.base.document.security ?? []) as Record<string, string[]>[];
  if (base.length > 0 && !base.some((r) => Object.keys(r).length === 0)) return false;
  const head = (headOp.security ?? ctx.head.document.security ?? []) as Record<string, string[]>[];
  const schemes = (ctx.head.document.components?.securitySchemes ?? {}) as Record<string, Record<string, unknown>>;
  return head.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = resolve(ctx.head.document, schemes[name]);
      if (scheme?.type !== 'apiKey' || scheme.in !== 'header' || typeof scheme.name !== 'string') return false;
      return baseParams.get(`header ${scheme.name.toLowerCase()}`)?.required === true;
    }),
  );
}

function diffOperation(ctx: Context, where: string, baseOp: Record<string, unknown>, headOp: Record<string, unknown>, baseItem: Record<string, unknown>, headItem: Record<string, unknown>) {
  if (baseOp.operationId !== headOp.operationId) add(ctx, true, where, `changed operationId ${String(baseOp.operationId)} → ${String(headOp.operationId)}`);

  // Parameters, keyed by location and name (header names are case-insensitive).
  const params = (document: Document, item: Record<string, unknown>, op: Record<string, unknown>) => {
    const map = new Map<string, Record<string, unknown>>();
    for (const raw of [...((item.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])]) {
      const p = resolve(document, raw) ?? {};
      const name = String(p.name);
      map.set(`${String(p.in)} ${p.in === 'header' ? name.toLowerCase() : name}`, p);
    }
    return map;
  };
  const baseParams = params(ctx.base.document, baseItem, baseOp);
  const headParams = params(ctx.head.document, headItem, headOp);

  const baseSecurity = effectiveSecurity(ctx.base.document, baseOp);
  const headSecurity = effectiveSecurity(ctx.head.document, headOp);
  if (baseSecurity !== headSecurity) {
    const documentsRequiredHeaders = securityOnlyDocumentsRequiredHeaders(ctx, baseOp, headOp, baseParams);
    add(
      ctx,
      !documentsRequiredHeaders,
      where,
      documentsRequiredHeaders
        ? `documented security ${headSecurity} for header parameters it already required`
        : `changed security ${baseSecurity} → ${headSecurity}`,
    );
  }
  for (const [key, hp] of headParams) {
    const bp = baseParams.get(key);
    const label = `${String(hp.in)} parameter ${String(hp.name)}`;
    const required = hp.required === true || hp.in === 'path';
    if (!bp) {
      add(ctx, required, where, `${required ? 'new required' : 'new optional'} ${label}`);
      continue;
    }
    if (required && !(bp.required === true || bp.in === 'path')) add(ctx, true, where, `${label} became required`);
    else if (!required && bp.required === true) add(ctx, false, where, `${label} became optional`);
    compareSchemas(ctx, 'request', `${where} ${label}`, bp.schema, hp.schema, new Set());
  }
  for (const [key, bp] of baseParams) if (!headParams.has(key)) add(ctx, false, where, `removed ${String(bp.in)} parameter ${String(bp.name)} (clients may still send it)`);

  // Request body.
  const baseBody = resolve(ctx.base.document, baseOp.requestBody);
  const headBody = resolve(ctx.head.document, headOp.requestBody);
  if (headBody && !baseBody) add(ctx, headBody.required === true, where, `added ${headBody.required === true ? 'a required' : 'an optional'} request body`);
  if (baseBody && headBody) {
    if (headBody.required === true && baseBody.required !== true) add(ctx, true, where, 'the request body became required');
    const baseContent = (baseBody.content ?? {}) as Record<string, { schema?: unknown }>;
    const headContent = (headBody.content ?? {}) as Record<string, { schema?: unknown }>;
    for (const [mediaType, media] of Object.entries(baseContent)) {
      const headMedia = headContent[mediaType];
      if (!headMedia) add(ctx, true, where, `request media type ${mediaType} is no longer accepted`);
      else compareSchemas(ctx, 'request', `${where} request body`, media.schema, headMedia.schema, new Set());
    }
    for (const mediaType of Object.keys(headContent)) if (!baseContent[mediaType]) add(ctx, false, where, `request media type ${mediaType} is now accepted`);
  }
  if (baseBody && !headBody) add(ctx, false, where, 'removed the request body (clients may still send one)');

  // Responses.
  const baseResponses = (baseOp.responses ?? {}) as Record<string, unknown>;
  const headResponses = (headOp.responses ?? {}) as Record<string, unknown>;
  for (const [status, rawBase] of Object.entries(baseResponses)) {
    if (!headResponses[status]) {
      add(ctx, true, where, `removed response status ${status}`);
      continue;
    }
    const baseResponse = resolve(ctx.base.document, rawBase) ?? {};
    const headResponse = resolve(ctx.head.document, headResponses[status]) ?? {};
    const baseContent = (baseResponse.content ?? {}) as Record<string, { schema?: unknown }>;
    const headContent = (headResponse.content ?? {}) as Record<string, { schema?: unknown }>;
    for (const [mediaType, media] of Object.entries(baseContent)) {
      const headMedia = headContent[mediaType];
      if (!headMedia) add(ctx, true, where, `response ${status} no longer has media type ${mediaType}`);
      else compareSchemas(ctx, 'response', `${where} response ${status}`, media.schema, headMedia.schema, new Set());
    }
    const baseHeaders = (baseResponse.headers ?? {}) as Record<string, unknown>;
    const headHeaders = (headResponse.headers ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(baseHeaders)) if (!Object.keys(headHeaders).some((h) => h.toLowerCase() === name.toLowerCase())) add(ctx, true, where, `response ${status} no longer documents header ${name}`);
    for (const name of Object.keys(headHeaders)) if (!Object.keys(baseHeaders).some((h) => h.toLowerCase() === name.toLowerCase())) add(ctx, false, where, `response ${status} documents a new header ${name}`);
  }
  for (const status of Object.keys(headResponses)) if (!baseResponses[status]) add(ctx, false, where, `added response status ${status}`);
}

function diffSecuritySchemes(ctx: Context) {
  const baseSchemes = (ctx.base.document.components?.securitySchemes ?? {}) as Record<string, Record<string, unknown>>;
  const headSchemes = (ctx.head.document.components?.securitySchemes ?? {}) as Record<string, Record<string, unknown>>;
  const essence = (s: Record<string, unknown> | undefined) => JSON.stringify({ type: s?.type, scheme: String(s?.scheme ?? '').toLowerCase(), in: s?.in, name: s?.name, flows: s?.flows, openIdConnectUrl: s?.openIdConnectUrl });
  for (const [name, scheme] of Object.entries(baseSchemes)) {
    if (!headSchemes[name]) add(ctx, true, `security scheme ${name}`, 'removed');
    else if (essence(scheme) !== essence(headSchemes[name])) add(ctx, true, `security scheme ${name}`, `changed ${essence(scheme)} → ${essence(headSchemes[name])}`);
  }
  for (const name of Object.keys(headSchemes)) if (!baseSchemes[name]) add(ctx, false, `security scheme ${name}`, 'added');
}

// --- schemas -----------------------------------------------------------------------

type Direction = 'request' | 'response';

/** The JSON types a schema allows (anyOf/oneOf branches joined; `integer` kept apart from `number`). */
function typesOf(document: Document, raw: unknown, depth = 0): Set<string> | undefined {
  const s = resolve(document, raw);
  if (!s || depth > 10) return undefined;
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (branches) {
    const all = new Set<string>();
    for (const b of branches) {
      const t = typesOf(document, b, depth + 1);
      if (!t) return undefined;
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  if (s.type) return new Set(Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);
  if ('const' in s) return new Set([s.const === null ? 'null' : Array.isArray(s.const) ? 'array' : typeof s.const === 'number' ? 'number' : typeof s.const]);
  return undefined; // unconstrained
}

/** Does `types` allow every value of `type`? (integer values are numbers) */
const allows = (types: Set<string>, type: string) => types.has(type) || (type === 'integer' && types.has('number'));

/** Constraints of the branch of a schema that carries a given type (`anyOf: [{type: string, maxLength}, null]`). */
function branchFor(document: Document, raw: unknown, type: string): Record<string, unknown> | undefined {
  const s = resolve(document, raw);
  if (!s) return undefined;
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (!branches) return s;
  for (const b of branches) {
    const t = typesOf(document, b);
    if (t && allows(t, type)) return branchFor(document, b, type);
  }
  return undefined;
}

const show = (types: Set<string>) => [...types].sort().join('|');

function compareSchemas(ctx: Context, direction: Direction, where: string, baseRaw: unknown, headRaw: unknown, seen: Set<string>, path = '') {
  const key = `${JSON.stringify(baseRaw)}→${JSON.stringify(headRaw)}@${direction}`;
  if (seen.has(key) || path.split('/').length > 12) return;
  seen.add(key);
  const at = `${where}${path ? ` ${path}` : ''}`;
  const baseTypes = typesOf(ctx.base.document, baseRaw);
  const headTypes = typesOf(ctx.head.document, headRaw);

  if (direction === 'request') {
    if (headTypes && (!baseTypes || [...baseTypes].some((t) => !allows(headTypes, t)))) add(ctx, true, at, `narrowed type ${baseTypes ? show(baseTypes) : 'any'} → ${show(headTypes)}`);
    else if (baseTypes && (!headTypes || [...headTypes].some((t) => !allows(baseTypes, t)))) add(ctx, false, at, `widened type ${show(baseTypes)} → ${headTypes ? show(headTypes) : 'any'}`);
  } else {
    if (baseTypes && (!headTypes || [...headTypes].some((t) => !allows(baseTypes, t)))) add(ctx, true, at, `response type ${show(baseTypes)} → ${headTypes ? show(headTypes) : 'any'}: clients may receive a type they do not expect`);
    else if (headTypes && (!baseTypes || [...baseTypes].some((t) => !allows(headTypes, t)))) add(ctx, false, at, `response type narrowed ${baseTypes ? show(baseTypes) : 'any'} → ${show(headTypes)}`);
  }

  // Compare the constraints of each type both versions allow.
  const common = baseTypes && headTypes ? [...baseTypes].filter((t) => allows(headTypes, t)) : ['object', 'array', 'string', 'number', 'integer'];
  for (const type of common) {
    const b = branchFor(ctx.base.document, baseRaw, type);
    const h = branchFor(ctx.head.document, headRaw, type);
    if (!b || !h) continue;
    compareConstraints(ctx, direction, at, b, h, type);
    if (type === 'object') compareObjects(ctx, direction, where, path, b, h, seen);
    if (type === 'array' && b.items && h.items) compareSchemas(ctx, direction, where, b.items, h.items, seen, `${path}/items`);
  }
}

function compareConstraints(ctx: Context, direction: Direction, at: string, b: Record<string, unknown>, h: Record<string, unknown>, type: string) {
  if (direction !== 'request') {
    const baseEnum = b.enum as unknown[] | undefined;
    const headEnum = h.enum as unknown[] | undefined;
    if (baseEnum && headEnum) {
      const added = headEnum.filter((v) => !baseEnum.some((x) => JSON.stringify(x) === JSON.stringify(v)));
      if (added.length) add(ctx, false, at, `response enum gained ${JSON.stringify(added)} (clients must tolerate new values)`);
    }
    return;
  }
  const narrowed = (message: string) => add(ctx, true, at, `narrowed ${message}`);
  const widened = (message: string) => add(ctx, false, at, `widened ${message}`);
  // Lower bounds: raising (or adding) one narrows; upper bounds: lowering (or adding) one narrows.
  const lower = (name: string) => {
    const bv = b[name] as number | undefined;
    const hv = h[name] as number | undefined;
    if (hv !== undefined && (bv === undefined || hv > bv)) narrowed(`${name} ${bv ?? 'none'} → ${hv}`);
    else if (bv !== undefined && (hv === undefined || hv < bv)) widened(`${name} ${bv} → ${hv ?? 'none'}`);
  };
  const upper = (name: string) => {
    const bv = b[name] as number | undefined;
    const hv = h[name] as number | undefined;
    if (hv !== undefined && (bv === undefined || hv < bv)) narrowed(`${name} ${bv ?? 'none'} → ${hv}`);
    else if (bv !== undefined && (hv === undefined || hv > bv)) widened(`${name} ${bv} → ${hv ?? 'none'}`);
  };
  if (type === 'number' || type === 'integer') {
    lower('minimum');
    lower('exclusiveMinimum');
    upper('maximum');
    upper('exclusiveMaximum');
    if (h.multipleOf !== undefined && h.multipleOf !== b.multipleOf) narrowed(`multipleOf ${String(b.multipleOf ?? 'none')} → ${String(h.multipleOf)}`);
  }
  if (type === 'string') {
    lower('minLength');
    upper('maxLength');
    if (h.pattern !== undefined && h.pattern !== b.pattern) narrowed(`pattern ${String(b.pattern ?? 'none')} → ${String(h.pattern)}`);
    else if (b.pattern !== undefined && h.pattern === undefined) widened(`pattern ${String(b.pattern)} removed`);
    if (h.format !== undefined && h.format !== b.format) narrowed(`format ${String(b.format ?? 'none')} → ${String(h.format)}`);
    else if (b.format !== undefined && h.format === undefined) widened(`format ${String(b.format)} removed`);
  }
  if (type === 'array') {
    lower('minItems');
    upper('maxItems');
  }
  const baseEnum = (b.enum ?? ('const' in b ? [b.const] : undefined)) as unknown[] | undefined;
  const headEnum = (h.enum ?? ('const' in h ? [h.const] : undefined)) as unknown[] | undefined;
  if (headEnum) {
    const removed = baseEnum ? baseEnum.filter((v) => !headEnum.some((x) => JSON.stringify(x) === JSON.stringify(v))) : undefined;
    if (!baseEnum) narrowed(`to the values ${JSON.stringify(headEnum)}`);
    else if (removed?.length) narrowed(`enum: ${JSON.stringify(removed)} no longer accepted`);
    else if (headEnum.length > baseEnum.length) widened(`enum: now also ${JSON.stringify(headEnum.filter((v) => !baseEnum.includes(v)))}`);
  } else if (baseEnum) widened('enum removed');
}

function compareObjects(ctx: Context, direction: Direction, where: string, path: string, b: Record<string, unknown>, h: Record<string, unknown>, seen: Set<string>) {
  const baseProps = (b.properties ?? {}) as Record<string, unknown>;
  const headProps = (h.properties ?? {}) as Record<string, unknown>;
  const baseRequired = new Set((b.required ?? []) as string[]);
  const headRequired = new Set((h.required ?? []) as string[]);
  const at = (name: string) => `${where} ${path}/${name}`;
  const added = Object.keys(headProps).filter((p) => !(p in baseProps));
  const removed = Object.keys(baseProps).filter((p) => !(p in headProps));

  if (direction === 'request') {
    for (const name of new Set([...headRequired])) {
      if (!baseRequired.has(name)) add(ctx, true, at(name), name in baseProps ? 'request property became required' : 'new required request property');
    }
    for (const name of added) if (!headRequired.has(name)) add(ctx, false, at(name), 'new optional request property');
    for (const name of baseRequired) if (!headRequired.has(name) && name in headProps) add(ctx, false, at(name), 'request property became optional');
    for (const name of removed) add(ctx, false, at(name), 'request property removed from the schema (clients may still send it)');
    if (h.additionalProperties === false && b.additionalProperties !== false) add(ctx, true, `${where} ${path || '/'}`, 'narrowed: additional properties are no longer accepted');
  } else {
    for (const name of removed) {
      const renamed = added.length ? ` (renamed to ${added.join(' or ')}?)` : '';
      add(ctx, true, at(name), `removed response property${renamed}`);
    }
    for (const name of baseRequired) if (!headRequired.has(name) && name in headProps) add(ctx, true, at(name), 'response property made optional');
    for (const name of added) add(ctx, false, at(name), 'new response property');
  }
  for (const name of Object.keys(baseProps)) {
    if (name in headProps) compareSchemas(ctx, direction, where, baseProps[name], headProps[name], seen, `${path}/${name}`);
  }
}

export function majorOf(version: string | undefined): number | undefined {
  const match = /^v?(\d+)/.exec(version ?? '');
  return match ? Number(match[1]) : undefined;
}
