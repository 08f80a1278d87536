// The SDK-facing operations, authenticated by the checkout token alone: the Bearer header and
// the client address become the command of a checkoutSessions use case; its session becomes
// the contract's CheckoutSessionResponse.
import type { Schemas } from '@checkout/contract';
import type { CheckoutSessionView, SessionCommand, SessionOutcome } from '../../domain/checkout-sessions.js';
import type { Services } from '../../domain/index.js';
import { quotaHeaders } from '../../domain/rate-limits.js';
import { bearerToken, clientAddress } from '../credentials.js';
import { success } from '../envelope.js';
import type { Handler } from '../operations.js';
import type { Request } from 'express';

type GetOp = 'get_checkout_session_api_checkout_session_get';
type ConfirmOp = 'confirm_checkout_session_api_checkout_session_confirm_post';

export function toCheckoutSessionResponse(session: CheckoutSessionView): Schemas['CheckoutSessionResponse'] {
  return {
    session_id: session.id,
    status: session.status,
    amount: Number(session.amount),
    currency: session.currency,
    expires_at: session.expiresAt.toISOString(),
    completed_at: session.completedAt?.toISOString() ?? null,
    merchant: { display_name: session.merchantDisplayName },
    payer: { email: session.payer.email, phone: session.payer.phone, phone_country_code: session.payer.phoneCountryCode },
  };
}

function commandOf(req: Request): SessionCommand {
  return { credential: bearerToken(req.get('authorization')), clientAddress: clientAddress(req) };
}

/** The 200 of both operations (their handlers check it against their own responses). */
function ok(outcome: SessionOutcome) {
  return { status: 200 as const, body: success(toCheckoutSessionResponse(outcome.session)), headers: quotaHeaders(outcome.quota) };
}

/** GET /api/checkout/session */
export function getCheckoutSession(services: Services): Handler<GetOp> {
  return async ({ req }) => ok(await services.checkoutSessions.view(commandOf(req)));
}

/** POST /api/checkout/session/confirm: completes the session once; 409 after. */
export function confirmCheckoutSession(services: Services): Handler<ConfirmOp> {
  return async ({ req }) => ok(await services.checkoutSessions.confirm(commandOf(req)));
}
