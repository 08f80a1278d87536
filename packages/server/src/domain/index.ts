// Wires the use cases to storage and crypto. Routes and the CLI receive these services; each
// operation's handler calls one of them (issueDeveloperToken, checkoutSessions.view / .confirm).
import type { Keyring } from '../crypto/keyring.js';
import { createIdempotency } from './idempotency.js';
import type { RateLimits } from './rate-limits.js';
import type { Repositories } from '../storage/index.js';
import { createApiKeyAdmin } from './api-keys.js';
import { createAuthenticator, createCredentialCache } from './authenticate.js';
import { createCheckoutSessions } from './checkout-sessions.js';
import { createTokenIssuer, type TokenSettings } from './issue-checkout-token.js';
import { createDeveloperTokenIssuance } from './issue-developer-token.js';
import { createMasterKeyAdmin } from './master-keys.js';
import { createPayerResolver } from './payers.js';
import { createSigningKeys } from './signing-keys.js';

export function createServices(deps: {
  repos: Repositories;
  keyring: Keyring;
  token: TokenSettings & { clockToleranceSeconds: number };
  rateLimits: RateLimits;
  idempotencyWaitMs?: number;
  /** See Config.cacheTtlMs: how stale credentials, current signing keys and sessions may be. */
  cacheTtlMs?: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const cacheTtlMs = deps.cacheTtlMs ?? 0;
  const credentials = createCredentialCache({ apiKeys: deps.repos.apiKeys, now, ttlMs: cacheTtlMs });
  const signingKeys = createSigningKeys({ signingKeys: deps.repos.signingKeys, keyring: deps.keyring, now, currentTtlMs: cacheTtlMs });
  const idempotency = createIdempotency({
    records: deps.repos.idempotency,
    keyring: deps.keyring,
    now,
    ...(deps.idempotencyWaitMs !== undefined ? { waitMs: deps.idempotencyWaitMs } : {}),
  });
  return {
    issueDeveloperToken: createDeveloperTokenIssuance({
      authenticate: createAuthenticator({ apiKeys: deps.repos.apiKeys, credentials, keyring: deps.keyring, now }),
      issueCheckoutToken: createTokenIssuer({
        resolvePayer: createPayerResolver({ payers: deps.repos.payers }),
        sessions: deps.repos.sessions,
        signingKeys,
        settings: deps.token,
        now,
      }),
      idempotency,
      rateLimits: deps.rateLimits,
    }),
    signingKeys,
    checkoutSessions: createCheckoutSessions({ sessions: deps.repos.sessions, signingKeys, rateLimits: deps.rateLimits, settings: deps.token, now, cacheTtlMs }),
    idempotency,
    masterKeys: createMasterKeyAdmin({ repos: deps.repos, keyring: deps.keyring, signingKeys, idempotency, now }),
    rateLimits: deps.rateLimits,
    apiKeys: createApiKeyAdmin({ apiKeys: deps.repos.apiKeys, keyring: deps.keyring, signingKeys, now, forget: credentials.forget }),
  };
}
export type Services = ReturnType<typeof createServices>;
