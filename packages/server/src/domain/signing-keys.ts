// Each initiator has its own HS256 secret (256-bit random), created on first use
// and stored encrypted under the master key.
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { decrypt, encrypt } from '../crypto/encryption.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories, StoredSigningKey } from '../storage/index.js';

export interface SigningKey {
  kid: string;
  initiatorId: string;
  secret: Uint8Array;
}

const associatedData = (kid: string, initiatorId: string) => `signing-key:${kid}:initiator:${initiatorId}`;

/** Key material never changes for a kid, so it can be cached without expiry; revocation is checked per request elsewhere. */
const KEY_CACHE_SIZE = 1000;
/** Unknown kids are remembered briefly so a flood of forged kids does not become a flood of queries. */
const UNKNOWN_KID_TTL_MS = 5_000;

type CachedKey = SigningKey | { unknown: true };

export function createSigningKeys(deps: { signingKeys: Repositories['signingKeys']; keyring: Keyring }) {
  const verificationKeys = new LRUCache<string, CachedKey>({ max: KEY_CACHE_SIZE });
  function open(stored: StoredSigningKey): SigningKey {
    const keys = deps.keyring.byId(stored.masterKeyId);
    if (!keys) throw new Error(`signing key ${stored.id} is encrypted under master key ${stored.masterKeyId}, which is not configured`);
    const secret = decrypt(keys.encryptionKey, stored.ciphertext, associatedData(stored.id, stored.initiatorId));
    return { kid: stored.id, initiatorId: stored.initiatorId, secret: new Uint8Array(secret) };
  }

  return {
    /**
     * The key that verifies tokens with this kid (any generation, retired or not).
     * Bounded cache: a verification normally costs no key lookup or decryption.
     */
    async forVerification(kid: string): Promise<SigningKey | undefined> {
      const cached = verificationKeys.get(kid);
      if (cached) return 'unknown' in cached ? undefined : cached;
      const stored = await deps.signingKeys.findById(kid);
      if (!stored) {
        verificationKeys.set(kid, { unknown: true }, { ttl: UNKNOWN_KID_TTL_MS });
        return undefined;
      }
      const key = open(stored);
      verificationKeys.set(kid, key);
      return key;
    },

    /** The key that signs this initiator's new tokens, created if it has none. */
    async currentFor(initiatorId: string): Promise<SigningKey> {
      const stored = await deps.signingKeys.findOrCreateFirst(initiatorId, () => {
        const kid = `sk_${randomBytes(12).toString('base64url')}`;
        const { current } = deps.keyring;
        return {
          id: kid,
          initiatorId,
          ciphertext: encrypt(current.encryptionKey, randomBytes(32), associatedData(kid, initiatorId)),
          masterKeyId: current.id,
        };
      });
      return open(stored);
    },
  };
}
export type SigningKeys = ReturnType<typeof createSigningKeys>;
