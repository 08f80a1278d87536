// The use case behind POST /api/checkout/token/developer, once the caller is authenticated
// and the request is parsed: resolve the payer and the signing key, store the session, sign.
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
  checkout_token: string;
  expires_at: string;
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
    return { checkout_token: token, expires_at: new Date(expiresAt * 1000).toISOString() };
  };
}
export type IssueCheckoutToken = ReturnType<typeof createTokenIssuer>;
