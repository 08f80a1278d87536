// Issuing a checkout token once the caller is authenticated and the request is parsed (the last
// step of issue-developer-token.ts): resolve the payer and the signing key, store the session, sign.
import { signCheckoutToken } from '../crypto/checkout-token.js';
import type { Repositories } from '../storage/index.js';
import type { ResolvePayer } from './payers.js';
import { newSessionNonce, timeOrderedId } from './time-ordered-keys.js';
import type { SigningKeys } from './signing-keys.js';
import type { TokenRequest } from './token-request.js';

export interface TokenSettings {
  ttlSeconds: number;
  issuer: string;
  audience: string;
}

export interface IssuedToken {
  /** The signed checkout token (compact JWS). */
  token: string;
  /** Whole seconds: the token's `exp`. */
  expiresAt: Date;
  /** When the result was produced, Unix seconds with a fraction (the envelope's queryGeneratedTime). */
  generatedAt: number;
}

export function createTokenIssuer(deps: {
  resolvePayer: ResolvePayer;
  sessions: Repositories['sessions'];
  signingKeys: SigningKeys;
  settings: TokenSettings;
  now: () => Date;
}) {
  return async function issueCheckoutToken(initiatorId: string, request: TokenRequest): Promise<IssuedToken> {
    const [payer, key] = await Promise.all([
      deps.resolvePayer(request.identity),
      deps.signingKeys.currentFor(initiatorId),
    ]);
    // Whole seconds, so expires_at equals the token's exp claim exactly.
    const issuedAt = Math.floor(deps.now().getTime() / 1000);
    const expiresAt = issuedAt + deps.settings.ttlSeconds;
    const nonce = newSessionNonce();
    await deps.sessions.create({
      id: timeOrderedId(),
      nonce,
      initiatorId,
      payerId: payer.id,
      signingKeyId: key.kid,
      amount: request.amount,
      currency: request.currency,
      createdAt: new Date(issuedAt * 1000),
      expiresAt: new Date(expiresAt * 1000),
    });
    const token = await signCheckoutToken(
      { jti: nonce, initiatorId, payerId: payer.id, issuedAt, expiresAt },
      { kid: key.kid, cryptoKey: key.cryptoKey },
      deps.settings,
    );
    return { token, expiresAt: new Date(expiresAt * 1000), generatedAt: (performance.timeOrigin + performance.now()) / 1000 };
  };
}
export type IssueCheckoutToken = ReturnType<typeof createTokenIssuer>;
