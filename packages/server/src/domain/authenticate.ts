// Checks X-Api-Key + X-Api-Secret. Every failure is the same InvalidCredentials,
// and an unknown key costs the same hash as a known one.
import { hashApiSecret, isUuid, secretMatches } from '../crypto/api-secrets.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories } from '../storage/index.js';
import { InvalidCredentials } from './errors.js';

export interface Principal {
  apiKeyId: string;
  initiatorId: string;
}

const DUMMY_HASH = '0'.repeat(64);

export function createAuthenticator(deps: { apiKeys: Repositories['apiKeys']; keyring: Keyring; now: () => Date }) {
  return async function authenticate(apiKey: string, apiSecret: string): Promise<Principal> {
    const key = isUuid(apiKey) ? await deps.apiKeys.findForAuth(apiKey.toLowerCase(), deps.now()) : null;
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
    }
    return { apiKeyId: key.id, initiatorId: key.initiatorId };
  };
}
export type Authenticate = ReturnType<typeof createAuthenticator>;
