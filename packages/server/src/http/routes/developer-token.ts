import type { Services } from '../../domain/index.js';
import { parseTokenRequest } from '../../domain/token-request.js';
import { success } from '../envelope.js';
import type { Handler } from '../operations.js';

/** POST /api/checkout/token/developer — the request is already schema-valid here. */
export function createDeveloperToken(
  services: Services,
): Handler<'create_developer_checkout_token_api_checkout_token_developer_post'> {
  return async ({ body, originalBody, headers }) => {
    // Cross-field rules first, so an invalid body is a 422 whatever the credentials (as in the reference).
    const request = parseTokenRequest(body, originalBody);
    const principal = await services.authenticate(headers['X-Api-Key'], headers['X-Api-Secret']);
    const token = await services.issueCheckoutToken(principal.initiatorId, request);
    return { status: 200, body: success(token) };
  };
}
