// Turns express-openapi-validator's errors into FastAPI/pydantic-v2 422 items:
// same `type` ids and messages, `loc` as ["header", name] / ["body", field], the
// offending `input`, and `ctx` for constraints. One item per real error: the
// "must be null" / "must match a schema in anyOf" companions of an `anyOf [T, null]`
// field are dropped when the T branch already explains the failure.
import type { Request } from 'express';
import type { ValidationIssue } from '../domain/errors.js';
import { originalBody } from './json-body.js';
import { deref, type OpenApiDocument, type OperationObject } from '@checkout/contract/openapi';

export interface ValidatorErrorItem {
  path: string;
  message: string;
  errorCode?: string;
}

const LOCATION: Record<string, string> = { headers: 'header', body: 'body', query: 'query', params: 'path', cookies: 'cookie' };

function decodeSegment(segment: string): string | number {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const limitOf = (message: string) => Number(/(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(message)?.[1] ?? Number.NaN);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function looksLikeNumber(value: string): boolean {
  const text = value.trim();
  return text !== '' && !Number.isNaN(Number(text));
}

/** The reason pydantic's email validator would give, for the common shapes of a bad address. */
export function emailReason(value: string): string {
  const at = value.indexOf('@');
  if (at === -1) return 'An email address must have an @-sign.';
  if (value.indexOf('@', at + 1) !== -1) return 'The email address is not valid. It must have exactly one @-sign.';
  if (at === 0) return 'There must be something before the @-sign.';
  const domain = value.slice(at + 1);
  if (domain === '') return 'There must be something after the @-sign.';
  if (/\s/.test(value)) return 'The email address contains invalid characters.';
  if (!domain.includes('.')) return 'The part after the @-sign is not valid. It should have a period.';
  return 'The email address is not valid.';
}

function typeIssue(expected: string, loc: (string | number)[], input: unknown, isBodyRoot: boolean): ValidationIssue {
  switch (expected) {
    case 'string':
      return { type: 'string_type', loc, msg: 'Input should be a valid string', input };
    case 'number':
      return typeof input === 'string' && !looksLikeNumber(input)
        ? { type: 'float_parsing', loc, msg: 'Input should be a valid number, unable to parse string as a number', input }
        : { type: 'float_type', loc, msg: 'Input should be a valid number', input };
    case 'integer':
      return typeof input === 'string' && !looksLikeNumber(input)
        ? { type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input }
        : { type: 'int_type', loc, msg: 'Input should be a valid integer', input };
    case 'boolean':
      return { type: 'bool_type', loc, msg: 'Input should be a valid boolean', input };
    case 'array':
      return { type: 'list_type', loc, msg: 'Input should be a valid list', input };
    case 'object':
      return isBodyRoot
        ? { type: 'model_attributes_type', loc, msg: 'Input should be a valid dictionary or object to extract fields from', input }
        : { type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input };
    case 'null':
      return { type: 'none_required', loc, msg: 'Input should be None', input };
    default:
      return { type: 'value_error', loc, msg: `Value error, must be ${expected}`, input, ctx: { error: {} } };
  }
}

function toIssue(item: ValidatorErrorItem, req: Request): ValidationIssue {
  const keyword = item.errorCode?.split('.')[0] ?? '';
  const [where = 'body', ...rest] = item.path.split('/').slice(1).map(decodeSegment);
  const location = LOCATION[String(where)] ?? String(where);
  const loc = [location, ...rest];
  const body = location === 'body' ? originalBody(req) : undefined;
  const source = location === 'header' ? req.headers : location === 'query' ? req.query : body;
  const input = rest.length === 0 && location === 'body' ? body : valueAt(source, rest);
  const limit = limitOf(item.message);

  switch (keyword) {
    case 'required': {
      // pydantic reports the enclosing object as the input of a missing field (None for a missing header or body).
      const parent = location === 'body' && rest.length > 0 ? valueAt(body, rest.slice(0, -1)) : null;
      return { type: 'missing', loc, msg: 'Field required', input: parent ?? null };
    }
    case 'type':
      return typeIssue(item.message.replace(/^must be /, '').split(',')[0] ?? '', loc, input, location === 'body' && rest.length === 0);
    case 'exclusiveMinimum':
      return { type: 'greater_than', loc, msg: `Input should be greater than ${limit}`, input, ctx: { gt: limit } };
    case 'minimum':
      return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${limit}`, input, ctx: { ge: limit } };
    case 'exclusiveMaximum':
      return { type: 'less_than', loc, msg: `Input should be less than ${limit}`, input, ctx: { lt: limit } };
    case 'maximum':
      return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${limit}`, input, ctx: { le: limit } };
    case 'minLength':
      return { type: 'string_too_short', loc, msg: `String should have at least ${plural(limit, 'character')}`, input, ctx: { min_length: limit } };
    case 'maxLength':
      return { type: 'string_too_long', loc, msg: `String should have at most ${plural(limit, 'character')}`, input, ctx: { max_length: limit } };
    case 'pattern': {
      const pattern = /"(.*)"/.exec(item.message)?.[1] ?? '';
      return { type: 'string_pattern_mismatch', loc, msg: `String should match pattern '${pattern}'`, input, ctx: { pattern } };
    }
    case 'enum':
    case 'const':
      return { type: 'literal_error', loc, msg: `Input should be ${item.message.replace(/^must be (equal to )?(one of the allowed values: )?(constant)?/, '').trim() || 'an allowed value'}`, input };
    case 'additionalProperties':
      return { type: 'extra_forbidden', loc, msg: 'Extra inputs are not permitted', input };
    case 'format': {
      const format = /format "([^"]+)"/.exec(item.message)?.[1];
      if (format === 'email' && typeof input === 'string') {
        const reason = emailReason(input);
        return { type: 'value_error', loc, msg: `value is not a valid email address: ${reason}`, input, ctx: { reason } };
      }
      if (format === 'date-time') return { type: 'datetime_from_date_parsing', loc, msg: 'Input should be a valid datetime', input };
      if (format === 'uuid') return { type: 'uuid_parsing', loc, msg: 'Input should be a valid UUID', input };
      return { type: 'value_error', loc, msg: `Value error, ${item.message}`, input, ctx: { error: {} } };
    }
    default:
      return { type: 'value_error', loc, msg: `Value error, ${item.message}`, input, ctx: { error: {} } };
  }
}

/** Companion errors of `anyOf: [T, null]` that add nothing when a real error exists at the same path. */
function isCompanion(item: ValidatorErrorItem): boolean {
  return item.errorCode?.startsWith('anyOf.') === true || (item.errorCode?.startsWith('type.') === true && item.message === 'must be null');
}

export function toValidationIssues(
  items: ValidatorErrorItem[],
  req: Request,
  document: OpenApiDocument,
  operation: OperationObject | undefined,
): ValidationIssue[] {
  const realPaths = new Set(items.filter((i) => !isCompanion(i)).map((i) => i.path));
  const kept = items.filter((i) => !(isCompanion(i) && realPaths.has(i.path)));
  const seen = new Set<string>();
  const issues = kept
    .map((item) => toIssue(item, req))
    .filter((issue) => {
      const key = `${issue.type}|${JSON.stringify(issue.loc)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });

  // FastAPI lists parameter errors before body errors, each in declaration order.
  const headerOrder = (operation?.parameters ?? []).map((p) => deref(document, p)?.name.toLowerCase());
  const bodySchema = deref(document, deref(document, operation?.requestBody)?.content['application/json']?.schema);
  const fieldOrder = Object.keys(bodySchema?.properties ?? {});
  const rank = (issue: ValidationIssue): number => {
    const [where, field] = issue.loc;
    if (where === 'header') return 1000 + headerOrder.indexOf(String(field));
    if (where === 'query' || where === 'path' || where === 'cookie') return 2000;
    if (field === undefined) return 3000;
    const index = fieldOrder.indexOf(String(field));
    return 4000 + (index === -1 ? 999 : index);
  };
  return issues.map((issue, index) => ({ issue, index })).sort((a, b) => rank(a.issue) - rank(b.issue) || a.index - b.index).map((x) => x.issue);
}

/** FastAPI's json_invalid item: loc ["body", offset-of-the-error]. */
export function jsonInvalidIssue(text: string, error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  return {
    type: 'json_invalid',
    loc: ['body', jsonErrorOffset(text, message)],
    msg: 'JSON decode error',
    input: {},
    ctx: { error: message.replace(/,? ?"[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '') },
  };
}

const isEndOfInput = (message: string) => /Unexpected end of JSON input|Unterminated string/i.test(message);

/**
 * Offset of the first character that makes `text` invalid JSON. V8 does not always say,
 * so find the shortest prefix that fails for a reason other than "ended too soon".
 */
export function jsonErrorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  if (isEndOfInput(message)) return text.length;
  const failsBeforeEnd = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (e) {
      return !isEndOfInput((e as Error).message);
    }
  };
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (failsBeforeEnd(mid)) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}
