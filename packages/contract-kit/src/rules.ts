// The rule file beside the spec (spec/contract-rules.yaml): what the kit cannot read from
// the schemas. Two parts:
//   auth:  which header parameters carry the caller's credentials, and where each HTTP
//          bearer scheme's token comes from (an operation's 200 and a JSON path in it);
//   rules: cross-field rules the spec states in prose, per component schema.
// Positive data always satisfies the rules; negative data may break one of them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export type Rule =
  | { kind: 'at_least_one_non_null'; fields: string[] }
  | { kind: 'non_null_requires'; field: string; requires: string }
  | { kind: 'pattern'; field: string; pattern: RegExp; source: string }
  | { kind: 'max_decimal_places'; field: string; places: number };

export interface BearerSource {
  /** operationId whose 200 response carries the token. */
  fromOperation: string;
  /** Where the token is in that response's JSON body, e.g. `$.data.checkout_token`. */
  jsonPath: string;
  /** How many requests one token serves before a fresh one is obtained. */
  usesPerToken: number;
}

export interface RuleFile {
  /** Header parameter name (lower-cased) → credential name (e.g. `x-api-key` → `api_key`). */
  credentialHeaders: Map<string, string>;
  /** apiKey security scheme name → credential name. */
  apiKeySchemes: Map<string, string>;
  /** HTTP bearer security scheme name → where its tokens come from. */
  bearer: Map<string, BearerSource>;
  /** Component schema name → its cross-field rules. */
  rules: Map<string, Rule[]>;
}

export class RuleFileError extends Error {
  override name = 'RuleFileError';
}

export const RULE_FILE_NAME = 'contract-rules.yaml';

export function defaultRuleFilePath(specPath: string): string {
  return join(dirname(specPath), RULE_FILE_NAME);
}

export const emptyRuleFile = (): RuleFile => ({ credentialHeaders: new Map(), apiKeySchemes: new Map(), bearer: new Map(), rules: new Map() });

export function loadRuleFile(path: string, { optional = false } = {}): RuleFile {
  if (!existsSync(path)) {
    if (optional) return emptyRuleFile();
    throw new RuleFileError(`rule file ${path} not found`);
  }
  return parseRuleFile(readFileSync(path, 'utf8'), path);
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseRuleFile(text: string, source = 'rule file'): RuleFile {
  const raw = (parse(text) ?? {}) as unknown;
  const fail = (message: string): never => {
    throw new RuleFileError(`${source}: ${message}`);
  };
  if (!isObject(raw)) fail('expected a mapping at the top level');
  const root = raw as Raw;
  for (const key of Object.keys(root)) if (!['auth', 'rules'].includes(key)) fail(`unknown key "${key}" (expected auth, rules)`);

  const result = emptyRuleFile();
  const auth = (root.auth ?? {}) as unknown;
  if (!isObject(auth)) fail('auth must be a mapping');
  for (const key of Object.keys(auth as Raw)) if (!['credential_headers', 'api_key_schemes', 'bearer'].includes(key)) fail(`unknown key auth.${key}`);
  for (const [header, credential] of Object.entries(((auth as Raw).credential_headers ?? {}) as Raw)) {
    if (typeof credential !== 'string') fail(`auth.credential_headers.${header} must name a credential`);
    result.credentialHeaders.set(header.toLowerCase(), credential as string);
  }
  for (const [scheme, credential] of Object.entries(((auth as Raw).api_key_schemes ?? {}) as Raw)) {
    if (typeof credential !== 'string') fail(`auth.api_key_schemes.${scheme} must name a credential`);
    result.apiKeySchemes.set(scheme, credential as string);
  }
  for (const [scheme, value] of Object.entries(((auth as Raw).bearer ?? {}) as Raw)) {
    if (!isObject(value) || typeof value.from_operation !== 'string' || typeof value.json_path !== 'string') {
      fail(`auth.bearer.${scheme} needs from_operation and json_path`);
    }
    const v = value as Raw;
    if (!/^\$(\.[A-Za-z_][\w-]*|\[\d+\])+$/.test(v.json_path as string)) fail(`auth.bearer.${scheme}.json_path must look like $.data.token`);
    const uses = v.uses_per_token ?? 1;
    if (!Number.isInteger(uses) || (uses as number) < 1) fail(`auth.bearer.${scheme}.uses_per_token must be a positive integer`);
    result.bearer.set(scheme, { fromOperation: v.from_operation as string, jsonPath: v.json_path as string, usesPerToken: uses as number });
  }

  const rules = (root.rules ?? {}) as unknown;
  if (!isObject(rules)) fail('rules must be a mapping of schema name to a list of rules');
  for (const [schemaName, list] of Object.entries(rules as Raw)) {
    if (!Array.isArray(list)) fail(`rules.${schemaName} must be a list`);
    result.rules.set(schemaName, (list as unknown[]).map((entry, index) => parseRule(entry, `rules.${schemaName}[${index}]`, fail)));
  }
  return result;
}

function parseRule(entry: unknown, at: string, fail: (message: string) => never): Rule {
  if (!isObject(entry)) return fail(`${at} must be a mapping`);
  if (Array.isArray(entry.at_least_one_non_null) && entry.at_least_one_non_null.every((f) => typeof f === 'string')) {
    return { kind: 'at_least_one_non_null', fields: entry.at_least_one_non_null as string[] };
  }
  if (typeof entry.if_non_null === 'string' && typeof entry.then_non_null === 'string') {
    return { kind: 'non_null_requires', field: entry.if_non_null, requires: entry.then_non_null };
  }
  if (typeof entry.field === 'string' && typeof entry.pattern === 'string') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(entry.pattern, 'u');
    } catch (error) {
      return fail(`${at}.pattern is not a valid regular expression: ${(error as Error).message}`);
    }
    return { kind: 'pattern', field: entry.field, pattern, source: entry.pattern };
  }
  if (typeof entry.field === 'string' && Number.isInteger(entry.max_decimal_places)) {
    return { kind: 'max_decimal_places', field: entry.field, places: entry.max_decimal_places as number };
  }
  return fail(`${at} is not a rule the kit knows (at_least_one_non_null | if_non_null+then_non_null | field+pattern | field+max_decimal_places)`);
}

/** The number of digits after the decimal point in the shortest round-trip form of `value`. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const match = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) return 0;
  const fraction = match[1]?.length ?? 0;
  const exponent = Number(match[2] ?? 0);
  return Math.max(0, fraction - exponent);
}

const nonNull = (value: unknown) => value !== undefined && value !== null;

/** Describes each rule the value breaks (empty when every rule holds). Non-objects break none. */
export function ruleViolations(rules: Rule[] | undefined, value: unknown): string[] {
  if (!rules || !isObject(value)) return [];
  const broken: string[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case 'at_least_one_non_null':
        if (!rule.fields.some((f) => nonNull(value[f]))) broken.push(`at least one of ${rule.fields.join(', ')} must be non-null`);
        break;
      case 'non_null_requires':
        if (nonNull(value[rule.field]) && !nonNull(value[rule.requires])) broken.push(`a non-null ${rule.field} needs a non-null ${rule.requires}`);
        break;
      case 'pattern': {
        const v = value[rule.field];
        if (typeof v === 'string' && !rule.pattern.test(v)) broken.push(`${rule.field} must match /${rule.source}/`);
        break;
      }
      case 'max_decimal_places': {
        const v = value[rule.field];
        if (typeof v === 'number' && decimalPlaces(v) > rule.places) broken.push(`${rule.field} has more than ${rule.places} decimal places`);
        break;
      }
    }
  }
  return broken;
}
