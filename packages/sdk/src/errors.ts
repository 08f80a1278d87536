// The one error type the SDK hands to onError. `code` is what callers branch on;
// `message` is for logs (the text shown to the payer comes from the view).

export type CheckoutErrorCode =
  /** The API could not be reached (offline, DNS, CORS refusal, timeout). Retryable. */
  | 'network'
  /** The API answered with an unexpected status or body (5xx, 404, not JSON). Retryable. */
  | 'server'
  /** The token is missing, malformed, tampered with or signed by another key. */
  | 'invalid_token'
  /** The token is authentic but past its expiry. */
  | 'token_expired'
  /** The session's expiry passed before it was paid. */
  | 'session_expired'
  /** The session was already paid (on load, or a confirm answered 409). */
  | 'already_completed';

const RETRYABLE: ReadonlySet<CheckoutErrorCode> = new Set(['network', 'server']);

export class CheckoutError extends Error {
  override name = 'CheckoutError';
  readonly code: CheckoutErrorCode;
  /** The HTTP status, when the API answered; null for network failures and client-side expiry. */
  readonly status: number | null;

  constructor(code: CheckoutErrorCode, message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? null;
  }

  /** True when trying the same call again can succeed (the view then offers Retry). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}
