// The generators: positive requests satisfy the schema and the rule file, negative ones
// break them (and each breaks what its label says), boundaries are generated, and the
// same seed gives the same cases.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decimalPlaces, loadContract, negativeSamples, positiveSamples } from '../src/index.js';

const SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const contract = loadContract(SPEC);
const operation = contract.allOperations.find((o) => o.id === 'create_developer_checkout_token_api_checkout_token_developer_post')!;
const bodyPointer = operation.requestBody!.pointer;
const positives = positiveSamples(contract, operation, 400, 1);
const negatives = negativeSamples(contract, operation, 400, 1);
const bodies = positives.map((p) => p.body as Record<string, unknown>);

const nonNull = (v: unknown) => v !== undefined && v !== null;
const phoneOk = (v: unknown) => typeof v !== 'string' || /^\d{5,}$/.test(v.replace(/[\s.()-]/g, ''));
const countryOk = (v: unknown) => typeof v !== 'string' || /^\s*\+?\d{1,4}\s*$/.test(v);
/** The rules of the token request, restated here by hand (independent of the rule file's parser). */
const rulesHold = (b: Record<string, unknown>) =>
  (nonNull(b.email) || nonNull(b.phone)) &&
  (!nonNull(b.phone) || nonNull(b.phone_country_code)) &&
  phoneOk(b.phone) &&
  countryOk(b.phone_country_code) &&
  (typeof b.currency !== 'string' || !/[\u0000-\u001f\u007f]/.test(b.currency)) &&
  (typeof b.amount !== 'number' || decimalPlaces(b.amount) <= 8);

describe('positive generation', () => {
  it('makes as many cases as asked', () => {
    expect(positives).toHaveLength(400);
  });

  it('every positive body validates against the schema (JSON Schema 2020-12)', () => {
    for (const body of bodies) expect(contract.validator.errors(bodyPointer, body), JSON.stringify(body)).toEqual([]);
  });

  it('every positive body satisfies the cross-field rules', () => {
    for (const body of bodies) expect(rulesHold(body), JSON.stringify(body)).toBe(true);
  });

  it('reaches the boundaries: amount at its maximum and just above its exclusive minimum', () => {
    const amounts = bodies.map((b) => b.amount as number);
    expect(amounts).toContain(100000);
    expect(amounts).toContain(0.00000001);
    expect(Math.min(...amounts)).toBeGreaterThan(0);
  });

  it('reaches string length bounds and the null branches of anyOf', () => {
    const phones = bodies.map((b) => b.phone).filter((p): p is string => typeof p === 'string');
    const currencies = bodies.map((b) => b.currency).filter((c): c is string => typeof c === 'string');
    expect(phones.some((p) => [...p].length === 20)).toBe(true);
    expect(currencies.some((c) => [...c].length === 3)).toBe(true);
    expect(currencies.some((c) => [...c].length === 10)).toBe(true);
    expect(bodies.some((b) => b.email === null)).toBe(true);
    expect(bodies.some((b) => b.phone === null)).toBe(true);
    expect(bodies.some((b) => !('currency' in b))).toBe(true);
  });

  it('generates emails in the format the schema names, and phones that need their separators ignored', () => {
    expect(bodies.filter((b) => typeof b.email === 'string').length).toBeGreaterThan(50);
    expect(bodies.some((b) => typeof b.phone === 'string' && /[\s.()-]/.test(b.phone))).toBe(true);
  });

  it('is deterministic for a seed, and differs across seeds', () => {
    expect(positiveSamples(contract, operation, 50, 1)).toEqual(positives.slice(0, 50));
    expect(positiveSamples(contract, operation, 50, 2)).not.toEqual(positives.slice(0, 50));
  });
});

describe('negative generation', () => {
  it('makes as many cases as asked, each invalid by the schema or exactly one rule', () => {
    expect(negatives).toHaveLength(400);
    for (const n of negatives) {
      const body = n.data.body;
      const schemaValid = body !== undefined && contract.validator.errors(bodyPointer, body).length === 0;
      const headerMutation = n.mutation.startsWith('header parameter ');
      expect(headerMutation || !schemaValid || !rulesHold(body as Record<string, unknown>), `${n.mutation}: ${JSON.stringify(body)}`).toBe(true);
      // A valid body means the one mutation is elsewhere (a rule, or a header parameter, whose
      // schema may report more than one reason for the same broken value).
      if (schemaValid) expect(n.reasons?.length ?? 0, n.mutation).toBeGreaterThanOrEqual(1);
      if (schemaValid && rulesHold(body as Record<string, unknown>)) expect(n.mutation, n.mutation).toMatch(/^header parameter /);
    }
  });

  it('covers every kind of mutation: missing body, wrong body type, removed required property, bounds, formats, each rule', () => {
    const labels = negatives.map((n) => n.mutation);
    const expectations = [
      /^the request body is missing$/,
      /^body: set to /,
      /^body\.amount: required property removed$/,
      /^body\.amount: set to /,
      /^body\.email: set to /,
      /^body\.phone: set to /,
      /^body\.currency: set to /,
      /^body: none of email, phone is non-null$/,
      /^body: phone without phone_country_code$/,
      /^body\.phone: .* does not match/,
      /^body\.phone_country_code: .* does not match/,
      /^body\.amount: .* has more than 8 decimal places$/,
    ];
    for (const pattern of expectations) expect(labels.some((l) => pattern.test(l)), String(pattern)).toBe(true);
  });

  it('breaks the bounds on both sides: above maximum, at or below the exclusive minimum, over maxLength', () => {
    const amounts = negatives.map((n) => (n.data.body as Record<string, unknown> | undefined)?.amount).filter((a): a is number => typeof a === 'number');
    expect(amounts.some((a) => a > 100000)).toBe(true);
    expect(amounts.some((a) => a <= 0)).toBe(true);
    expect(negatives.some((n) => n.reasons?.some((r) => /currency must NOT have more than 10 characters/.test(r)))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(negativeSamples(contract, operation, 40, 1).map((n) => n.mutation)).toEqual(negatives.slice(0, 40).map((n) => n.mutation));
  });
});
