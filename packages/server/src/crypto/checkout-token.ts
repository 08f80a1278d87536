// Checkout tokens: compact JWS, HS256 only, signed with the initiator's key.
// Claims carry ids, never contact details or secrets.
import { SignJWT } from 'jose';

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
  key: { kid: string; secret: Uint8Array },
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
    .sign(key.secret);
}
