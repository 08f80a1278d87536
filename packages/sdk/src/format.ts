// Pure formatting helpers: amounts, countdowns, the masked payer. No DOM here.
import type { CheckoutSession } from '@checkout/client';

/** A BCP 47 locale Intl accepts, or undefined (the browser's own) when it does not. */
export function usableLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.NumberFormat.supportedLocalesOf(locale).length > 0 ? locale : undefined;
  } catch {
    return undefined; // malformed tag
  }
}

/** Digits after the decimal point that the amount really has (the API stores up to 8). */
export function decimalPlaces(amount: number): number {
  const fixed = amount.toFixed(8).replace(/0+$/, '');
  const dot = fixed.indexOf('.');
  return dot === -1 ? 0 : fixed.length - dot - 1;
}

/**
 * The amount in the currency's own format ("$49.99", "49,99 €", "¥500"). Never rounds the amount:
 * extra decimals beyond the currency's minor unit are shown. A code Intl refuses (the API accepts
 * 3–10 characters, e.g. "USDT") falls back to "49.99 USDT".
 */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  const decimals = decimalPlaces(amount);
  const lang = usableLocale(locale);
  try {
    const standard = new Intl.NumberFormat(lang, { style: 'currency', currency });
    const minor = standard.resolvedOptions().maximumFractionDigits ?? 2;
    if (decimals <= minor) return standard.format(amount);
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: minor,
      maximumFractionDigits: decimals,
    }).format(amount);
  } catch {
    const digits = Math.max(2, decimals);
    const number = new Intl.NumberFormat(lang, { minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits });
    return `${number.format(amount)} ${currency}`;
  }
}

/** Whole seconds left, rounded up, so "0:00" is only ever shown once the time is really up. */
export function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** "14:59", or "1:02:03" past an hour. */
export function formatCountdown(ms: number): string {
  const total = secondsLeft(ms);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The same remaining time as an ISO 8601 duration, for <time datetime>: "PT14M59S". */
export function isoDuration(ms: number): string {
  const total = secondsLeft(ms);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h > 0 ? `${h}H` : ''}${h > 0 || m > 0 ? `${m}M` : ''}${s}S`;
}

/** The payer as the API masked it: "j***@example.com" or "+1 •••1234"; null when neither is known. */
export function formatPayer(payer: CheckoutSession['payer']): string | null {
  if (payer.email) return payer.email;
  if (payer.phone) return [payer.phone_country_code, payer.phone].filter(Boolean).join(' ');
  return null;
}

/** A date-time for people ("25 Nov 2026, 18:40"), in the given locale. */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(usableLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
