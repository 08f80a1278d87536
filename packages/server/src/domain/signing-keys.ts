// Each initiator has its own HS256 secret (256-bit random), created on first use and
// stored encrypted under the master key. Rotation makes a new generation current; older
// keys keep verifying the tokens they signed until revoked.
import { randomBytes, webcrypto } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { freshCache } from './fresh-cache.js';
import { decrypt, encrypt } from '../crypto/encryption.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories, StoredSigningKey } from '../storage/index.js';
import { AppError } from './errors.js';

export interface SigningKey {
  kid: string;
  initiatorId: string;
  secret: Uint8Array;
  /** The same secret imported once for WebCrypto: jose signs and verifies with it without re-importing. */
  cryptoKey: webcrypto.CryptoKey;
}

export interface SigningKeySummary {
  kid: string;
  generation: number;
  state: 'current' | 'retired' | 'revoked';
  created_at: string;
}

const associatedData = (kid: string, initiatorId: string) => `signing-key:${kid}:initiator:${initiatorId}`;

/** Key material never changes for a kid, so it can be cached without expiry; revocation is checked per request elsewhere. */
const KEY_CACHE_SIZE = 1000;
/** Unknown kids are remembered briefly so a flood of forged kids does not become a flood of queries. */
const UNKNOWN_KID_TTL_MS = 5_000;

type CachedKey = SigningKey | { unknown: true };

export function createSigningKeys(deps: {
  signingKeys: Repositories['signingKeys'];
  keyring: Keyring;
  now: () => Date;
  /** How long an initiator's current key is served from memory (rotation/revocation elsewhere is seen within it). */
  currentTtlMs?: number;
}) {
  const verificationKeys = new LRUCache<string, CachedKey>({ max: KEY_CACHE_SIZE });
  // Created on first use, so the read is also a write: concurrent first requests share it.
  const currentKeys = freshCache<string, SigningKey>({
    max: KEY_CACHE_SIZE,
    ttlMs: deps.currentTtlMs ?? 0,
    load: async (initiatorId) => open(await deps.signingKeys.findOrCreateCurrent(initiatorId, () => make(initiatorId))),
  });

  async function open(stored: StoredSigningKey): Promise<SigningKey> {
    const keys = deps.keyring.byId(stored.masterKeyId);
    if (!keys) throw new Error(`signing key ${stored.id} is encrypted under master key ${stored.masterKeyId}, which is not configured`);
    const secret = new Uint8Array(decrypt(keys.encryptionKey, stored.ciphertext, associatedData(stored.id, stored.initiatorId)));
    const cryptoKey = await webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return { kid: stored.id, initiatorId: stored.initiatorId, secret, cryptoKey };
  }

  function make(initiatorId: string) {
    const kid = `sk_${randomBytes(12).toString('base64url')}`;
    const { current } = deps.keyring;
    return {
      id: kid,
      initiatorId,
      ciphertext: encrypt(current.encryptionKey, randomBytes(32), associatedData(kid, initiatorId)),
      masterKeyId: current.id,
    };
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
      const key = await open(stored);
      verificationKeys.set(kid, key);
      return key;
    },

    /** The key that signs this initiator's new tokens, created if it has none live. */
    async currentFor(initiatorId: string): Promise<SigningKey> {
      const key = await currentKeys.get(initiatorId);
      if (!key) throw new Error(`no current signing key for initiator ${initiatorId}`);
      return key;
    },

    /** New tokens get a new kid; tokens signed by the old keys keep verifying until they expire. */
    async rotate(initiatorId: string): Promise<SigningKeySummary> {
      const created = await deps.signingKeys.rotate(initiatorId, () => make(initiatorId), deps.now());
      currentKeys.delete(initiatorId);
      return { kid: created.id, generation: created.generation, state: 'current', created_at: deps.now().toISOString() };
    },

    /** Tokens signed by this key stop verifying at once; the next token gets a new key. */
    async revoke(initiatorId: string, kid: string): Promise<void> {
      const stored = await deps.signingKeys.findById(kid);
      if (!stored || stored.initiatorId !== initiatorId) throw new AppError(404, `no signing key ${kid} for this API key's initiator`);
      const revoked = await deps.signingKeys.revoke(kid, deps.now());
      currentKeys.delete(initiatorId);
      if (!revoked) throw new AppError(409, `signing key ${kid} is already revoked`);
    },

    async list(initiatorId: string): Promise<SigningKeySummary[]> {
      const keys = await deps.signingKeys.listFor(initiatorId);
      const live = keys.filter((k) => !k.revokedAt && !k.retiredAt);
      const currentKid = live.at(-1)?.id;
      return keys.map((k) => ({
        kid: k.id,
        generation: k.generation,
        state: k.revokedAt ? 'revoked' : k.id === currentKid ? 'current' : 'retired',
        created_at: k.createdAt.toISOString(),
      }));
    },

    /** Re-encrypts every signing key not yet under the current master key. */
    async reencryptAll(): Promise<number> {
      const { current } = deps.keyring;
      let count = 0;
      for (const stored of await deps.signingKeys.listNotUnder(current.id)) {
        const { secret } = await open(stored);
        const ciphertext = encrypt(current.encryptionKey, Buffer.from(secret), associatedData(stored.id, stored.initiatorId));
        if (await deps.signingKeys.reseal(stored.id, stored.masterKeyId, ciphertext, current.id)) count++;
      }
      return count;
    },
  };
}
export type SigningKeys = ReturnType<typeof createSigningKeys>;
