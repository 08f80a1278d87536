// Is a generated value valid? The schema says (ajv, JSON Schema 2020-12), and so do the
// rule file's cross-field rules for every component schema the value passes through.
import fc from 'fast-check';
import { ruleViolations } from '../rules.js';
import { componentName, deref, type Schema } from '../spec.js';
import type { Validator } from '../validator.js';
import type { GenerationContext } from './positive.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How rule violations start (schema errors start with a JSON pointer). */
export const RULE_PREFIX = 'rule: ';

/** Rule violations anywhere inside `value`, following the schema down properties, items and branches. */
export function deepRuleViolations(ctx: GenerationContext, schema: Schema | undefined, value: unknown, at = 'body', depth = 0): string[] {
  if (schema === undefined || typeof schema !== 'object' || depth > 8) return [];
  const s = deref(ctx.document, schema);
  const found: string[] = [];
  const rules = ctx.rules.get(componentName(schema) ?? '');
  if (rules) found.push(...ruleViolations(rules, value).map((m) => `${RULE_PREFIX}${at}: ${m}`));
  if (isObject(value) && s.properties) {
    for (const [name, child] of Object.entries(value)) {
      const propertySchema = s.properties[name];
      if (propertySchema) found.push(...deepRuleViolations(ctx, propertySchema, child, `${at}.${name}`, depth + 1));
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => found.push(...deepRuleViolations(ctx, s.items, item, `${at}[${i}]`, depth + 1)));
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    const b = deref(ctx.document, branch);
    const objectBranch = b.type === 'object' || b.properties !== undefined;
    if ((isObject(value) && objectBranch) || (Array.isArray(value) && (b.type === 'array' || b.items))) {
      found.push(...deepRuleViolations(ctx, branch, value, at, depth + 1));
    }
  }
  return found;
}

/** Why the value is not acceptable at `pointer` (schema errors, then rule violations); empty when it is. */
export function invalidity(ctx: GenerationContext, validator: Validator, pointer: string, schema: Schema, value: unknown): string[] {
  const schemaErrors = validator.errors(pointer, value);
  if (schemaErrors.length) return schemaErrors;
  return deepRuleViolations(ctx, schema, value);
}

/**
 * `count` values of the arbitrary that `accept` keeps, deterministic for a seed. Draws in
 * rounds (never an unbounded filter), and returns fewer values if too few are accepted.
 */
export function sampleAccepted<T>(arbitrary: fc.Arbitrary<T>, accept: (value: T) => boolean, count: number, seed: number): T[] {
  const accepted: T[] = [];
  for (let round = 0; round < 12 && accepted.length < count; round++) {
    const drawn = fc.sample(arbitrary, { seed: (seed + round * 7919) | 0, numRuns: Math.max(16, (count - accepted.length) * 3) });
    for (const value of drawn) {
      if (accepted.length >= count) break;
      if (accept(value)) accepted.push(value);
    }
  }
  return accepted;
}
