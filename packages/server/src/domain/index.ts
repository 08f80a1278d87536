// Wires the use cases to storage and crypto. Routes and the CLI receive these services.
import type { Keyring } from '../crypto/keyring.js';
import { createIdempotency } from './idempotency.js';
import type { RateLimits } from './rate-limits.js';
import type { Repositories } from '../storage/index.js';
import { createApiKeyAdmin } from './api-keys.js';
import { createAuthenticator } from './authenticate.js';
import { createCheckoutSessions } from './checkout-sessions.js';
import { createTokenIssuer, type TokenSettings } from './issue-checkout-token.js';
import { createMasterKeyAdmin } from './master-keys.js';
import { createSigningKeys } from './signing-keys.js';

export function createServices(deps: {
  repos: Repositories;
  keyring: Keyring;
  token: TokenSettings & { clockToleranceSeconds: number };
  rateLimits: RateLimits;
  idempotencyWaitMs?: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const signingKeys = createSigningKeys({ signingKeys: deps.repos.signingKeys, keyring: deps.keyring, now });
  const idempotency = createIdempotency({
    records: deps.repos.idempotency,
    keyring: deps.keyring,
    now,
    ...(deps.idempotencyWaitMs !== undefined ? { waitMs: deps.idempotencyWaitMs } : {}),
  });
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
    idempotency,
    masterKeys: createMasterKeyAdmin({ repos: deps.repos, keyring: deps.keyring, signingKeys, idempotency, now }),
    rateLimits: deps.rateLimits,
    apiKeys: createApiKeyAdmin({ apiKeys: deps.repos.apiKeys, keyring: deps.keyring, signingKeys, now }),
  };
}
export type Services = ReturnType<typeof createServices>;
