// Amount, countdown and payer formatting (pure functions; Node's full ICU stands in for the browser's Intl).
import { describe, expect, it } from 'vitest';
import { decimalPlaces, formatAmount, formatCountdown, formatPayer, isoDuration, usableLocale } from '../src/format.js';

describe('formatAmount', () => {
  it('formats in the currency and locale given', () => {
    expect(formatAmount(49.99, 'USD', 'en-US')).toBe('$49.99');
    expect(formatAmount(49.99, 'EUR', 'de-DE')).toBe('49,99\u00a0€');
    expect(formatAmount(500, 'JPY', 'en-US')).toBe('¥500');
    expect(formatAmount(1234.5, 'GBP', 'en-GB')).toBe('£1,234.50');
  });

  it('never rounds away decimals the amount has beyond the currency minor unit', () => {
    expect(formatAmount(49.999, 'USD', 'en-US')).toBe('$49.999');
    expect(formatAmount(0.00000001, 'USD', 'en-US')).toBe('$0.00000001');
    expect(formatAmount(500.5, 'JPY', 'en-US')).toBe('¥500.5');
  });

  it('when Intl refuses the currency code, falls back to the number and the code', () => {
    expect(formatAmount(49.99, 'USDT', 'en-US')).toBe('49.99 USDT');
    expect(formatAmount(5, 'BITCOIN', 'en-US')).toBe('5.00 BITCOIN');
    expect(formatAmount(0.12345, 'USDT', 'en-US')).toBe('0.12345 USDT');
  });

  it('shows a well-formed but unknown code as Intl does, with the code', () => {
    expect(formatAmount(10, 'XYZ', 'en-US')).toMatch(/^XYZ\s10\.00$/);
  });

  it('ignores a malformed locale instead of throwing', () => {
    expect(usableLocale('not a locale!')).toBeUndefined();
    expect(() => formatAmount(1, 'USD', 'not a locale!')).not.toThrow();
  });
});

describe('decimalPlaces', () => {
  it('counts the digits the amount really has, up to the 8 the API stores', () => {
    expect([decimalPlaces(49), decimalPlaces(49.9), decimalPlaces(49.99), decimalPlaces(0.00000001), decimalPlaces(100000)]).toEqual([0, 1, 2, 8, 0]);
  });
});

describe('countdown', () => {
  it('rounds up to whole seconds so 0:00 means the time is really up', () => {
    expect(formatCountdown(900_000)).toBe('15:00');
    expect(formatCountdown(899_001)).toBe('15:00');
    expect(formatCountdown(899_000)).toBe('14:59');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5000)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });

  it('gives <time> a valid ISO 8601 duration', () => {
    expect(isoDuration(899_000)).toBe('PT14M59S');
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S');
    expect(isoDuration(3_600_000)).toBe('PT1H0M0S');
    expect(isoDuration(0)).toBe('PT0S');
  });
});

describe('formatPayer', () => {
  it('shows the masked email, else the masked phone with its country code, else nothing', () => {
    expect(formatPayer({ email: 'j***@example.com', phone: null, phone_country_code: null })).toBe('j***@example.com');
    expect(formatPayer({ email: null, phone: '•••1234', phone_country_code: '+1' })).toBe('+1 •••1234');
    expect(formatPayer({ email: null, phone: '•••1234', phone_country_code: null })).toBe('•••1234');
    expect(formatPayer({ email: null, phone: null, phone_country_code: null })).toBeNull();
  });
});
