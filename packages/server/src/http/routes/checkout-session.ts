import type { Services } from '../../domain/index.js';
import { quotaHeaders } from '../../domain/rate-limits.js';
import { success } from '../envelope.js';
import { guardAuthentication } from '../guards.js';
import type { Handler } from '../operations.js';
import type { Request } from 'express';

async function authenticate(services: Services, req: Request) {
  const session = await guardAuthentication(services.rateLimits, req, () => services.checkoutSessions.authenticate(req.get('authorization')));
  const quota = await services.rateLimits.sdkCall(session.nonce);
  return { session, headers: quotaHeaders(quota) };
}

/** GET /api/checkout/session — authenticated by the checkout token alone. */
export function getCheckoutSession(services: Services): Handler<'get_checkout_session_api_checkout_session_get'> {
  return async ({ req }) => {
    const { session, headers } = await authenticate(services, req);
    return { status: 200, body: success(services.checkoutSessions.view(session)), headers };
  };
}

/** POST /api/checkout/session/confirm — completes the session once; 409 after. */
export function confirmCheckoutSession(services: Services): Handler<'confirm_checkout_session_api_checkout_session_confirm_post'> {
  return async ({ req }) => {
    const { session, headers } = await authenticate(services, req);
    return { status: 200, body: success(await services.checkoutSessions.confirm(session)), headers };
  };
}
