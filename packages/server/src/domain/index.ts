// Wires the use cases to storage and crypto. Routes and the CLI receive these services.
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories } from '../storage/index.js';
import { createApiKeyAdmin } from './api-keys.js';
import { createAuthenticator } from './authenticate.js';
import { createCheckoutSessions } from './checkout-sessions.js';
import { createTokenIssuer, type TokenSettings } from './issue-checkout-token.js';
import { createSigningKeys } from './signing-keys.js';

export function createServices(deps: {
  repos: Repositories;
  keyring: Keyring;
  token: TokenSettings & { clockToleranceSeconds: number };
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const signingKeys = createSigningKeys({ signingKeys: deps.repos.signingKeys, keyring: deps.keyring });
  return {
    authenticate: createAuthenticator({ apiKeys: deps.repos.apiKeys, keyring: deps.keyring, now }),
    issueCheckoutToken: createTokenIssuer({
      payers: deps.repos.payers,
      sessions: deps.repos.sessions,
      signingKeys,
      settings: deps.token,
      now,
    }),
    signingKeys,
    checkoutSessions: createCheckoutSessions({ sessions: deps.repos.sessions, signingKeys, settings: deps.token, now }),
    apiKeys: createApiKeyAdmin({ apiKeys: deps.repos.apiKeys, keyring: deps.keyring, now }),
  };
}
export type Services = ReturnType<typeof createServices>;
