// Master-key rotation: set the new MASTER_KEY and list the old one in MASTER_KEYS_PREVIOUS,
// run `reencrypt`, and drop the old key once `status` shows nothing depends on it.
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories } from '../storage/index.js';
import type { Idempotency } from './idempotency.js';
import type { SigningKeys } from './signing-keys.js';

export interface MasterKeyStatus {
  current_master_key_id: string;
  signing_keys: Record<string, number>;
  /** Live API secrets by the master key their hash was made with (re-hashed on next use or rotation). */
  api_secrets: Record<string, number>;
  idempotency_records: Record<string, number>;
  /** True when nothing depends on a master key other than the current one. */
  previous_keys_unused: boolean;
}

export function createMasterKeyAdmin(deps: {
  repos: Repositories;
  keyring: Keyring;
  signingKeys: SigningKeys;
  idempotency: Idempotency;
  now: () => Date;
}) {
  return {
    async reencrypt(): Promise<{ signing_keys: number; idempotency_records: number }> {
      return {
        signing_keys: await deps.signingKeys.reencryptAll(),
        idempotency_records: await deps.idempotency.resealAll(),
      };
    },

    async status(): Promise<MasterKeyStatus> {
      const current = deps.keyring.current.id;
      const signing_keys = await deps.repos.signingKeys.countByMasterKey();
      const api_secrets = await deps.repos.apiKeys.countLiveSecretsByHashKey(deps.now());
      const idempotency_records = await deps.repos.idempotency.countByMasterKey();
      const others = [signing_keys, api_secrets, idempotency_records].flatMap((m) => Object.keys(m)).filter((id) => id !== current);
      return { current_master_key_id: current, signing_keys, api_secrets, idempotency_records, previous_keys_unused: others.length === 0 };
    },
  };
}
