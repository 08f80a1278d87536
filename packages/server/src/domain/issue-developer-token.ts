// The use case behind POST /api/checkout/token/developer, whole: the request's cross-field rules
// (an invalid request is a 422 whatever the credentials, as in the reference), authentication
// behind the brute-force guard, the API key's quota, then the token, issued once per
// Idempotency-Key (a repeat gets the first result back).
import type { Authenticate } from './authenticate.js';
import { guardedAuthentication } from './brute-force-guard.js';
import { fingerprintOf, type Idempotency, type ResultCodec } from './idempotency.js';
import type { IssueCheckoutToken, IssuedToken } from './issue-checkout-token.js';
import type { Quota, RateLimits } from './rate-limits.js';
import { parseTokenRequest, type TokenRequestBody } from './token-request.js';

export interface IssueDeveloperTokenCommand {
  apiKey: string;
  apiSecret: string;
  /** Where the request came from, for the brute-force guard. */
  clientAddress: string;
  idempotencyKey: string | undefined;
  /** The schema-valid request (defaults applied). */
  request: TokenRequestBody;
  /**
   * The request exactly as sent: the idempotency fingerprint, and the input a cross-field error
   * reports. A function, so it is read only when one of those needs it.
   */
  sent: () => unknown;
}

export interface DeveloperTokenIssued {
  token: IssuedToken;
  /** The API key's token quota after this request (undefined when the limit is off). */
  quota: Quota | undefined;
  /** An earlier request's token, returned again for the same Idempotency-Key. */
  replayed: boolean;
}

/** An issued token as an idempotency record keeps it. */
export const issuedTokenCodec: ResultCodec<IssuedToken> = {
  encode: (token) => JSON.stringify({ token: token.token, expiresAt: token.expiresAt.toISOString(), generatedAt: token.generatedAt }),
  decode(text) {
    const stored: unknown = JSON.parse(text);
    if (isRecord(stored) && typeof stored.token === 'string' && typeof stored.expiresAt === 'string' && typeof stored.generatedAt === 'number') {
      return { token: stored.token, expiresAt: new Date(stored.expiresAt), generatedAt: stored.generatedAt };
    }
    // Records written before results were stored as such hold the response envelope.
    const data = isRecord(stored) ? stored.data : undefined;
    if (isRecord(stored) && typeof stored.queryGeneratedTime === 'number' && isRecord(data) && typeof data.checkout_token === 'string' && typeof data.expires_at === 'string') {
      return { token: data.checkout_token, expiresAt: new Date(data.expires_at), generatedAt: stored.queryGeneratedTime };
    }
    throw new Error('idempotency record does not hold an issued checkout token');
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function createDeveloperTokenIssuance(deps: {
  authenticate: Authenticate;
  issueCheckoutToken: IssueCheckoutToken;
  idempotency: Idempotency;
  rateLimits: RateLimits;
}) {
  return async function issueDeveloperToken(command: IssueDeveloperTokenCommand): Promise<DeveloperTokenIssued> {
    const request = parseTokenRequest(command.request, command.sent);
    const principal = await guardedAuthentication(deps.rateLimits, command.clientAddress, () => deps.authenticate(command.apiKey, command.apiSecret));
    const quota = await deps.rateLimits.tokenCreation(principal.apiKeyId);
    const issue = () => deps.issueCheckoutToken(principal.initiatorId, request);
    if (command.idempotencyKey === undefined) return { token: await issue(), quota, replayed: false };
    const fingerprint = fingerprintOf(command.sent());
    const { result, replayed } = await deps.idempotency.run(principal.apiKeyId, command.idempotencyKey, fingerprint, issuedTokenCodec, issue);
    return { token: result, quota, replayed };
  };
}
export type IssueDeveloperToken = ReturnType<typeof createDeveloperTokenIssuance>;
