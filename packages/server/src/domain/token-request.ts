// The rules of a token request that JSON Schema cannot state: normalisation of the
// payer's identity, the email-OR-phone rule, and an amount that stores exactly.
// Field rules are checked first; the cross-field rule only when every field is valid
// (as a pydantic model validator would).
import type { Schemas } from '@checkout/contract';
import type { PayerIdentity } from '../storage/index.js';
import { RequestInvalid, type ValidationIssue, valueError } from './errors.js';

export type TokenRequestBody = Schemas['CheckoutDeveloperTokenCreateRequest'];

export interface TokenRequest {
  identity: PayerIdentity;
  /** Exact decimal string, e.g. "19.99". */
  amount: string;
  /** Upper-cased, e.g. "USD". */
  currency: string;
}

export const MAX_AMOUNT_DECIMALS = 8;

/** The shortest decimal that round-trips to this number, without exponent notation. */
export function toDecimalString(value: number): string {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, intPart = '', fracPart = '', expText = '0'] = match;
  const digits = intPart + fracPart;
  const point = intPart.length + Number(expText);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function decimals(decimal: string): number {
  return decimal.split('.')[1]?.length ?? 0;
}

/**
 * @param body the schema-valid body (defaults applied)
 * @param sent the body as sent, reported as the input of a cross-field error (as pydantic does);
 *   a function, so the body is re-read only when such an error is reported
 */
export function parseTokenRequest(body: TokenRequestBody, sent: () => unknown = () => body): TokenRequest {
  const issues: ValidationIssue[] = [];

  let phone: string | undefined;
  if (body.phone != null) {
    const stripped = body.phone.replace(/[\s.()-]/g, '');
    if (!/^\d+$/.test(stripped)) {
      issues.push(valueError(['body', 'phone'], 'phone must contain digits only (spaces, dots, dashes and parentheses are ignored)', body.phone));
    } else if (stripped.length < 5) {
      issues.push(valueError(['body', 'phone'], 'phone must have at least 5 digits', body.phone));
    } else {
      phone = stripped;
    }
  }

  let countryCode: string | undefined;
  if (body.phone_country_code != null) {
    const match = /^\s*\+?(\d{1,4})\s*$/.exec(body.phone_country_code);
    if (!match) {
      issues.push(valueError(['body', 'phone_country_code'], 'phone_country_code must be 1 to 4 digits with an optional leading +', body.phone_country_code));
    } else {
      countryCode = `+${match[1]}`;
    }
  }

  // PostgreSQL text cannot hold U+0000, and no currency code has control characters.
  if (body.currency !== undefined && /[\u0000-\u001f\u007f]/.test(body.currency)) {
    issues.push(valueError(['body', 'currency'], 'currency must not contain control characters', body.currency));
  }

  const amount = toDecimalString(body.amount);
  if (decimals(amount) > MAX_AMOUNT_DECIMALS) {
    issues.push(valueError(['body', 'amount'], `amount must have at most ${MAX_AMOUNT_DECIMALS} decimal places`, body.amount));
  }

  if (issues.length > 0) throw new RequestInvalid(issues);

  const currency = (body.currency ?? 'USD').trim().toUpperCase();
  const email = body.email?.trim().toLowerCase();
  // The spec's rules, in order: a phone needs its country code (even next to an email); then email OR phone.
  if (phone !== undefined && countryCode === undefined) {
    throw new RequestInvalid([valueError(['body'], 'phone_country_code is required when phone is provided', sent())]);
  }
  if (email) return { identity: { kind: 'email', email }, amount, currency };
  if (phone !== undefined && countryCode !== undefined) {
    return { identity: { kind: 'phone', phone, phoneCountryCode: countryCode }, amount, currency };
  }
  throw new RequestInvalid([valueError(['body'], 'Provide either email or phone with phone_country_code', sent())]);
}
