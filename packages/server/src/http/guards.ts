// Authentication wrapped in the brute-force guard: a client address that failed too
// often is refused before any credential is checked, and every failure is counted.
import type { Request } from 'express';
import { InvalidCredentials } from '../domain/errors.js';
import { CheckoutTokenInvalid } from '../domain/checkout-sessions.js';
import type { RateLimits } from '../domain/rate-limits.js';

export function clientAddress(req: Request): string {
  // With no proxy trusted the address is the socket's: req.ip would still parse X-Forwarded-For
  // on every call to arrive at it (~1 % of a verification's CPU).
  if (!req.app.get('trust proxy')) return req.socket.remoteAddress ?? 'unknown';
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export async function guardAuthentication<T>(limits: RateLimits, req: Request, authenticate: () => Promise<T>): Promise<T> {
  const address = clientAddress(req);
  await limits.assertNotBlocked(address);
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof InvalidCredentials || error instanceof CheckoutTokenInvalid) await limits.recordAuthFailure(address);
    throw error;
  }
}
