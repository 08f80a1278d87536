// POST /api/checkout/token/developer: the request (already schema-valid) and its headers become
// the command of the use case issueDeveloperToken; its result becomes the contract's response.
import type { Schemas } from '@checkout/contract';
import type { Services } from '../../domain/index.js';
import type { IssuedToken } from '../../domain/issue-checkout-token.js';
import type { DeveloperTokenIssued } from '../../domain/issue-developer-token.js';
import { quotaHeaders } from '../../domain/rate-limits.js';
import { clientAddress } from '../credentials.js';
import { success } from '../envelope.js';
import type { Handler } from '../operations.js';

type Op = 'create_developer_checkout_token_api_checkout_token_developer_post';

export function toCheckoutTokenResponse(token: IssuedToken): Schemas['CheckoutTokenResponse'] {
  return { checkout_token: token.token, expires_at: token.expiresAt.toISOString() };
}

function headersOf(issued: DeveloperTokenIssued): Record<string, string> {
  return { ...quotaHeaders(issued.quota), ...(issued.replayed ? { 'Idempotent-Replayed': 'true' } : {}) };
}

export function createDeveloperToken(services: Services): Handler<Op> {
  return async ({ body, originalBody, headers, req }) => {
    const issued = await services.issueDeveloperToken({
      apiKey: headers['X-Api-Key'],
      apiSecret: headers['X-Api-Secret'],
      clientAddress: clientAddress(req),
      idempotencyKey: headers['Idempotency-Key'],
      request: body,
      sent: originalBody,
    });
    // A replay answers with the first answer's time as well as its token.
    return { status: 200, body: success(toCheckoutTokenResponse(issued.token), issued.token.generatedAt), headers: headersOf(issued) };
  };
}
