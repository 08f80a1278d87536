// Schema-invalid requests: a positive request with one mutation. Mutations come from the
// schemas (a required property removed, a wrong type, a value past a bound or length, a
// broken format, a value outside an enum, a body that is not an object or is missing)
// and from the rule file (each cross-field rule broken on purpose). The caller keeps only
// results that really are invalid (requestInvalidity), so a mutation that happens to
// produce a valid value is never sent as a negative case.
import fc from 'fast-check';
import { decimalPlaces, type Rule, type RuleFile } from '../rules.js';
import { componentName, deref, type Operation, type Parameter, type Schema } from '../spec.js';
import type { Validator } from '../validator.js';
import { decimalsInRange, type GenerationContext, positiveArbitrary, propertyHints, rangeOf } from './positive.js';
import { coerceParameter, generatedParameters, type RequestData } from './request-data.js';

export interface NegativeRequest {
  data: RequestData;
  /** What was changed, e.g. `body.amount: set to 100001`. */
  mutation: string;
  /** Why the result is invalid (schema errors or the broken rule), filled in when sampled. */
  reasons?: string[];
}

interface Slot {
  /** Path from the body root ([] is the body itself). */
  path: string[];
  schema: Schema;
  pointer: string;
  requiredInParent: boolean;
}

const MAX_SLOT_DEPTH = 3;

/** Every place in the body schema a value can be mutated: the body and its properties, recursively. */
function bodySlots(ctx: GenerationContext, schema: Schema, pointer: string, path: string[] = [], requiredInParent = true): Slot[] {
  const slots: Slot[] = [{ path, schema, pointer, requiredInParent }];
  if (path.length >= MAX_SLOT_DEPTH) return slots;
  const ownPointer = schema.$ref ?? pointer;
  const s = deref(ctx.document, schema);
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    const childPointer = `${ownPointer}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    slots.push(...bodySlots(ctx, property, childPointer, [...path, name], (s.required ?? []).includes(name)));
  }
  return slots;
}

/** The alternatives a schema allows, each dereferenced (anyOf/oneOf flattened). */
function branchesOf(ctx: GenerationContext, schema: Schema): Schema[] {
  const s = deref(ctx.document, schema);
  const nested = s.anyOf ?? s.oneOf;
  return nested ? nested.flatMap((b) => branchesOf(ctx, b)) : [s];
}

const WRONG_TYPE_VALUES: unknown[] = ['not-a-valid-value', 12345, 1.5, true, null, {}, [], ''];

/** Values that break a constraint of the schema: bounds, lengths, formats, enums. */
function boundaryBreakers(ctx: GenerationContext, schema: Schema): unknown[] {
  const values: unknown[] = [];
  for (const b of branchesOf(ctx, schema)) {
    if (b.minLength !== undefined && b.minLength > 0) values.push('x'.repeat(b.minLength - 1));
    if (b.maxLength !== undefined) values.push('x'.repeat(b.maxLength + 1), '9'.repeat(b.maxLength + 1));
    if (b.format === 'email') values.push('plainaddress', 'jane@', '@example.com', 'jane doe@example.com', 'jane@@example.com');
    if (b.format === 'date-time') values.push('2024-13-01T00:00:00Z', 'yesterday', '2024-01-01');
    if (b.format === 'date') values.push('2024-02-30', 'tomorrow');
    if (b.format === 'uuid') values.push('not-a-uuid', '123e4567-e89b-12d3-a456');
    if (b.pattern) values.push('', '\u0000', ' ');
    if (Array.isArray(b.enum)) values.push('not-in-enum', 0);
    if ('const' in b) values.push(typeof b.const === 'string' ? `${b.const}-not` : 'not-the-constant');
    if (b.type === 'integer') values.push(1.5, 2 ** 53 + 2);
    if (b.minimum !== undefined) values.push(b.minimum - 1, b.minimum - 1e-8);
    if (b.maximum !== undefined) values.push(b.maximum + 1, b.maximum + 1e-8 * Math.max(1, Math.abs(b.maximum)));
    if (b.exclusiveMinimum !== undefined) values.push(b.exclusiveMinimum, b.exclusiveMinimum - 1);
    if (b.exclusiveMaximum !== undefined) values.push(b.exclusiveMaximum, b.exclusiveMaximum + 1);
    if (b.minItems !== undefined && b.minItems > 0) values.push([]);
  }
  return values;
}

/** Generated (not only fixed) out-of-range values: longer strings, larger and smaller numbers. */
function generatedBreakers(ctx: GenerationContext, schema: Schema): fc.Arbitrary<unknown>[] {
  const arbitraries: fc.Arbitrary<unknown>[] = [];
  for (const b of branchesOf(ctx, schema)) {
    if (b.maxLength !== undefined) arbitraries.push(fc.string({ minLength: b.maxLength + 1, maxLength: b.maxLength * 2 + 8, unit: 'grapheme-ascii' }));
    if (b.minLength !== undefined && b.minLength > 1) arbitraries.push(fc.string({ minLength: 0, maxLength: b.minLength - 1, unit: 'grapheme-ascii' }));
    const upper = b.maximum ?? b.exclusiveMaximum;
    const lower = b.minimum ?? b.exclusiveMinimum;
    if (upper !== undefined) arbitraries.push(fc.double({ min: upper, max: upper + Math.max(1000, Math.abs(upper) * 10), noNaN: true }));
    if (lower !== undefined) arbitraries.push(fc.double({ min: lower - Math.max(1000, Math.abs(lower) * 10), max: lower, noNaN: true }));
  }
  return arbitraries;
}

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

function setIn(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const root = (typeof body === 'object' && body !== null && !Array.isArray(body) ? clone(body) : {}) as Record<string, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return root;
}

function deleteIn(body: unknown, path: string[]): unknown {
  const root = clone(body) as Record<string, unknown>;
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[path[path.length - 1] as string];
  return root;
}

const show = (value: unknown) => {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};
const where = (path: string[]) => ['body', ...path].join('.');

type Mutator = fc.Arbitrary<(data: RequestData) => NegativeRequest>;

function bodyMutators(ctx: GenerationContext, validator: Validator, operation: Operation): Mutator[] {
  const requestBody = operation.requestBody;
  if (!requestBody) return [];
  const mutators: Mutator[] = [];
  const withBody = (data: RequestData, body: unknown, mutation: string): NegativeRequest => ({ data: { ...data, body }, mutation });
  if (requestBody.required) mutators.push(fc.constant((data: RequestData) => withBody(data, undefined, 'the request body is missing')));

  for (const slot of bodySlots(ctx, requestBody.schema, requestBody.pointer)) {
    const invalidHere = (v: unknown) => !validator.isValid(slot.pointer, v);
    if (slot.path.length > 0 && slot.requiredInParent) {
      mutators.push(fc.constant((data: RequestData) => withBody(data, deleteIn(data.body, slot.path), `${where(slot.path)}: required property removed`)));
    }
    const fixed = [...new Set([...WRONG_TYPE_VALUES, ...boundaryBreakers(ctx, slot.schema)].map((v) => JSON.stringify(v)))]
      .map((text) => JSON.parse(text) as unknown)
      .filter(invalidHere);
    if (fixed.length) {
      mutators.push(fc.constantFrom(...fixed).map((value) => (data: RequestData) => withBody(data, setIn(data.body, slot.path, value), `${where(slot.path)}: set to ${show(value)}`)));
    }
    for (const breaker of generatedBreakers(ctx, slot.schema)) {
      mutators.push(breaker.map((value) => (data: RequestData) => withBody(data, setIn(data.body, slot.path, value), `${where(slot.path)}: set to ${show(value)}`)));
    }
    const rules = ctx.rules.get(componentName(slot.schema) ?? '');
    for (const rule of rules ?? []) mutators.push(...ruleBreakers(ctx, slot, rule));
  }
  return mutators;
}

/** One mutator per cross-field rule: a body that breaks exactly that rule (if the schema allows). */
function ruleBreakers(ctx: GenerationContext, slot: Slot, rule: Rule): Mutator[] {
  const s = deref(ctx.document, slot.schema);
  const at = (field: string) => [...slot.path, field];
  const rules = ctx.rules.get(componentName(slot.schema) ?? '');
  const valueOf = (field: string) => positiveArbitrary(ctx, s.properties?.[field], propertyHints(rules, field)).filter((v) => v !== null && v !== undefined);
  const unset = (body: unknown, field: string, asNull: boolean) => (asNull ? setIn(body, at(field), null) : deleteIn(body, at(field)));
  const name = where(slot.path);
  switch (rule.kind) {
    case 'at_least_one_non_null':
      return [
        fc.array(fc.boolean(), { minLength: rule.fields.length, maxLength: rule.fields.length }).map((asNull) => (data: RequestData) => {
          let body = data.body;
          rule.fields.forEach((field, i) => (body = unset(body, field, asNull[i] ?? true)));
          return { data: { ...data, body }, mutation: `${name}: none of ${rule.fields.join(', ')} is non-null` };
        }),
      ];
    case 'non_null_requires':
      return [
        fc.tuple(valueOf(rule.field), fc.boolean()).map(([value, asNull]) => (data: RequestData) => ({
          data: { ...data, body: unset(setIn(data.body, at(rule.field), value), rule.requires, asNull) },
          mutation: `${name}: ${rule.field} without ${rule.requires}`,
        })),
      ];
    case 'pattern': {
      const matching = valueOf(rule.field).filter((v): v is string => typeof v === 'string');
      const nearMiss = fc.tuple(matching, fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }), fc.boolean()).map(([text, i, char, replace]) => {
        const chars = [...text];
        const index = chars.length ? i % chars.length : 0;
        chars.splice(index, replace ? 1 : 0, char);
        return chars.join('');
      });
      const schemaStrings = positiveArbitrary(ctx, s.properties?.[rule.field]).filter((v): v is string => typeof v === 'string');
      return [
        fc.oneof(nearMiss, schemaStrings).filter((value) => !rule.pattern.test(value)).map((value) => (data: RequestData) => ({
          data: { ...data, body: setIn(data.body, at(rule.field), value) },
          mutation: `${name}.${rule.field}: ${show(value)} does not match /${rule.source}/`,
        })),
      ];
    }
    case 'max_decimal_places': {
      const numberSchema = branchesOf(ctx, s.properties?.[rule.field] ?? {}).find((b) => b.type === 'number');
      if (!numberSchema) return [];
      const range = rangeOf(numberSchema);
      const finer = [1, 2, 3, 4].map((extra) => decimalsInRange(range, rule.places + extra)).filter((a) => a !== undefined);
      if (!finer.length) return [];
      return [
        fc.oneof(...finer).filter((v) => decimalPlaces(v) > rule.places).map((value) => (data: RequestData) => ({
          data: { ...data, body: setIn(data.body, at(rule.field), value) },
          mutation: `${name}.${rule.field}: ${value} has more than ${rule.places} decimal places`,
        })),
      ];
    }
  }
}

function parameterMutators(ctx: GenerationContext, validator: Validator, operation: Operation, ruleFile: RuleFile): Mutator[] {
  const mutators: Mutator[] = [];
  const replace = (data: RequestData, p: Parameter, value: unknown): RequestData => ({ ...data, [p.in]: { ...data[p.in as 'path'], [p.name]: value } });
  for (const p of generatedParameters(operation, ruleFile)) {
    if (p.required && p.in === 'query') {
      mutators.push(fc.constant((data: RequestData) => {
        const { [p.name]: _removed, ...rest } = data.query;
        return { data: { ...data, query: rest }, mutation: `query parameter ${p.name} removed` };
      }));
    }
    // On the wire every parameter is text: keep the texts the schema rejects.
    const texts = [...new Set([...WRONG_TYPE_VALUES, ...boundaryBreakers(ctx, p.schema)].filter((v) => v !== null && typeof v !== 'object').map(String))]
      .filter((text) => (p.in !== 'header' || /^[\x20-\x7e]*$/.test(text)) && (p.in !== 'path' || text !== ''))
      .filter((text) => !validator.isValid(p.pointer, coerceParameter(p, text)));
    if (texts.length) {
      mutators.push(fc.constantFrom(...texts).map((text) => (data: RequestData) => ({ data: replace(data, p, text), mutation: `${p.in} parameter ${p.name}: set to ${show(text)}` })));
    }
  }
  return mutators;
}

/** Negative requests for the operation, or undefined when nothing in it can be made invalid. */
export function negativeRequestArbitrary(
  ctx: GenerationContext,
  validator: Validator,
  operation: Operation,
  ruleFile: RuleFile,
  positive: fc.Arbitrary<RequestData>,
): fc.Arbitrary<NegativeRequest> | undefined {
  const mutators = [...bodyMutators(ctx, validator, operation), ...parameterMutators(ctx, validator, operation, ruleFile)];
  if (mutators.length === 0) return undefined;
  return fc.tuple(positive, fc.oneof(...mutators)).map(([data, mutate]) => mutate(data));
}

