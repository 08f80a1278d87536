// What a request says about who sends it, read from HTTP: the client address (for the
// brute-force guard), the checkout token of an `Authorization: Bearer` header, and the RFC 6750
// challenge a refused token is answered with.
import type { Request } from 'express';
import type { CheckoutTokenInvalid, PresentedToken } from '../domain/checkout-sessions.js';

export function clientAddress(req: Request): string {
  // With no proxy trusted the address is the socket's: req.ip would parse X-Forwarded-For on every call to arrive at it.
  if (!req.app.get('trust proxy')) return req.socket.remoteAddress ?? 'unknown';
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header, or why there is none. */
export function bearerToken(authorization: string | undefined): PresentedToken {
  if (authorization === undefined || authorization.trim() === '') return { problem: 'missing' };
  const token = BEARER.exec(authorization)?.[1];
  return token ? { token } : { problem: 'malformed' };
}

/** The `WWW-Authenticate` value of a 401 for a checkout token (RFC 6750, section 3). */
export function bearerChallenge(error: CheckoutTokenInvalid): string {
  if (error.problem === 'missing') return 'Bearer realm="checkout"';
  return `Bearer realm="checkout", error="invalid_token", error_description="${error.publicMessage}"`;
}
