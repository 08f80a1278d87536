import { fingerprintOf } from '../../domain/idempotency.js';
import type { Services } from '../../domain/index.js';
import { quotaHeaders } from '../../domain/rate-limits.js';
import { parseTokenRequest } from '../../domain/token-request.js';
import { success } from '../envelope.js';
import { guardAuthentication } from '../guards.js';
import type { Handler, Reply } from '../operations.js';

type Op = 'create_developer_checkout_token_api_checkout_token_developer_post';

/** POST /api/checkout/token/developer — the request is already schema-valid here. */
export function createDeveloperToken(services: Services): Handler<Op> {
  return async ({ body, originalBody, headers, req }) => {
    // Cross-field rules first, so an invalid body is a 422 whatever the credentials (as in the reference).
    // The body as sent is read (parsed again) only where it is used: an error, an idempotency fingerprint.
    const request = parseTokenRequest(body, originalBody);
    const principal = await guardAuthentication(services.rateLimits, req, () =>
      services.authenticate(headers['X-Api-Key'], headers['X-Api-Secret']),
    );
    const quota = await services.rateLimits.tokenCreation(principal.apiKeyId);
    const issue = async () => ({ status: 200, body: success(await services.issueCheckoutToken(principal.initiatorId, request)) });

    const idempotencyKey = headers['Idempotency-Key'];
    if (idempotencyKey === undefined) return { ...(await issue()), headers: quotaHeaders(quota) } as Reply<Op>;
    const result = await services.idempotency.run(principal.apiKeyId, idempotencyKey, fingerprintOf(originalBody()), issue);
    return {
      status: result.status,
      body: result.body,
      headers: { ...quotaHeaders(quota), ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    } as Reply<Op>;
  };
}
