// Schema-valid values as fast-check arbitraries, derived from JSON Schema keywords:
// types, const/enum, anyOf/oneOf/allOf, object properties and required keys, string
// lengths, formats and patterns, numeric bounds (inclusive and exclusive, with their
// boundary values weighted in), arrays. Rules from the rule file narrow the generation
// (a field pattern, a number of decimal places); whatever a schema says that this file
// does not model is enforced afterwards by the validator (see sampler.ts).
import fc from 'fast-check';
import type { Rule } from '../rules.js';
import { componentName, deref, type OpenApiDocument, type Schema } from '../spec.js';

export interface GenerationContext {
  document: OpenApiDocument;
  rules: Map<string, Rule[]>;
}

export interface Hints {
  /** A rule pattern the string must match. */
  pattern?: RegExp;
  /** At most this many digits after the decimal point. */
  maxDecimals?: number;
  /** The value goes into an HTTP header: visible ASCII, no surrounding spaces. */
  header?: boolean;
}

const MAX_DEPTH = 6;
/** Bounds for numbers whose schema gives none. */
const DEFAULT_NUMBER_RANGE = 1e6;
const DEFAULT_MAX_STRING = 24;

export function positiveArbitrary(ctx: GenerationContext, schema: Schema | undefined, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > MAX_DEPTH) return fc.constant(null);
  if (typeof schema === 'boolean') return schema ? fc.jsonValue({ maxDepth: 1 }) : fc.constant(undefined);
  const s = deref(ctx.document, schema);
  const rules = ctx.rules.get(componentName(schema) ?? '');

  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  if (s.allOf?.length) return positiveArbitrary(ctx, mergeAllOf(ctx.document, s), hints, depth + 1);
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) {
    const { anyOf: _a, oneOf: _o, ...rest } = s;
    const withSiblings = branches.map((branch) => (Object.keys(rest).length ? { allOf: [rest, branch] } : branch));
    return fc.oneof(...withSiblings.map((branch) => positiveArbitrary(ctx, branch, hints, depth + 1)));
  }

  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : inferTypes(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => positiveArbitrary(ctx, { ...s, type }, hints, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(s);
    case 'number':
      return numberArbitrary(s, hints.maxDecimals);
    case 'string':
      return stringArbitrary(s, hints);
    case 'array':
      return arrayArbitrary(ctx, s, depth);
    case 'object':
      return objectArbitrary(ctx, s, rules, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function inferTypes(s: Schema): string[] {
  if (s.properties || s.required || s.additionalProperties !== undefined) return ['object'];
  if (s.items) return ['array'];
  if (s.minLength !== undefined || s.maxLength !== undefined || s.pattern || s.format) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined || s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined) return ['number'];
  return [];
}

/** A shallow merge of allOf members, enough for the object and constraint schemas APIs use. */
export function mergeAllOf(document: OpenApiDocument, s: Schema): Schema {
  const { allOf = [], ...rest } = s;
  const merged: Schema = { ...rest };
  for (const part of allOf.map((p) => deref(document, p))) {
    const inner = part.allOf ? mergeAllOf(document, part) : part;
    for (const [key, value] of Object.entries(inner)) {
      if (key === 'properties') merged.properties = { ...merged.properties, ...(value as Record<string, Schema>) };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else merged[key] = value;
    }
  }
  return merged;
}

// --- numbers -----------------------------------------------------------------------

interface Range {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
}

export function rangeOf(s: Schema): Range {
  const lower = [
    s.minimum !== undefined ? { v: s.minimum, x: false } : undefined,
    s.exclusiveMinimum !== undefined ? { v: s.exclusiveMinimum, x: true } : undefined,
  ].filter((b) => b !== undefined);
  const upper = [
    s.maximum !== undefined ? { v: s.maximum, x: false } : undefined,
    s.exclusiveMaximum !== undefined ? { v: s.exclusiveMaximum, x: true } : undefined,
  ].filter((b) => b !== undefined);
  const lo = lower.sort((a, b) => b.v - a.v || Number(b.x) - Number(a.x))[0];
  const hi = upper.sort((a, b) => a.v - b.v || Number(b.x) - Number(a.x))[0];
  const min = lo?.v ?? (hi ? Math.min(0, hi.v) - DEFAULT_NUMBER_RANGE : -DEFAULT_NUMBER_RANGE);
  const max = hi?.v ?? (lo ? Math.max(0, lo.v) + DEFAULT_NUMBER_RANGE : DEFAULT_NUMBER_RANGE);
  return { min, max, minExcluded: lo?.x ?? false, maxExcluded: hi?.x ?? false };
}

const bigIntBetween = (min: number, max: number) => fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);

/** Numbers with exactly `places` or fewer decimals inside the range (undefined when none exist). */
export function decimalsInRange(range: Range, places: number): fc.Arbitrary<number> | undefined {
  const scale = 10 ** places;
  let lo = Math.ceil(range.min * scale);
  let hi = Math.floor(range.max * scale);
  if (range.minExcluded && lo / scale <= range.min) lo += 1;
  if (range.maxExcluded && hi / scale >= range.max) hi -= 1;
  if (lo > hi || !Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) return undefined;
  return bigIntBetween(lo, hi).map((n) => n / scale);
}

function numberArbitrary(s: Schema, maxDecimals: number | undefined): fc.Arbitrary<number> {
  const range = rangeOf(s);
  if (s.multipleOf) return multiplesArbitrary(range, s.multipleOf);
  const places = maxDecimals ?? 8;
  const scaled = Array.from({ length: places + 1 }, (_, k) => decimalsInRange(range, k)).filter((a) => a !== undefined);
  const step = 10 ** -places;
  const boundaries = [
    range.minExcluded ? range.min + step : range.min,
    range.maxExcluded ? range.max - step : range.max,
    range.minExcluded ? range.min + 1 : range.min + step,
    range.maxExcluded ? range.max - 1 : range.max - step,
    0,
    1,
  ].map((v) => Number(v.toFixed(places)));
  const arbitraries: fc.WeightedArbitrary<number>[] = [{ arbitrary: fc.constantFrom(...boundaries), weight: 1 }];
  if (scaled.length) arbitraries.push({ arbitrary: fc.oneof(...scaled), weight: 4 });
  if (maxDecimals === undefined) {
    arbitraries.push({
      arbitrary: fc.double({ min: range.min, max: range.max, minExcluded: range.minExcluded, maxExcluded: range.maxExcluded, noNaN: true, noDefaultInfinity: true }),
      weight: 1,
    });
  }
  return fc.oneof(...arbitraries);
}

function multiplesArbitrary(range: Range, multipleOf: number): fc.Arbitrary<number> {
  const lo = Math.ceil(range.min / multipleOf);
  const hi = Math.floor(range.max / multipleOf);
  return bigIntBetween(lo, Math.max(lo, hi)).map((k) => k * multipleOf);
}

function integerArbitrary(s: Schema): fc.Arbitrary<number> {
  const range = rangeOf(s);
  if (s.multipleOf) return multiplesArbitrary(range, s.multipleOf);
  const lo = range.minExcluded ? Math.floor(range.min) + 1 : Math.ceil(range.min);
  const hi = range.maxExcluded ? Math.ceil(range.max) - 1 : Math.floor(range.max);
  const boundaries = [lo, hi, lo + 1, hi - 1, 0].filter((v) => v >= lo && v <= hi);
  return fc.oneof({ arbitrary: fc.constantFrom(...boundaries), weight: 1 }, { arbitrary: bigIntBetween(lo, hi), weight: 4 });
}

// --- strings -----------------------------------------------------------------------

/** Length in code points, as JSON Schema counts it. */
export const codePoints = (text: string) => [...text].length;

const HEADER_CHARS = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function stringArbitrary(s: Schema, hints: Hints): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? Math.max(minLength, DEFAULT_MAX_STRING);
  const fits = (text: string) => {
    const n = codePoints(text);
    return n >= minLength && n <= maxLength && (!hints.header || text === '' || HEADER_CHARS.test(text));
  };
  const pattern = hints.pattern ?? (s.pattern ? new RegExp(s.pattern, 'u') : undefined);
  if (pattern) return fc.stringMatching(pattern, { maxLength }).filter(fits);
  const format = s.format ? formatArbitrary(s.format) : undefined;
  if (format) return format.filter(fits);
  const lengths = { minLength, maxLength };
  if (hints.header) {
    return fc.string({ ...lengths, unit: 'grapheme-ascii' }).map((t) => t.trim()).filter(fits);
  }
  return fc.oneof(
    { arbitrary: fc.string({ ...lengths, unit: 'grapheme-ascii' }), weight: 3 },
    { arbitrary: fc.string({ ...lengths, unit: 'binary' }), weight: 2 },
    { arbitrary: fc.string({ minLength, maxLength: minLength, unit: 'grapheme-ascii' }), weight: 1 },
    { arbitrary: fc.string({ minLength: maxLength, maxLength, unit: 'grapheme-ascii' }), weight: 1 },
  );
}

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true });
  switch (format) {
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return dates.map((d) => d.toISOString());
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'hostname':
      return fc.domain();
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    default:
      return undefined;
  }
}

// --- arrays and objects ------------------------------------------------------------

function arrayArbitrary(ctx: GenerationContext, s: Schema, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = s.minItems ?? 0;
  const maxLength = s.maxItems ?? Math.max(minLength, 3);
  const items = positiveArbitrary(ctx, s.items, {}, depth + 1);
  return s.uniqueItems === true
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength });
}

/** Per-property hints from the rules of the object's schema. */
export function propertyHints(rules: Rule[] | undefined, property: string): Hints {
  const hints: Hints = {};
  for (const rule of rules ?? []) {
    if (rule.kind === 'pattern' && rule.field === property) hints.pattern = rule.pattern;
    if (rule.kind === 'max_decimal_places' && rule.field === property) hints.maxDecimals = rule.places;
  }
  return hints;
}

function objectArbitrary(ctx: GenerationContext, s: Schema, rules: Rule[] | undefined, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  if (Object.keys(properties).length === 0) {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    model[name] = positiveArbitrary(ctx, propertySchema, propertyHints(rules, name), depth + 1);
  }
  const requiredKeys = (s.required ?? []).filter((k) => k in model);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}
