// The SDK-facing use cases: a checkout token is the only credential. Verification
// pins HS256, picks the key by kid, checks iss/aud/exp, then that the session
// exists and belongs to the token's initiator, payer and key (and the key is not revoked).
import { LRUCache } from 'lru-cache';
import { CheckoutTokenRejected, type VerifiedCheckoutClaims, verifyCheckoutToken } from '../crypto/checkout-token.js';
import type { Repositories, SessionForToken } from '../storage/index.js';
import { AppError } from './errors.js';
import { freshCache } from './fresh-cache.js';
import type { SigningKeys } from './signing-keys.js';
import type { TokenSettings } from './issue-checkout-token.js';

export type SessionStatusView = 'open' | 'completed' | 'expired';

export interface CheckoutSessionView {
  session_id: string;
  status: SessionStatusView;
  amount: number;
  currency: string;
  expires_at: string;
  completed_at: string | null;
  merchant: { display_name: string };
  payer: { email: string | null; phone: string | null; phone_country_code: string | null };
}

/** 401 for any token problem; the WWW-Authenticate header follows RFC 6750. */
export class CheckoutTokenInvalid extends AppError {
  override name = 'CheckoutTokenInvalid';
  constructor(kind: 'missing' | 'expired' | 'invalid') {
    const message = { missing: 'Missing checkout token', expired: 'Checkout token has expired', invalid: 'Invalid checkout token' }[kind];
    const challenge =
      kind === 'missing' ? 'Bearer realm="checkout"' : `Bearer realm="checkout", error="invalid_token", error_description="${message}"`;
    const code = kind === 'missing' ? 'token_missing' : kind === 'expired' ? 'token_expired' : 'token_invalid';
    super(401, message, { headers: { 'WWW-Authenticate': challenge }, code });
  }
}

export class SessionNotConfirmable extends AppError {
  override name = 'SessionNotConfirmable';
  constructor(reason: 'completed' | 'expired') {
    super(409, reason === 'completed' ? 'Checkout session is already completed' : 'Checkout session has expired', {
      code: reason === 'completed' ? 'session_completed' : 'session_expired',
    });
  }
}

/** `j***@example.com`: enough to recognise, not to contact. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `•••1234`: the last four digits only. */
export function maskPhone(phone: string): string {
  return `•••${phone.slice(-4)}`;
}

export function statusOf(session: Pick<SessionForToken, 'status' | 'expiresAt'>, now: Date): SessionStatusView {
  if (session.status === 'completed') return 'completed';
  return session.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

function toView(session: SessionForToken, now: Date): CheckoutSessionView {
  return {
    session_id: session.id,
    status: statusOf(session, now),
    amount: Number(session.amount),
    currency: session.currency,
    expires_at: session.expiresAt.toISOString(),
    completed_at: session.completedAt?.toISOString() ?? null,
    merchant: { display_name: session.merchantDisplayName },
    payer: {
      email: session.payer.email ? maskEmail(session.payer.email) : null,
      phone: session.payer.phone ? maskPhone(session.payer.phone) : null,
      phone_country_code: session.payer.phoneCountryCode,
    },
  };
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** Verified tokens are remembered for at most this long (and never past their expiry). */
const VERIFIED_TOKEN_TTL_MS = 60_000;

export function createCheckoutSessions(deps: {
  sessions: Repositories['sessions'];
  signingKeys: SigningKeys;
  settings: TokenSettings & { clockToleranceSeconds: number };
  now: () => Date;
  /** How long a session (its status, its key's revocation) may be served from memory; 0: always read. */
  cacheTtlMs?: number;
}) {
  // The SDK presents the same token on every call. Its signature and claims cannot change, so
  // a verified token (exact bytes) is remembered until it expires; what can change — the
  // session's state and its key's revocation — comes from the session, cached for cacheTtlMs.
  const verifiedTokens = new LRUCache<string, VerifiedCheckoutClaims>({ max: 10_000, ttl: VERIFIED_TOKEN_TTL_MS });
  const sessions = freshCache<string, SessionForToken>({
    max: 10_000,
    ttlMs: deps.cacheTtlMs ?? 0,
    loadMany: (nonces) => deps.sessions.findManyForToken(nonces),
  });

  async function verify(token: string): Promise<VerifiedCheckoutClaims> {
    const cached = verifiedTokens.get(token);
    if (cached && cached.expiresAt + deps.settings.clockToleranceSeconds > deps.now().getTime() / 1000) return cached;
    try {
      const claims = await verifyCheckoutToken(token, async (kid) => (await deps.signingKeys.forVerification(kid))?.cryptoKey, deps.settings);
      const remaining = (claims.expiresAt + deps.settings.clockToleranceSeconds) * 1000 - deps.now().getTime();
      if (remaining > 0) verifiedTokens.set(token, claims, { ttl: Math.min(VERIFIED_TOKEN_TTL_MS, remaining) });
      return claims;
    } catch (error) {
      verifiedTokens.delete(token);
      if (error instanceof CheckoutTokenRejected) throw new CheckoutTokenInvalid(error.reason);
      throw error;
    }
  }

  async function sessionFor(authorization: string | undefined): Promise<SessionForToken> {
    if (authorization === undefined || authorization.trim() === '') throw new CheckoutTokenInvalid('missing');
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw new CheckoutTokenInvalid('invalid');
    const claims = await verify(token);
    const key = await deps.signingKeys.forVerification(claims.kid);
    const session = await sessions.get(claims.jti);
    if (
      !key ||
      key.initiatorId !== claims.initiatorId ||
      !session ||
      session.signingKeyRevoked ||
      session.signingKeyId !== claims.kid ||
      session.initiatorId !== claims.initiatorId ||
      session.payerId !== claims.payerId
    ) {
      throw new CheckoutTokenInvalid('invalid');
    }
    return session;
  }

  return {
    /** The session a bearer token stands for; CheckoutTokenInvalid (401) otherwise. */
    authenticate: sessionFor,

    view(session: SessionForToken): CheckoutSessionView {
      return toView(session, deps.now());
    },

    async confirm(session: SessionForToken): Promise<CheckoutSessionView> {
      const now = deps.now();
      if (!(await deps.sessions.complete(session.nonce, now))) {
        const current = (await deps.sessions.findForToken(session.nonce)) ?? session;
        sessions.set(session.nonce, current);
        throw new SessionNotConfirmable(statusOf(current, now) === 'completed' ? 'completed' : 'expired');
      }
      const completed = { ...session, status: 'completed' as const, completedAt: now };
      sessions.set(session.nonce, completed);
      return toView(completed, now);
    },
  };
}
export type CheckoutSessions = ReturnType<typeof createCheckoutSessions>;
