import type { Services } from '../../domain/index.js';
import { success } from '../envelope.js';
import type { Handler } from '../operations.js';

/** GET /api/checkout/session — authenticated by the checkout token alone. */
export function getCheckoutSession(services: Services): Handler<'get_checkout_session_api_checkout_session_get'> {
  return async ({ req }) => ({ status: 200, body: success(await services.checkoutSessions.getSession(req.get('authorization'))) });
}

/** POST /api/checkout/session/confirm — completes the session once; 409 after. */
export function confirmCheckoutSession(services: Services): Handler<'confirm_checkout_session_api_checkout_session_confirm_post'> {
  return async ({ req }) => ({ status: 200, body: success(await services.checkoutSessions.confirm(req.get('authorization'))) });
}
