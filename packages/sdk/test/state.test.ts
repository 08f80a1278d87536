// The state rules: which API outcome or clock tick leads to which checkout state.
import type { CheckoutSession } from '@checkout/client';
import { describe, expect, it } from 'vitest';
import type { ApiOutcome } from '../src/api.js';
import { CheckoutError, type CheckoutErrorCode } from '../src/errors.js';
import { afterConfirm, afterLoad, afterTick } from '../src/state.js';

const NOW = Date.parse('2026-11-25T18:00:00Z');
const session = (over: Partial<CheckoutSession> = {}): CheckoutSession => ({
  session_id: '7f1c1d1e-2a43-4b8e-9b1e-0d6b3b1f2c3d',
  status: 'open',
  amount: 49.99,
  currency: 'USD',
  expires_at: '2026-11-25T18:15:00.000Z',
  completed_at: null,
  merchant: { display_name: 'Demo Shop' },
  payer: { email: 'j***@example.com', phone: null, phone_country_code: null },
  ...over,
});
const ok = (s: CheckoutSession): ApiOutcome => ({ ok: true, session: s, serverTime: NOW });
const failed = (code: CheckoutErrorCode, status: number | null, s?: CheckoutSession): ApiOutcome => ({
  ok: false,
  error: new CheckoutError(code, code, { status }),
  serverTime: NOW,
  ...(s ? { session: s } : {}),
});

describe('after loading the session', () => {
  it('an open session before its expiry is ready to pay', () => {
    expect(afterLoad(ok(session()), NOW).status).toBe('ready');
  });
  it('an open session at or past its expiry is expired (the countdown would be 0)', () => {
    expect(afterLoad(ok(session({ expires_at: '2026-11-25T18:00:00.000Z' })), NOW).status).toBe('expired');
  });
  it('a completed session is already completed, reported to onError as already_completed', () => {
    const state = afterLoad(ok(session({ status: 'completed', completed_at: '2026-11-25T17:59:00.000Z' })), NOW);
    expect(state.status).toBe('already-completed');
    expect('error' in state && state.error.code).toBe('already_completed');
  });
  it('an expired session or an expired token is expired', () => {
    expect(afterLoad(ok(session({ status: 'expired' })), NOW).status).toBe('expired');
    expect(afterLoad(failed('token_expired', 401), NOW).status).toBe('expired');
  });
  it('any other 401 is an invalid token, with no retry', () => {
    expect(afterLoad(failed('invalid_token', 401), NOW).status).toBe('invalid-token');
  });
  it('network and server failures are errors whose retry repeats the load', () => {
    for (const code of ['network', 'server'] as const) {
      const state = afterLoad(failed(code, code === 'server' ? 500 : null), NOW);
      expect(state.status === 'error' && state.retry).toBe('load');
    }
  });
});

describe('after confirming', () => {
  it('a 200 is completed with the session the API returned', () => {
    const done = session({ status: 'completed', completed_at: '2026-11-25T18:01:00.000Z' });
    expect(afterConfirm(ok(done), session())).toEqual({ status: 'completed', session: done });
  });
  it('a 409 on a paid session is already completed; on an expired one, expired', () => {
    expect(afterConfirm(failed('already_completed', 409, session({ status: 'completed' })), session()).status).toBe('already-completed');
    expect(afterConfirm(failed('session_expired', 409), session()).status).toBe('expired');
  });
  it('a network failure is an error whose retry repeats the confirm, keeping the session on screen', () => {
    const state = afterConfirm(failed('network', null), session());
    expect(state).toMatchObject({ status: 'error', retry: 'confirm', session: session() });
  });
});

describe('clock ticks', () => {
  it('flip a ready session to expired when the countdown reaches zero, and not before', () => {
    const ready = afterLoad(ok(session()), NOW);
    const expiry = Date.parse(session().expires_at);
    expect(afterTick(ready, expiry - 1).status).toBe('ready');
    expect(afterTick(ready, expiry).status).toBe('expired');
  });
  it('leave a payment in flight to the server', () => {
    expect(afterTick({ status: 'paying', session: session() }, Date.parse(session().expires_at) + 1000).status).toBe('paying');
  });
});
