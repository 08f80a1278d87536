// Checkout tokens: compact JWS, HS256 only, signed with the initiator's key.
// Claims carry ids, never contact details or secrets.
import type { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';

export const TOKEN_ALG = 'HS256';

export interface CheckoutClaims {
  /** The session nonce. */
  jti: string;
  initiatorId: string;
  payerId: string;
  issuedAt: number;
  expiresAt: number;
}

export async function signCheckoutToken(
  claims: CheckoutClaims,
  key: { kid: string; cryptoKey: webcrypto.CryptoKey },
  options: { issuer: string; audience: string },
): Promise<string> {
  return new SignJWT({ initiator_id: claims.initiatorId, payer_id: claims.payerId })
    .setProtectedHeader({ alg: TOKEN_ALG, typ: 'JWT', kid: key.kid })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setJti(claims.jti)
    .setIssuedAt(claims.issuedAt)
    .setNotBefore(claims.issuedAt)
    .setExpirationTime(claims.expiresAt)
    .sign(key.cryptoKey);
}

export interface VerifiedCheckoutClaims {
  jti: string;
  kid: string;
  initiatorId: string;
  payerId: string;
  expiresAt: number;
}

/** Why a token was refused; only `expired` is told to the caller (it reveals nothing). */
export type TokenRejection = 'expired' | 'invalid';

export class CheckoutTokenRejected extends Error {
  override name = 'CheckoutTokenRejected';
  constructor(readonly reason: TokenRejection, options?: { cause?: unknown }) {
    super(`checkout token rejected: ${reason}`, options);
  }
}

const COMPACT_JWS = /^[A-Za-z0-9_-]{2,2048}\.[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{2,1024}$/;

/**
 * Verifies a checkout token: HS256 only (so `none`, RS256 or any algorithm swap fails),
 * the key chosen by `kid` through `resolveKey`, then iss, aud, exp/nbf (with a small
 * clock tolerance) and the claims we need. jose checks the signature before the claims,
 * so "expired" is only ever said of an authentic token.
 */
export async function verifyCheckoutToken(
  token: string,
  resolveKey: (kid: string) => Promise<webcrypto.CryptoKey | Uint8Array | undefined>,
  options: { issuer: string; audience: string; clockToleranceSeconds: number },
): Promise<VerifiedCheckoutClaims> {
  if (!COMPACT_JWS.test(token)) throw new CheckoutTokenRejected('invalid');
  let kid = '';
  try {
    const { payload, protectedHeader } = await jwtVerify(
      token,
      async (header: JWTHeaderParameters) => {
        if (header.alg !== TOKEN_ALG || typeof header.kid !== 'string') throw new CheckoutTokenRejected('invalid');
        const key = await resolveKey(header.kid);
        if (!key) throw new CheckoutTokenRejected('invalid');
        kid = header.kid;
        return key;
      },
      {
        algorithms: [TOKEN_ALG],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['jti', 'iat', 'exp', 'initiator_id', 'payer_id'],
      },
    );
    const { jti, exp, initiator_id: initiatorId, payer_id: payerId } = payload;
    if (typeof jti !== 'string' || typeof initiatorId !== 'string' || typeof payerId !== 'string' || typeof exp !== 'number') {
      throw new CheckoutTokenRejected('invalid');
    }
    return { jti, kid: protectedHeader.kid ?? kid, initiatorId, payerId, expiresAt: exp };
  } catch (error) {
    if (error instanceof CheckoutTokenRejected) throw error;
    if (error instanceof errors.JWTExpired) throw new CheckoutTokenRejected('expired', { cause: error });
    if (error instanceof errors.JOSEError || error instanceof TypeError || error instanceof SyntaxError) {
      throw new CheckoutTokenRejected('invalid', { cause: error });
    }
    throw error;
  }
}
