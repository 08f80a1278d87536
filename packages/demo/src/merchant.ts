// The demo shop's web server (node:http): its pages, its backend route that mints an
// order's checkout token with @checkout/client, and the built SDK module.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORDER_ID, type OrderBook } from './orders.js';
import { checkoutPage } from './page.js';

/** dist/ of @checkout/sdk: the one file the page imports, and its source map. */
const SDK_FILE = fileURLToPath(import.meta.resolve('@checkout/sdk/checkout-sdk.js'));
const SDK_FILES = new Set([basename(SDK_FILE), `${basename(SDK_FILE)}.map`]);

export interface MerchantDeps {
  orders: OrderBook;
  merchantName: string;
  /** The checkout API's origin, as the browser reaches it. */
  apiUrl(): string;
  log(message: string): void;
}

export function createMerchantHandler(deps: MerchantDeps) {
  return async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://merchant.invalid');
    const orderPage = /^\/orders\/([^/]+)$/.exec(url.pathname);
    const orderToken = /^\/orders\/([^/]+)\/checkout-token$/.exec(url.pathname);
    const sdkFile = /^\/sdk\/([^/]+)$/.exec(url.pathname);
    try {
      if (request.method === 'GET' && url.pathname === '/') {
        const id = `ord_${randomBytes(6).toString('base64url')}`;
        return send(response, 303, '', { Location: `/orders/${id}` });
      }
      if (request.method === 'GET' && orderPage?.[1] && ORDER_ID.test(orderPage[1])) {
        const nonce = randomBytes(16).toString('base64');
        const csp = [
          "default-src 'none'",
          `script-src 'self' 'nonce-${nonce}'`,
          `style-src 'nonce-${nonce}'`,
          `connect-src 'self' ${deps.apiUrl()}`,
          "img-src 'self' data:",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ].join('; ');
        return send(response, 200, checkoutPage({ orderId: orderPage[1], merchantName: deps.merchantName, nonce }), {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': csp,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
      }
      if (request.method === 'POST' && orderToken?.[1] && ORDER_ID.test(orderToken[1])) {
        const token = await deps.orders.tokenFor(orderToken[1]);
        return send(response, 200, JSON.stringify({ ...token, api_base_url: deps.apiUrl() }), {
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
        });
      }
      if (request.method === 'GET' && sdkFile?.[1] && SDK_FILES.has(sdkFile[1])) {
        const body = await readFile(join(dirname(SDK_FILE), sdkFile[1]));
        const type = sdkFile[1].endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
        return send(response, 200, body, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      }
      if (request.method === 'GET' && url.pathname === '/favicon.ico') return send(response, 204, '');
      return send(response, 404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    } catch (error) {
      deps.log(`demo shop: ${request.method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      return send(response, 502, JSON.stringify({ message: 'The checkout service could not be reached' }), { 'Content-Type': 'application/json' });
    }
  };
}

function send(response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers });
  response.end(body);
}
