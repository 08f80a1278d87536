// Domain rules of a token request that the schema cannot state.
import { describe, expect, it } from 'vitest';
import { RequestInvalid } from '../src/domain/errors.js';
import { parseTokenRequest, toDecimalString } from '../src/domain/token-request.js';
import { emailReason, jsonErrorOffset } from '../src/http/validation-errors.js';

describe('amounts', () => {
  it.each([
    [19.99, '19.99'],
    [100000, '100000'],
    [0.1, '0.1'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [99999.99999999, '99999.99999999'],
  ])('%d is stored as the exact decimal %s', (value, text) => {
    expect(toDecimalString(value)).toBe(text);
  });

  it('refuses more than 8 decimal places rather than round them', () => {
    expect(() => parseTokenRequest({ amount: 0.123456789, email: 'a@example.com' })).toThrow(RequestInvalid);
    expect(parseTokenRequest({ amount: 0.12345678, email: 'a@example.com' }).amount).toBe('0.12345678');
  });
});

describe('payer identity', () => {
  it('normalises the email: trimmed and lower-cased', () => {
    expect(parseTokenRequest({ amount: 1, email: 'Jane.Doe@Example.COM' }).identity).toEqual({ kind: 'email', email: 'jane.doe@example.com' });
  });

  it('normalises the phone to digits and the country code to +digits', () => {
    expect(parseTokenRequest({ amount: 1, phone: '(555) 000-1234', phone_country_code: '44' }).identity).toEqual({
      kind: 'phone',
      phone: '5550001234',
      phoneCountryCode: '+44',
    });
  });

  it('prefers the email when both are given', () => {
    expect(parseTokenRequest({ amount: 1, email: 'a@example.com', phone: '5550001234', phone_country_code: '+1' }).identity.kind).toBe('email');
  });

  it('upper-cases the currency and defaults it to USD', () => {
    expect(parseTokenRequest({ amount: 1, email: 'a@example.com', currency: 'eur' }).currency).toBe('EUR');
    expect(parseTokenRequest({ amount: 1, email: 'a@example.com' }).currency).toBe('USD');
  });

  it('reports field errors before (and instead of) the cross-field rule', () => {
    try {
      parseTokenRequest({ amount: 1, phone: 'abcde' });
      expect.unreachable();
    } catch (error) {
      expect((error as RequestInvalid).issues.map((i) => i.loc)).toEqual([['body', 'phone']]);
    }
  });
});

describe('pydantic-compatible messages', () => {
  it.each([
    ['plain', 'An email address must have an @-sign.'],
    ['@example.com', 'There must be something before the @-sign.'],
    ['jane@', 'There must be something after the @-sign.'],
    ['a@b@c.com', 'The email address is not valid. It must have exactly one @-sign.'],
    ['jane@localhost', 'The part after the @-sign is not valid. It should have a period.'],
  ])('email %s → %s', (value, reason) => {
    expect(emailReason(value)).toBe(reason);
  });

  it.each([
    ['{"a": 1,}', 8],
    // Python's json module would say 6 (start of the bad literal); V8 stops at the first impossible character.
    ['{"a": tru}', 9],
    ['{"a": 1} x', 9],
    ['[1, 2', 5],
    ['', 0],
  ])('JSON %j fails at offset %i', (text, offset) => {
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(jsonErrorOffset(text, message)).toBe(offset);
  });
});
