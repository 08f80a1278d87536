// The rule file: the format the kit reads, what each rule means, and clear errors.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decimalPlaces, loadRuleFile, parseRuleFile, ruleViolations } from '../src/index.js';
import { authPlan } from '../src/auth.js';
import { loadDocument, operationsOf } from '../src/spec.js';
import { loadContract } from '../src/runner.js';

describe('the rule file', () => {
  it("spec/contract-rules.yaml names our credential headers and the token request's rules", () => {
    const rules = loadRuleFile(fileURLToPath(new URL('../../../spec/contract-rules.yaml', import.meta.url)));
    expect([...rules.credentialHeaders]).toEqual([
      ['x-api-key', 'api_key'],
      ['x-api-secret', 'api_secret'],
    ]);
    expect(rules.rules.get('CheckoutDeveloperTokenCreateRequest')?.map((r) => r.kind)).toEqual(['at_least_one_non_null', 'non_null_requires', 'pattern', 'pattern', 'max_decimal_places', 'pattern']);
  });

  const [atLeastOne, requires, phone, country, decimals] = loadRuleFile(fileURLToPath(new URL('../../../spec/contract-rules.yaml', import.meta.url))).rules.get('CheckoutDeveloperTokenCreateRequest')!;

  it('at least one of email or phone must be non-null', () => {
    expect(ruleViolations([atLeastOne!], { email: 'a@b.co' })).toEqual([]);
    expect(ruleViolations([atLeastOne!], { phone: '12345' })).toEqual([]);
    expect(ruleViolations([atLeastOne!], { email: null, phone: null })).toHaveLength(1);
  });

  it('a non-null phone needs a non-null phone_country_code', () => {
    expect(ruleViolations([requires!], { phone: '12345', phone_country_code: '+1' })).toEqual([]);
    expect(ruleViolations([requires!], { phone: '12345', phone_country_code: null })).toHaveLength(1);
    expect(ruleViolations([requires!], { email: 'a@b.co', phone: null })).toEqual([]);
  });

  it('a phone is at least 5 digits once spaces, dots, dashes and parentheses are removed', () => {
    for (const ok of ['12345', '(555) 000-1234', '555.000.1234', ' 1 2 3 4 5 ']) expect(ruleViolations([phone!], { phone: ok }), ok).toEqual([]);
    for (const bad of ['1234', '(12) 34', '555-000-12x4', '+15550001234', '12345/6']) expect(ruleViolations([phone!], { phone: bad }), bad).toHaveLength(1);
  });

  it('a country code is 1 to 4 digits with an optional +, surrounding spaces allowed', () => {
    for (const ok of ['1', '+1', ' +44 ', '1234']) expect(ruleViolations([country!], { phone_country_code: ok }), ok).toEqual([]);
    for (const bad of ['', '+', '12345', '++1', '1a', '+ 1']) expect(ruleViolations([country!], { phone_country_code: bad }), bad).toHaveLength(1);
  });

  it('an amount has at most 8 decimal places, also when JavaScript prints it with an exponent', () => {
    expect(decimalPlaces(19.99)).toBe(2);
    expect(decimalPlaces(1e-8)).toBe(8);
    expect(decimalPlaces(1e-9)).toBe(9);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(100000)).toBe(0);
    expect(ruleViolations([decimals!], { amount: 0.12345678 })).toEqual([]);
    expect(ruleViolations([decimals!], { amount: 0.123456789 })).toHaveLength(1);
  });

  it('rejects unknown keys and rules with a message that says what is expected', () => {
    expect(() => parseRuleFile('checks: []')).toThrow(/unknown key "checks"/);
    expect(() => parseRuleFile('rules:\n  X:\n    - { field: a, minimum: 1 }\n')).toThrow(/not a rule the kit knows/);
    expect(() => parseRuleFile("rules:\n  X:\n    - { field: a, pattern: '(' }\n")).toThrow(/not a valid regular expression/);
  });

  it('must agree with the spec: schemas and operations it names exist', () => {
    const spec = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
    const rules = fileURLToPath(new URL('./fixtures/unknown-schema-rules.yaml', import.meta.url));
    expect(() => loadContract(spec, rules)).toThrow(/rules name schema NoSuchSchema, which is not in components.schemas/);
  });

  it('sends a header once when the spec declares it both as a credential parameter and as an apiKey scheme', () => {
    const spec = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
    const rules = loadRuleFile(fileURLToPath(new URL('../../../spec/contract-rules.yaml', import.meta.url)));
    expect([...rules.apiKeySchemes]).toEqual([
      ['apiKey', 'api_key'],
      ['apiSecret', 'api_secret'],
    ]);
    const document = loadDocument(spec);
    const developer = operationsOf(document).find((o) => o.path === '/api/checkout/token/developer')!;
    const plan = authPlan(document, rules, developer);
    expect(plan.unsupported).toEqual([]);
    expect(plan.placements.map((p) => (p.kind === 'credential-header' ? p.header : p.kind))).toEqual(['X-Api-Key', 'X-Api-Secret']);
  });
});
