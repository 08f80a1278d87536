// mount(): wires the API, the state rules and the view, and owns the countdown timer.
import type { CheckoutSession } from '@checkout/client';
import { createApi } from './api.js';
import type { CheckoutError } from './errors.js';
import { afterConfirm, afterLoad, afterTick, type CheckoutState, msLeft } from './state.js';
import { createView } from './render.js';

export interface MountOptions {
  /** The checkout_token your backend minted (POST /api/checkout/token/developer). */
  token: string;
  /** The checkout API's origin, e.g. "https://checkout.example.com". */
  baseUrl: string;
  /** Called once, with the completed session, when this mount's Pay succeeds. */
  onComplete?: (session: CheckoutSession) => void;
  /**
   * Called whenever the checkout lands in a state other than ready or completed: network or
   * server failure (retryable), invalid or expired token, expired or already completed session.
   */
  onError?: (error: CheckoutError) => void;
  /** BCP 47 locale for amounts and dates; the browser's by default. */
  locale?: string;
}

export interface CheckoutHandle {
  /** Removes the checkout from the page, stops its timer and abandons requests in flight. */
  unmount(): void;
  /** Reloads the session (no-op while a payment is being confirmed). */
  refresh(): Promise<void>;
  /** The current state's name, e.g. "ready" (for diagnostics). */
  readonly state: CheckoutState['status'];
}

const mounted = new WeakSet<Element>();

export function mount(element: HTMLElement, options: MountOptions): CheckoutHandle {
  if (!element || typeof element.append !== 'function') throw new TypeError('mount: element must be a DOM element');
  if (typeof options?.token !== 'string' || options.token.trim() === '') throw new TypeError('mount: options.token must be a non-empty string');
  if (typeof options.baseUrl !== 'string') throw new TypeError('mount: options.baseUrl must be a string');
  if (mounted.has(element)) throw new Error('mount: this element already holds a checkout; unmount it first');
  mounted.add(element);

  const controller = new AbortController();
  const api = createApi({ baseUrl: options.baseUrl, token: options.token.trim(), signal: controller.signal });
  const view = createView(element, { locale: options.locale, onPay: () => void pay(), onRetry: () => void retry() });

  let state: CheckoutState = { status: 'loading' };
  let clockOffset = 0; // server clock minus ours, from the last envelope
  let generation = 0; // bumps on every load/confirm and on unmount: late answers are dropped
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;

  const now = () => Date.now() + clockOffset;

  function syncClock(serverTime: number | null) {
    if (serverTime !== null) clockOffset = serverTime - Date.now();
  }

  function setState(next: CheckoutState) {
    const changed = next.status !== state.status;
    state = next;
    view.render(state, now());
    schedule();
    if (!changed) return;
    if (next.status === 'completed') notify(options.onComplete, next.session);
    else if ('error' in next) notify(options.onError, next.error);
  }

  /** Redraws on each whole second of the countdown while the session is payable. */
  function schedule() {
    clearTimeout(timer);
    timer = undefined;
    if (!alive || (state.status !== 'ready' && state.status !== 'paying')) return;
    const left = msLeft(state.session, now());
    const untilNextSecond = left > 0 ? left % 1000 || 1000 : 1000;
    timer = setTimeout(() => {
      if (!alive) return;
      setState(afterTick(state, now()));
    }, untilNextSecond + 5);
  }

  async function load() {
    const ticket = ++generation;
    setState({ status: 'loading' });
    const outcome = await api.getSession();
    if (ticket !== generation) return;
    syncClock(outcome.serverTime);
    setState(afterLoad(outcome, now()));
  }

  async function pay() {
    if (state.status !== 'ready' && !(state.status === 'error' && state.retry === 'confirm')) return;
    const session = state.session;
    if (!session) return;
    const ticket = ++generation;
    setState({ status: 'paying', session });
    const outcome = await api.confirm();
    if (ticket !== generation) return;
    syncClock(outcome.serverTime);
    setState(afterConfirm(outcome, session));
  }

  function retry() {
    if (state.status !== 'error') return Promise.resolve();
    return state.retry === 'confirm' ? pay() : load();
  }

  void load();

  return {
    unmount() {
      if (!alive) return;
      alive = false;
      generation++;
      clearTimeout(timer);
      controller.abort();
      view.destroy();
      mounted.delete(element);
    },
    refresh() {
      if (!alive || state.status === 'paying') return Promise.resolve();
      return load();
    },
    get state() {
      return state.status;
    },
  };
}

/** Calls a merchant callback without letting its exceptions break the checkout. */
function notify<T>(callback: ((value: T) => void) | undefined, value: T) {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    console.error('checkout: a callback threw', error);
  }
}
