// A typed client for the checkout-token API, on openapi-fetch. Every type comes from
// spec/openapi.yaml (the published package carries them: it needs nothing else). Calls return
// openapi-fetch's { data, error, response }: HTTP errors are values, typed from the spec;
// exceptions only for network failures (after retries) and aborts. Works in Node 20+ and browsers.
import type { components, operations, paths } from '@checkout/contract';
import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';
import { type RetryOptions, retryingFetch, retryPolicy } from './retry.js';

export type { components, operations, paths };
export type { Middleware } from 'openapi-fetch';
export { isSafeToRetry, retryAfterMs, type RetryOptions } from './retry.js';
type Schemas = components['schemas'];

export type CreateDeveloperTokenRequest = Schemas['CheckoutDeveloperTokenCreateRequest'];
export type CheckoutTokenEnvelope = Schemas['CommonResponse_CheckoutTokenResponse_'];
export type CheckoutToken = Schemas['CheckoutTokenResponse'];
/** `{ success: false, message, data: null, queryGeneratedTime, error_code? }`: every error but a 422. */
export type ErrorEnvelope = Schemas['CommonResponse_NoneType_'];
/** The 422 body: `{ detail: ValidationErrorItem[] }`, FastAPI/pydantic's shape. */
export type ValidationErrorList = Schemas['HTTPValidationError'];
/** One 422 item: `{ type, loc, msg, input?, ctx? }`, e.g. `{ type: 'greater_than', loc: ['body', 'amount'], … }`. */
export type ValidationErrorItem = Schemas['ValidationError'];
export type CheckoutSessionEnvelope = Schemas['CommonResponse_CheckoutSessionResponse_'];
export type CheckoutSession = Schemas['CheckoutSessionResponse'];

/** Narrows a call's `error` union to its 422 member (or `unknown` to the 422 body). */
type Narrowed<E, Member, Fallback> = unknown extends E ? Fallback : Extract<E, Member>;

/** True for a 422 body (the list of field problems); in the other branch, `error` is the envelope. */
export function isValidationError<E>(error: E): error is E & Narrowed<E, { detail: unknown }, ValidationErrorList> {
  return typeof error === 'object' && error !== null && Array.isArray((error as { detail?: unknown }).detail);
}

/** True for the error envelope (401, 409, 413, 429, 503, …). */
export function isErrorEnvelope<E>(error: E): error is E & Narrowed<E, { success: false }, ErrorEnvelope> {
  const e = error as Partial<ErrorEnvelope> | null;
  return typeof e === 'object' && e !== null && e.success === false && typeof e.message === 'string';
}

/**
 * The machine-readable reason of an error (`invalid_credentials`, `token_expired`,
 * `session_completed`, `rate_limited`, …; `validation_error` for a 422), or undefined.
 * Branch on this, not on messages.
 */
export function errorCodeOf(error: unknown): string | undefined {
  if (isValidationError(error)) return 'validation_error';
  return isErrorEnvelope(error) ? ((error as ErrorEnvelope).error_code ?? undefined) : undefined;
}

export interface CheckoutClientOptions {
  /** e.g. "https://checkout.example.com" */
  baseUrl: string;
  /** Server-to-server credentials for createDeveloperToken; never put them in a browser. */
  apiKey?: string;
  apiSecret?: string;
  /** A custom fetch (proxies, timeouts, tests). */
  fetch?: ClientOptions['fetch'];
  /** openapi-fetch middleware, e.g. for logging or tracing; it sees each call once, after retries. */
  middleware?: Middleware[];
  /** Retries of reads and of token creation with an Idempotency-Key; `false` turns them off. */
  retry?: RetryOptions | false;
}

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the request, and any wait before a retry. */
  signal?: AbortSignal;
}

function randomKey(): string | undefined {
  return typeof globalThis.crypto?.randomUUID === 'function' ? globalThis.crypto.randomUUID() : undefined;
}

export function createCheckoutClient(options: CheckoutClientOptions) {
  const policy = retryPolicy(options.retry);
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: retryingFetch(baseFetch, policy),
  });
  for (const m of options.middleware ?? []) raw.use(m);

  function credentials() {
    if (options.apiKey === undefined || options.apiSecret === undefined) {
      throw new Error('createDeveloperToken needs apiKey and apiSecret in createCheckoutClient options');
    }
    return { 'X-Api-Key': options.apiKey, 'X-Api-Secret': options.apiSecret };
  }

  // The token goes in a header, never in a URL (URLs end up in logs and Referer headers).
  const bearer = (checkoutToken: string) => ({ Authorization: `Bearer ${checkoutToken}` });
  const signalOf = (call: CallOptions) => (call.signal ? { signal: call.signal } : {});

  return {
    /** The underlying openapi-fetch client, typed by every path of the spec (with the same retries). */
    raw,

    /**
     * POST /api/checkout/token/developer: mint a checkout token for the SDK (server-side only).
     * With `idempotencyKey` (e.g. your order id), a repeat returns the same token, and the call
     * is retried on network failures, 429 and 503; without one it is sent once.
     */
    createDeveloperToken(body: CreateDeveloperTokenRequest, call: CallOptions & { idempotencyKey?: string } = {}) {
      const idempotencyKey = call.idempotencyKey ?? (policy.generateIdempotencyKeys && policy.attempts > 1 ? randomKey() : undefined);
      const header = { ...credentials(), ...(idempotencyKey !== undefined ? { 'Idempotency-Key': idempotencyKey } : {}) };
      return raw.POST('/api/checkout/token/developer', { params: { header }, body, ...signalOf(call) });
    },

    /**
     * GET /api/checkout/session — SDK-facing: the session behind a checkout token.
     * Safe in browsers: it needs only the token, never the API secret. Retried when safe.
     */
    getSession(checkoutToken: string, call: CallOptions = {}) {
      return raw.GET('/api/checkout/session', { headers: bearer(checkoutToken), ...signalOf(call) });
    },

    /** POST /api/checkout/session/confirm — SDK-facing: completes an open session, once (409 after). Never retried. */
    confirm(checkoutToken: string, call: CallOptions = {}) {
      return raw.POST('/api/checkout/session/confirm', { headers: bearer(checkoutToken), ...signalOf(call) });
    },

    /** GET /readyz */
    readiness(call: CallOptions = {}) {
      return raw.GET('/readyz', { ...signalOf(call) });
    },
  };
}

export type CheckoutClient = ReturnType<typeof createCheckoutClient>;
