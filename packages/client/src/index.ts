// A typed client for the checkout-token API, on openapi-fetch. Every type comes
// from spec/openapi.yaml through @checkout/contract. Calls return openapi-fetch's
// { data, error, response }: HTTP errors are data, exceptions only for network failures.
import type { components, operations, paths } from '@checkout/contract';
import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';

export type { components, operations, paths };
export type { Middleware } from 'openapi-fetch';
type Schemas = components['schemas'];

export type CreateDeveloperTokenRequest = Schemas['CheckoutDeveloperTokenCreateRequest'];
export type CheckoutTokenEnvelope = Schemas['CommonResponse_CheckoutTokenResponse_'];
export type CheckoutToken = Schemas['CheckoutTokenResponse'];
export type ErrorEnvelope = Schemas['CommonResponse_NoneType_'];
export type ValidationErrorList = Schemas['HTTPValidationError'];
export type ValidationErrorItem = Schemas['ValidationError'];
export type CheckoutSessionEnvelope = Schemas['CommonResponse_CheckoutSessionResponse_'];
export type CheckoutSession = Schemas['CheckoutSessionResponse'];

export interface CheckoutClientOptions {
  /** e.g. "http://127.0.0.1:3000" */
  baseUrl: string;
  /** Server-to-server credentials for createDeveloperToken; never put them in a browser. */
  apiKey?: string;
  apiSecret?: string;
  /** A custom fetch (tests, proxies). */
  fetch?: ClientOptions['fetch'];
  /** openapi-fetch middleware, e.g. for logging or tracing. */
  middleware?: Middleware[];
}

export function createCheckoutClient(options: CheckoutClientOptions) {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  for (const m of options.middleware ?? []) raw.use(m);

  function credentials() {
    if (options.apiKey === undefined || options.apiSecret === undefined) {
      throw new Error('createDeveloperToken needs apiKey and apiSecret in createCheckoutClient options');
    }
    return { 'X-Api-Key': options.apiKey, 'X-Api-Secret': options.apiSecret };
  }

  // The token goes in a header, never in a URL (URLs end up in logs and Referer headers).
  const bearer = (checkoutToken: string) => ({ Authorization: `Bearer ${checkoutToken}` });

  return {
    /** The underlying openapi-fetch client, typed by every path of the spec. */
    raw,

    /** POST /api/checkout/token/developer: mint a checkout token for the SDK. */
    createDeveloperToken(body: CreateDeveloperTokenRequest) {
      return raw.POST('/api/checkout/token/developer', { params: { header: credentials() }, body });
    },

    /**
     * GET /api/checkout/session — SDK-facing: the session behind a checkout token.
     * Safe in browsers: it needs only the token, never the API secret.
     */
    getSession(checkoutToken: string) {
      return raw.GET('/api/checkout/session', { headers: bearer(checkoutToken) });
    },

    /** POST /api/checkout/session/confirm — SDK-facing: completes an open session, once (409 after). */
    confirm(checkoutToken: string) {
      return raw.POST('/api/checkout/session/confirm', { headers: bearer(checkoutToken) });
    },

    /** GET /readyz */
    readiness() {
      return raw.GET('/readyz');
    },
  };
}

export type CheckoutClient = ReturnType<typeof createCheckoutClient>;
