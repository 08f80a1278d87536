// Checks X-Api-Key + X-Api-Secret. Every failure is the same InvalidCredentials,
// and an unknown key costs the same hash as a known one.
import { hashApiSecret, isUuid, secretMatches } from '../crypto/api-secrets.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ApiKeyForAuth, Repositories } from '../storage/index.js';
import { InvalidCredentials } from './errors.js';
import { freshCache } from './fresh-cache.js';

export interface Principal {
  apiKeyId: string;
  initiatorId: string;
}

const DUMMY_HASH = '0'.repeat(64);

/**
 * Remembers API key rows (never a presented secret) for `ttlMs`, so a token request normally
 * costs no credential query. A revocation or rotation made by another process is seen within
 * `ttlMs`; made through this process (`forget`), at once. Unknown keys are remembered too, so a
 * flood of made-up keys does not become a flood of queries.
 */
export function createCredentialCache(deps: { apiKeys: Repositories['apiKeys']; now: () => Date; ttlMs: number }) {
  const cache = freshCache<string, ApiKeyForAuth>({
    max: 10_000,
    ttlMs: deps.ttlMs,
    load: (apiKeyId) => deps.apiKeys.findForAuth(apiKeyId, deps.now()),
    rememberMissing: true,
  });
  return {
    async find(apiKeyId: string): Promise<ApiKeyForAuth | null> {
      const row = await cache.get(apiKeyId);
      if (!row) return null;
      // A secret whose grace ended while cached no longer counts.
      const now = deps.now().getTime();
      return { ...row, secrets: row.secrets.filter((s) => s.expiresAt === null || s.expiresAt.getTime() > now) };
    },
    forget(apiKeyId: string) {
      cache.delete(apiKeyId);
    },
  };
}
export type CredentialCache = ReturnType<typeof createCredentialCache>;

export function createAuthenticator(deps: { apiKeys: Repositories['apiKeys']; credentials: CredentialCache; keyring: Keyring; now: () => Date }) {
  return async function authenticate(apiKey: string, apiSecret: string): Promise<Principal> {
    const key = isUuid(apiKey) ? await deps.credentials.find(apiKey.toLowerCase()) : null;
    if (!key || key.revoked || key.secrets.length === 0) {
      secretMatches(deps.keyring.current.hashKey, apiSecret, DUMMY_HASH);
      throw new InvalidCredentials();
    }
    let matched: (typeof key.secrets)[number] | undefined;
    // Check every live secret (not stopping early) so timing does not reveal which matched.
    for (const secret of key.secrets) {
      const keys = deps.keyring.byId(secret.hashKeyId);
      if (keys && secretMatches(keys.hashKey, apiSecret, secret.hash)) matched = secret;
    }
    if (!matched) throw new InvalidCredentials();
    const { current } = deps.keyring;
    if (matched.hashKeyId !== current.id) {
      // Hashed under a previous master key: re-hash now that we hold the secret, so the old key can retire.
      await deps.apiKeys.rehashSecret(matched.id, matched.hashKeyId, hashApiSecret(current.hashKey, apiSecret), current.id);
      deps.credentials.forget(key.id);
    }
    return { apiKeyId: key.id, initiatorId: key.initiatorId };
  };
}
export type Authenticate = ReturnType<typeof createAuthenticator>;
