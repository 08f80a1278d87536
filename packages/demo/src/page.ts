// The demo shop's checkout page: plain HTML whose module script asks the shop's backend for
// the order's checkout token, then mounts the SDK. Served with a strict CSP (nonce, no inline styles).
import { CART } from './orders.js';

const money = (amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: CART.currency }).format(amount);

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function checkoutPage(options: { orderId: string; merchantName: string; nonce: string }): string {
  const { orderId, nonce } = options;
  const merchant = escape(options.merchantName);
  const lines = CART.lines.map((line) => `<tr><td>${escape(line.name)}</td><td>${money(line.amount)}</td></tr>`).join('\n          ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Checkout · ${merchant}</title>
    <style nonce="${nonce}">
      body { margin: 0; background: #f3f4f6; color: #111827; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      header { background: #3b2f2f; color: #fff; padding: 14px 32px; font-weight: 700; letter-spacing: 0.02em; }
      main { max-width: 880px; margin: 32px auto; padding: 0 24px; display: grid; grid-template-columns: 1fr 26rem; gap: 32px; align-items: start; }
      @media (max-width: 760px) { main { grid-template-columns: 1fr; } }
      h1 { font-size: 1.5rem; margin: 0 0 4px; }
      .order-id { color: #4b5563; margin: 0 0 20px; font-family: ui-monospace, monospace; font-size: 0.9rem; }
      table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 12px; overflow: hidden; }
      td, th { padding: 12px 16px; border-bottom: 1px solid #e5e7eb; text-align: left; }
      td + td, th + th { text-align: right; font-variant-numeric: tabular-nums; }
      tfoot th { border-bottom: 0; }
      .thanks { margin-top: 16px; padding: 12px 16px; border-radius: 8px; background: #ecfdf5; color: #065f46; font-weight: 600; }
    </style>
  </head>
  <body>
    <header>${merchant}</header>
    <main>
      <section aria-labelledby="order-title">
        <h1 id="order-title">Your order</h1>
        <p class="order-id">${orderId}</p>
        <table>
          <tbody>
          ${lines}
          </tbody>
          <tfoot><tr><th scope="row">Total</th><th>${money(CART.total)}</th></tr></tfoot>
        </table>
        <p class="thanks" id="thanks" hidden></p>
      </section>
      <div id="checkout"></div>
    </main>
    <script type="module" nonce="${nonce}">
      import { mount } from '/sdk/checkout-sdk.js';

      const orderId = ${JSON.stringify(orderId)};
      const host = document.getElementById('checkout');
      try {
        // The shop's own backend mints (or reuses) this order's checkout token.
        const response = await fetch('/orders/' + orderId + '/checkout-token', { method: 'POST' });
        if (!response.ok) throw new Error('the shop answered ' + response.status);
        const { checkout_token, api_base_url } = await response.json();
        mount(host, {
          token: checkout_token,
          baseUrl: api_base_url,
          onComplete(session) {
            const thanks = document.getElementById('thanks');
            thanks.textContent = 'Thank you! Order ' + orderId + ' is paid (session ' + session.session_id + ').';
            thanks.hidden = false;
          },
          onError(error) {
            console.info('checkout ' + error.code + ': ' + error.message);
          },
        });
      } catch (error) {
        host.textContent = 'The checkout could not start: ' + error.message;
      }
    </script>
  </body>
</html>
`;
}
