#!/usr/bin/env node
// A partner's backend, at its smallest: mint one checkout token for an order and print it.
//   CHECKOUT_API_URL=https://checkout.example.com CHECKOUT_API_KEY=… CHECKOUT_API_SECRET=… \
//     node mint-token.mjs ORDER_ID EMAIL AMOUNT [CURRENCY]
// Prints {"checkout_token": …, "expires_at": …} and exits 0, or says what was wrong and exits 1.
import { createCheckoutClient, errorCodeOf, isValidationError } from '@checkout/client';

const [orderId, email, amount, currency = 'USD'] = process.argv.slice(2);
if (!orderId || !email || !amount) {
  console.error('usage: node mint-token.mjs ORDER_ID EMAIL AMOUNT [CURRENCY]');
  process.exit(2);
}

const checkout = createCheckoutClient({
  baseUrl: process.env.CHECKOUT_API_URL ?? 'http://127.0.0.1:3000',
  apiKey: process.env.CHECKOUT_API_KEY,
  apiSecret: process.env.CHECKOUT_API_SECRET,
});

const { data, error, response } = await checkout.createDeveloperToken(
  { email, amount: Number(amount), currency },
  // One key per order: a retry (ours or the client's) returns the same token, never a second one.
  { idempotencyKey: `order-${orderId}`, signal: AbortSignal.timeout(15_000) },
);

if (isValidationError(error)) {
  for (const item of error.detail) console.error(`invalid ${item.loc.slice(1).join('.') || 'request'}: ${item.msg}`);
  process.exit(1);
}
if (error) {
  console.error(`the checkout API refused (${response.status} ${errorCodeOf(error)}): ${error.message}`);
  process.exit(1);
}
console.log(JSON.stringify({ checkout_token: data.data?.checkout_token, expires_at: data.data?.expires_at }));
