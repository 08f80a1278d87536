// Retries, only where they are safe: reads (GET, HEAD, OPTIONS), and a POST that carries an
// Idempotency-Key (the server answers a repeat with the first response, not a second token).
// Any other POST — a confirm — is sent exactly once. A retry happens after a network failure,
// or a 429, 502, 503 or 504 (and a 409 with Retry-After: the first request with that key is
// still running). Retry-After is honoured; without it the wait grows exponentially, with jitter.
// Attempts and waits are bounded, and an AbortSignal cancels the request and any wait.

export interface RetryOptions {
  /** Attempts in all, the first included; 1 turns retries off. Default 3. */
  attempts?: number;
  /** The first wait without Retry-After, in ms; doubled for each further retry, with jitter. Default 250. */
  baseDelayMs?: number;
  /** The longest wait; a Retry-After beyond it is not waited for (its response is returned). Default 10 000. */
  maxDelayMs?: number;
  /**
   * Give every createDeveloperToken call without an `idempotencyKey` a random one, so that it
   * too can be retried. Default false: the server then stores each token response for 24 h.
   */
  generateIdempotencyKeys?: boolean;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 10_000, generateIdempotencyKeys: false };

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, attempts: 1 };
  const policy = { ...DEFAULT_RETRY, ...options };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1 || policy.attempts > 10) throw new RangeError('retry.attempts must be a whole number from 1 to 10');
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0)) throw new RangeError('retry delays must be zero or more milliseconds');
  return policy;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** A request that may be sent again without doing twice what it asks for. */
export function isSafeToRetry(request: Request): boolean {
  const method = request.method.toUpperCase();
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || (method === 'POST' && request.headers.has('Idempotency-Key'));
}

/** Retry-After (seconds, or an HTTP date) in ms; undefined when absent or unreadable. */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const value = response.headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function shouldRetryResponse(request: Request, response: Response): boolean {
  if (RETRY_STATUSES.has(response.status)) return true;
  // 409 with Retry-After: the first request with this Idempotency-Key is still running.
  return response.status === 409 && request.headers.has('Idempotency-Key') && response.headers.has('Retry-After');
}

/** fetch rejects with a TypeError on network failures; an abort or timeout is a DOMException. */
const isNetworkFailure = (error: unknown) => error instanceof TypeError;

function backoff(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A fetch for openapi-fetch that retries what is safe to retry, as `policy` says. */
export function retryingFetch(fetchImpl: (request: Request) => Promise<Response>, policy: RetryPolicy): (request: Request) => Promise<Response> {
  return async (request) => {
    if (policy.attempts <= 1 || !isSafeToRetry(request)) return fetchImpl(request);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.attempts;
      let response: Response;
      try {
        // Each attempt sends a copy: a request's body can be read only once.
        response = await fetchImpl(last ? request : request.clone());
      } catch (error) {
        if (last || request.signal?.aborted || !isNetworkFailure(error)) throw error;
        await sleep(backoff(policy, attempt), request.signal);
        continue;
      }
      if (last || !shouldRetryResponse(request, response)) return response;
      const wait = retryAfterMs(response) ?? backoff(policy, attempt);
      if (wait > policy.maxDelayMs) return response;
      await response.body?.cancel().catch(() => {});
      await sleep(wait, request.signal);
    }
  };
}
