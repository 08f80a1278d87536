// The checkout's states and the pure rules that move between them. The controller
// (mount.ts) feeds in API outcomes and clock ticks; the view (render.ts) draws a state.
import type { CheckoutSession } from '@checkout/client';
import type { ApiOutcome } from './api.js';
import { CheckoutError } from './errors.js';

export type CheckoutState =
  | { status: 'loading' }
  | { status: 'ready'; session: CheckoutSession }
  | { status: 'paying'; session: CheckoutSession }
  /** Paid by this mount's confirm. */
  | { status: 'completed'; session: CheckoutSession }
  /** Paid before (found completed on load, or a confirm answered 409). */
  | { status: 'already-completed'; session: CheckoutSession | null; error: CheckoutError }
  | { status: 'expired'; session: CheckoutSession | null; error: CheckoutError }
  | { status: 'invalid-token'; error: CheckoutError }
  /** Network or server failure; `retry` says which call the Retry button repeats. */
  | { status: 'error'; error: CheckoutError; retry: 'load' | 'confirm'; session: CheckoutSession | null };

export type StateName = CheckoutState['status'];

/** Milliseconds until the session expires, at `now` (server-corrected epoch ms). */
export function msLeft(session: CheckoutSession, now: number): number {
  return Date.parse(session.expires_at) - now;
}

export function afterLoad(outcome: ApiOutcome, now: number): CheckoutState {
  if (!outcome.ok) return afterFailure(outcome.error, 'load', null);
  const { session } = outcome;
  switch (session.status) {
    case 'completed':
      return { status: 'already-completed', session, error: new CheckoutError('already_completed', 'The checkout session is already completed') };
    case 'expired':
      return expired(session);
    case 'open':
      return msLeft(session, now) > 0 ? { status: 'ready', session } : expired(session);
  }
}

export function afterConfirm(outcome: ApiOutcome, paying: CheckoutSession): CheckoutState {
  if (outcome.ok) return { status: 'completed', session: outcome.session };
  return afterFailure(outcome.error, 'confirm', outcome.session ?? paying);
}

/** A clock tick: an open session whose countdown reached zero is expired. */
export function afterTick(state: CheckoutState, now: number): CheckoutState {
  if (state.status === 'ready' && msLeft(state.session, now) <= 0) return expired(state.session);
  return state;
}

function afterFailure(error: CheckoutError, call: 'load' | 'confirm', session: CheckoutSession | null): CheckoutState {
  switch (error.code) {
    case 'already_completed':
      return { status: 'already-completed', session, error };
    case 'token_expired':
    case 'session_expired':
      return { status: 'expired', session, error };
    case 'invalid_token':
      return { status: 'invalid-token', error };
    case 'network':
    case 'server':
      return { status: 'error', error, retry: call, session };
  }
}

function expired(session: CheckoutSession): CheckoutState {
  return { status: 'expired', session, error: new CheckoutError('session_expired', 'The checkout session has expired') };
}
