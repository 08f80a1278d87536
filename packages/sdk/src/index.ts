// @checkout/sdk — the browser side of a checkout token:
//   import { mount } from '@checkout/sdk';
//   const checkout = mount(document.getElementById('checkout')!, { token, baseUrl });
// The token is sent only as `Authorization: Bearer <token>` (never in a URL).
export { mount, type CheckoutHandle, type MountOptions } from './mount.js';
export { CheckoutError, type CheckoutErrorCode } from './errors.js';
export type { CheckoutState } from './state.js';
export type { CheckoutSession } from '@checkout/client';
