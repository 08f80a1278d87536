#!/usr/bin/env node
// A partner's shop backend: serves its checkout page (../browser/index.html) and the browser
// SDK, and mints each order's checkout token with @checkout/client. The API secret stays here;
// the page only ever sees the token.
//   CHECKOUT_API_URL=… CHECKOUT_API_KEY=… CHECKOUT_API_SECRET=… PORT=4000 node shop-server.mjs
// The API must allow this shop's origin: CHECKOUT_ALLOWED_ORIGINS=http://127.0.0.1:4000 on its side.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCheckoutClient, errorCodeOf, isValidationError } from '@checkout/client';

const apiUrl = process.env.CHECKOUT_API_URL ?? 'http://127.0.0.1:3000';
const checkout = createCheckoutClient({ baseUrl: apiUrl, apiKey: process.env.CHECKOUT_API_KEY, apiSecret: process.env.CHECKOUT_API_SECRET });

const page = readFileSync(new URL('../browser/index.html', import.meta.url), 'utf8');
// The SDK's built bundle (@checkout/sdk), served from this shop's own origin.
const sdk = readFileSync(fileURLToPath(import.meta.resolve('@checkout/sdk/checkout-sdk.js')), 'utf8');

/** This shop's orders (a real shop reads its database). */
const orders = new Map([['1042', { email: 'jane@example.com', amount: 49.99, currency: 'USD' }]]);

/** @param {string} orderId */
async function tokenFor(orderId) {
  const order = orders.get(orderId);
  if (!order) return { status: 404, body: { error: 'no such order' } };
  const { data, error, response } = await checkout.createDeveloperToken(order, { idempotencyKey: `order-${orderId}` });
  if (isValidationError(error)) return { status: 400, body: { error: 'invalid order', fields: error.detail.map((d) => d.loc.join('.')) } };
  if (error) return { status: 502, body: { error: errorCodeOf(error) ?? `checkout API ${response.status}` } };
  return { status: 200, body: { checkout_token: data.data?.checkout_token, expires_at: data.data?.expires_at, api_base_url: apiUrl } };
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://shop');
  /** @type {(status: number, type: string, body: string) => void} */
  const send = (status, type, body) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  };
  if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', page);
  if (req.method === 'GET' && url.pathname === '/sdk/checkout-sdk.js') return send(200, 'text/javascript', sdk);
  const match = /^\/orders\/([\w-]+)\/checkout-token$/.exec(url.pathname);
  if (req.method === 'POST' && match?.[1]) {
    try {
      const { status, body } = await tokenFor(match[1]);
      return send(status, 'application/json', JSON.stringify(body));
    } catch (error) {
      return send(502, 'application/json', JSON.stringify({ error: `checkout API unreachable: ${error instanceof Error ? error.message : error}` }));
    }
  }
  send(404, 'text/plain', 'not found');
});

server.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`shop on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
