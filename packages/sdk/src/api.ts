// The two SDK-facing calls, through @checkout/client (which puts the token in the
// Authorization header and nowhere else), turned into outcomes the state machine reads.
import { type CheckoutSession, createCheckoutClient } from '@checkout/client';
import { CheckoutError } from './errors.js';

/** The API's machine-readable code for an authentic token past its `exp` (the envelope's `error_code`). */
const TOKEN_EXPIRED_CODE = 'token_expired';
/** The same, for a server that predates `error_code`: its message. */
const TOKEN_EXPIRED_MESSAGE = 'Checkout token has expired';
const REQUEST_TIMEOUT_MS = 15_000;

export type ApiOutcome =
  | { ok: true; session: CheckoutSession; serverTime: number | null }
  /** `session`: what the API said about the session when a confirm was refused (409). */
  | { ok: false; error: CheckoutError; serverTime: number | null; session?: CheckoutSession };

/** What openapi-fetch returns for either call, as far as this module reads it. */
interface RawResult {
  data?: { data?: CheckoutSession | null } | undefined;
  error?: unknown;
  response: Response;
}

export interface CheckoutApi {
  getSession(): Promise<ApiOutcome>;
  /** Confirms; a 409 is followed by a read of the session to tell "already paid" from "expired". */
  confirm(): Promise<ApiOutcome>;
}

export function createApi(options: { baseUrl: string; token: string; signal: AbortSignal; timeoutMs?: number }): CheckoutApi {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const client = createCheckoutClient({
    baseUrl: options.baseUrl,
    // The SDK shows network and server errors with a Retry button of its own; the client does not retry behind it.
    retry: false,
    // No cookies, no HTTP cache: the token is the only credential, and a session changes.
    fetch: (request) =>
      globalThis.fetch(request, { signal: withTimeout(options.signal, timeoutMs), credentials: 'omit', cache: 'no-store' }),
  });

  async function call(run: () => Promise<RawResult>): Promise<ApiOutcome> {
    let result: RawResult;
    try {
      result = await run();
    } catch (cause) {
      // fetch rejects on network failures, CORS refusals, aborts and timeouts; a 200 that is
      // not JSON rejects with a SyntaxError.
      const code = cause instanceof SyntaxError ? 'server' : 'network';
      return { ok: false, error: new CheckoutError(code, describe(cause), { cause }), serverTime: null };
    }
    const { data, error, response } = result;
    const serverTime = readServerTime(data ?? error);
    if (response.ok && data?.data) return { ok: true, session: data.data, serverTime };
    const envelopeMessage = (error as { message?: unknown } | undefined)?.message;
    const message = typeof envelopeMessage === 'string' ? envelopeMessage : `HTTP ${response.status}`;
    if (response.status === 401) {
      const errorCode = (error as { error_code?: unknown } | undefined)?.error_code;
      const expired = errorCode === TOKEN_EXPIRED_CODE || message === TOKEN_EXPIRED_MESSAGE || isPastExpiry(options.token, serverTime);
      return { ok: false, error: new CheckoutError(expired ? 'token_expired' : 'invalid_token', message, { status: 401 }), serverTime };
    }
    return { ok: false, error: new CheckoutError('server', message, { status: response.status }), serverTime };
  }

  const getSession = () => call(() => client.getSession(options.token));

  return {
    getSession,
    async confirm() {
      const outcome = await call(() => client.confirm(options.token));
      if (outcome.ok || outcome.error.status !== 409) return outcome;
      // 409: paid already, or expired. Ask the session rather than parse the message.
      const current = await getSession();
      if (!current.ok) {
        if (current.error.code !== 'token_expired') return outcome; // could not tell: retryable
        return { ok: false, error: new CheckoutError('session_expired', outcome.error.message, { status: 409 }), serverTime: current.serverTime };
      }
      const code = current.session.status === 'completed' ? 'already_completed' : 'session_expired';
      return { ok: false, error: new CheckoutError(code, outcome.error.message, { status: 409 }), serverTime: current.serverTime, session: current.session };
    },
  };
}

/** The envelope's queryGeneratedTime (seconds) in milliseconds: the server's clock, for the countdown. */
function readServerTime(body: unknown): number | null {
  const t = (body as { queryGeneratedTime?: unknown } | undefined)?.queryGeneratedTime;
  return typeof t === 'number' && Number.isFinite(t) ? t * 1000 : null;
}

/** Whether the token's own `exp` claim (read, not verified: the server verifies) is past at serverTime. */
function isPastExpiry(token: string, serverTime: number | null): boolean {
  const payload = token.split('.')[1];
  if (!payload || serverTime === null) return false;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 <= serverTime;
  } catch {
    return false;
  }
}

/** The caller's signal (unmount) combined with a per-request timeout. */
function withTimeout(signal: AbortSignal, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([signal, timeout]);
  const controller = new AbortController();
  const abort = (reason: unknown) => controller.abort(reason);
  if (signal.aborted) abort(signal.reason);
  signal.addEventListener('abort', () => abort(signal.reason), { once: true });
  timeout.addEventListener('abort', () => abort(timeout.reason), { once: true });
  return controller.signal;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.name === 'TimeoutError' ? 'The request timed out' : cause.message;
  return String(cause);
}
