// The SDK-facing use cases: a checkout token is the only credential. Verification
// pins HS256, picks the key by kid, checks iss/aud/exp, then that the session
// exists and belongs to the token's initiator, payer and key (and the key is not revoked).
import { LRUCache } from 'lru-cache';
import { CheckoutTokenRejected, type VerifiedCheckoutClaims, verifyCheckoutToken } from '../crypto/checkout-token.js';
import type { Repositories, SessionForToken } from '../storage/index.js';
import { guardedAuthentication } from './brute-force-guard.js';
import { AppError } from './errors.js';
import { freshCache } from './fresh-cache.js';
import type { Quota, RateLimits } from './rate-limits.js';
import type { SigningKeys } from './signing-keys.js';
import type { TokenSettings } from './issue-checkout-token.js';

export type SessionStatusView = 'open' | 'completed' | 'expired';

/** A checkout session as the SDK may see it: the payer's contact details masked. */
export interface CheckoutSessionView {
  id: string;
  status: SessionStatusView;
  /** Exact decimal string, e.g. "19.99". */
  amount: string;
  currency: string;
  expiresAt: Date;
  completedAt: Date | null;
  merchantDisplayName: string;
  payer: { email: string | null; phone: string | null; phoneCountryCode: string | null };
}

/** The checkout token a request presented, or why there is none to check. */
export type PresentedToken = { token: string } | { problem: 'missing' | 'malformed' };

export interface SessionCommand {
  credential: PresentedToken;
  /** Where the request came from, for the brute-force guard. */
  clientAddress: string;
}

export interface SessionOutcome {
  session: CheckoutSessionView;
  /** The token's SDK-call quota after this request (undefined when the limit is off). */
  quota: Quota | undefined;
}

export type CheckoutTokenProblem = 'missing' | 'expired' | 'invalid';

/** 401 for any token problem (the HTTP edge adds the RFC 6750 challenge). */
export class CheckoutTokenInvalid extends AppError {
  override name = 'CheckoutTokenInvalid';
  constructor(readonly problem: CheckoutTokenProblem) {
    const message = { missing: 'Missing checkout token', expired: 'Checkout token has expired', invalid: 'Invalid checkout token' }[problem];
    const code = problem === 'missing' ? 'token_missing' : problem === 'expired' ? 'token_expired' : 'token_invalid';
    super(401, message, { code });
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
    id: session.id,
    status: statusOf(session, now),
    amount: session.amount,
    currency: session.currency,
    expiresAt: session.expiresAt,
    completedAt: session.completedAt,
    merchantDisplayName: session.merchantDisplayName,
    payer: {
      email: session.payer.email ? maskEmail(session.payer.email) : null,
      phone: session.payer.phone ? maskPhone(session.payer.phone) : null,
      phoneCountryCode: session.payer.phoneCountryCode,
    },
  };
}

/** Verified tokens are remembered for at most this long (and never past their expiry). */
const VERIFIED_TOKEN_TTL_MS = 60_000;

export function createCheckoutSessions(deps: {
  sessions: Repositories['sessions'];
  signingKeys: SigningKeys;
  rateLimits: RateLimits;
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

  async function sessionFor(credential: PresentedToken): Promise<SessionForToken> {
    if ('problem' in credential) throw new CheckoutTokenInvalid(credential.problem === 'missing' ? 'missing' : 'invalid');
    const claims = await verify(credential.token);
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

  /** The session the token stands for (behind the brute-force guard), and one SDK call off its quota. */
  async function authenticate(command: SessionCommand): Promise<{ session: SessionForToken; quota: Quota | undefined }> {
    const session = await guardedAuthentication(deps.rateLimits, command.clientAddress, () => sessionFor(command.credential));
    return { session, quota: await deps.rateLimits.sdkCall(session.nonce) };
  }

  return {
    /** GET /api/checkout/session: the session behind the token. */
    async view(command: SessionCommand): Promise<SessionOutcome> {
      const { session, quota } = await authenticate(command);
      return { session: toView(session, deps.now()), quota };
    },

    /** POST /api/checkout/session/confirm: completes the session once; SessionNotConfirmable after. */
    async confirm(command: SessionCommand): Promise<SessionOutcome> {
      const { session, quota } = await authenticate(command);
      const now = deps.now();
      if (!(await deps.sessions.complete(session.nonce, now))) {
        const current = (await deps.sessions.findForToken(session.nonce)) ?? session;
        sessions.set(session.nonce, current);
        throw new SessionNotConfirmable(statusOf(current, now) === 'completed' ? 'completed' : 'expired');
      }
      const completed = { ...session, status: 'completed' as const, completedAt: now };
      sessions.set(session.nonce, completed);
      return { session: toView(completed, now), quota };
    },
  };
}
export type CheckoutSessions = ReturnType<typeof createCheckoutSessions>;
