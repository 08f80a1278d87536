// Authentication behind the brute-force guard: a client address that failed too often is
// refused before any credential is checked, and every refused credential is counted.
import { AppError, type ErrorCode } from './errors.js';
import type { RateLimits } from './rate-limits.js';

/** The codes of a refused credential: what counts as a failed authentication. */
const AUTHENTICATION_FAILURES: ReadonlySet<ErrorCode> = new Set(['invalid_credentials', 'token_missing', 'token_invalid', 'token_expired']);

export async function guardedAuthentication<T>(limits: RateLimits, clientAddress: string, authenticate: () => Promise<T>): Promise<T> {
  await limits.assertNotBlocked(clientAddress);
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof AppError && AUTHENTICATION_FAILURES.has(error.code)) await limits.recordAuthFailure(clientAddress);
    throw error;
  }
}
