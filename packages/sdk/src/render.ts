// The view: builds the checkout's markup once (so the live region and focus survive), then
// draws each state into it. Text only ever goes in through textContent.
import type { CheckoutSession } from '@checkout/client';
import { formatAmount, formatCountdown, formatDateTime, formatPayer, isoDuration, secondsLeft } from './format.js';
import { type CheckoutState, msLeft } from './state.js';
import { installStyles } from './styles.js';

export interface View {
  /** Draws `state`; `now` is the server-corrected clock, for the countdown. */
  render(state: CheckoutState, now: number): void;
  destroy(): void;
}

export interface ViewOptions {
  locale: string | undefined;
  onPay(): void;
  onRetry(): void;
}

const SOON_SECONDS = 60;
let instances = 0;

export function createView(host: HTMLElement, options: ViewOptions): View {
  const doc = host.ownerDocument;
  installStyles(doc);
  const id = `ck-checkout-${++instances}`;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attributes: Record<string, string> = {}) => {
    const node = doc.createElement(tag);
    node.className = className;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  };

  const root = el('section', 'ck-checkout', { 'aria-labelledby': `${id}-title`, 'data-state': 'loading' });
  const title = el('h2', 'ck-title', { id: `${id}-title` });
  const details = el('div', 'ck-details');
  const amount = el('p', 'ck-amount');
  const facts = el('dl', 'ck-facts');
  const fact = (label: string) => {
    const row = el('div', 'ck-fact');
    const dt = el('dt', '');
    const dd = el('dd', '');
    dt.textContent = label;
    row.append(dt, dd);
    facts.append(row);
    return { row, dt, dd };
  };
  const payer = fact('Payer');
  const timing = fact('Expires in');
  const time = el('time', 'ck-time');
  timing.dd.append(time);
  details.append(amount, facts);
  // role=status is a polite live region: state changes are announced, the countdown is not.
  const status = el('p', 'ck-status', { role: 'status', 'aria-live': 'polite', tabindex: '-1', id: `${id}-status` });
  const pay = el('button', 'ck-button ck-pay', { type: 'button', 'aria-describedby': `${id}-status` });
  const retry = el('button', 'ck-button ck-retry', { type: 'button' });
  retry.textContent = 'Retry';
  root.append(title, details, status, pay, retry);
  host.append(root);

  pay.addEventListener('click', () => options.onPay());
  retry.addEventListener('click', () => options.onRetry());

  // Whether keyboard focus is ours: when the focused button is disabled or hidden by a state
  // change, focus falls to <body>; we then put it on the new state's main control.
  let focusInside = false;
  root.addEventListener('focusin', () => (focusInside = true));
  root.addEventListener('focusout', (event) => {
    const next = event.relatedTarget;
    if (next instanceof Node && !root.contains(next)) focusInside = false;
  });

  const money = (session: CheckoutSession) => formatAmount(session.amount, session.currency, options.locale);
  let previous: CheckoutState['status'] | undefined;

  function drawSession(session: CheckoutSession | null, state: CheckoutState, now: number) {
    details.hidden = session === null;
    if (!session) return;
    const paid = state.status === 'completed' || state.status === 'already-completed';
    title.textContent = `${paid ? 'Paid to' : 'Pay'} ${session.merchant.display_name}`;
    amount.textContent = money(session);
    const who = formatPayer(session.payer);
    payer.row.hidden = who === null;
    payer.dd.textContent = who ?? '';
    time.classList.remove('ck-soon');
    if (state.status === 'ready' || state.status === 'paying') {
      const left = msLeft(session, now);
      timing.dt.textContent = 'Expires in';
      time.dateTime = isoDuration(left);
      time.textContent = formatCountdown(left);
      time.title = formatDateTime(session.expires_at, options.locale);
      time.classList.toggle('ck-soon', secondsLeft(left) <= SOON_SECONDS);
    } else if (session.completed_at) {
      timing.dt.textContent = 'Paid';
      time.dateTime = session.completed_at;
      time.textContent = formatDateTime(session.completed_at, options.locale);
      time.title = '';
    } else {
      timing.dt.textContent = 'Expired';
      time.dateTime = session.expires_at;
      time.textContent = formatDateTime(session.expires_at, options.locale);
      time.title = '';
    }
  }

  function statusText(state: CheckoutState, now: number): string {
    switch (state.status) {
      case 'loading':
        return 'Loading checkout…';
      case 'ready':
        return secondsLeft(msLeft(state.session, now)) <= SOON_SECONDS ? 'Less than a minute left to pay.' : '';
      case 'paying':
        return 'Processing payment…';
      case 'completed':
        return 'Payment complete. Thank you!';
      case 'already-completed':
        return 'This payment was already completed.';
      case 'expired':
        return 'This checkout has expired. Return to the merchant to start again.';
      case 'invalid-token':
        return 'This checkout link is not valid. Return to the merchant to start again.';
      case 'error':
        if (state.retry === 'confirm') {
          return state.error.code === 'network'
            ? 'We could not reach the payment service, so your payment was not confirmed. Check your connection and retry.'
            : 'The payment service had a problem, so your payment was not confirmed. Please retry.';
        }
        return state.error.code === 'network'
          ? 'We could not reach the payment service. Check your connection and retry.'
          : 'The payment service had a problem. Please retry.';
    }
  }

  return {
    render(state, now) {
      const session = state.status === 'loading' || state.status === 'invalid-token' ? null : state.session;
      root.dataset.state = state.status;
      root.setAttribute('aria-busy', String(state.status === 'loading'));
      if (!session) title.textContent = 'Checkout';
      drawSession(session, state, now);

      const text = statusText(state, now);
      if (status.textContent !== text) status.textContent = text;

      const payable = state.status === 'ready' || state.status === 'paying';
      pay.hidden = !payable;
      pay.disabled = state.status === 'paying';
      pay.setAttribute('aria-busy', String(state.status === 'paying'));
      if (payable && session) pay.textContent = state.status === 'paying' ? 'Paying…' : `Pay ${money(session)}`;
      retry.hidden = state.status !== 'error';

      if (state.status !== previous) moveFocus(state);
      previous = state.status;
    },
    destroy() {
      root.remove();
    },
  };

  function moveFocus(state: CheckoutState) {
    const active = doc.activeElement;
    const lost = active === null || active === doc.body || (root.contains(active) && !isUsable(active));
    if (!focusInside || !lost) return;
    const target = state.status === 'error' ? retry : state.status === 'ready' ? pay : state.status === 'paying' ? null : status;
    target?.focus();
  }
}

function isUsable(element: Element): boolean {
  if (element instanceof HTMLButtonElement && element.disabled) return false;
  return !(element as HTMLElement).closest('[hidden]');
}
