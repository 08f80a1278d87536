// API key management (used by the CLI): create shows the secret once; list never does.
import { randomUUID } from 'node:crypto';
import { generateApiKeyId, generateApiSecret, hashApiSecret, isUuid } from '../crypto/api-secrets.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ApiKeySummary, Repositories } from '../storage/index.js';
import { AppError } from './errors.js';
import type { SigningKeys, SigningKeySummary } from './signing-keys.js';

export interface CreatedApiKey {
  api_key: string;
  api_secret: string;
  initiator_id: string;
}

export interface RotatedApiKey {
  api_key: string;
  api_secret: string;
  /** When the previous secret(s) stop working. */
  previous_secret_expires_at: string;
}

export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 60 * 60;

export function createApiKeyAdmin(deps: {
  apiKeys: Repositories['apiKeys'];
  keyring: Keyring;
  signingKeys: SigningKeys;
  now: () => Date;
  /** Called after a change to a key's credentials, so this process sees it at once. */
  forget?: (apiKeyId: string) => void;
}) {
  async function activeKey(apiKey: string) {
    const key = isUuid(apiKey) ? await deps.apiKeys.find(apiKey.toLowerCase()) : null;
    if (!key) throw new AppError(404, `no API key ${apiKey}`);
    if (key.revokedAt) throw new AppError(409, `API key ${apiKey} is revoked`);
    return key;
  }

  return {
    /**
     * Issues a new secret (shown once). The old secret keeps working for `graceSeconds`
     * (0: stops at once), so clients can be redeployed without downtime.
     */
    async rotate(apiKey: string, graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS): Promise<RotatedApiKey> {
      if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > 30 * 86400) {
        throw new AppError(400, '--grace must be a whole number of seconds from 0 to 2592000 (30 days)');
      }
      const key = await activeKey(apiKey);
      const apiSecret = generateApiSecret();
      const graceEndsAt = new Date(deps.now().getTime() + graceSeconds * 1000);
      await deps.apiKeys.rotateSecret(
        key.id,
        { id: randomUUID(), hash: hashApiSecret(deps.keyring.current.hashKey, apiSecret), hashKeyId: deps.keyring.current.id },
        graceEndsAt,
      );
      deps.forget?.(key.id);
      return { api_key: key.id, api_secret: apiSecret, previous_secret_expires_at: graceEndsAt.toISOString() };
    },

    async rotateSigningKey(apiKey: string): Promise<SigningKeySummary> {
      return deps.signingKeys.rotate((await activeKey(apiKey)).initiatorId);
    },

    /** Revokes `kid`, or the current signing key when no kid is given. */
    async revokeSigningKey(apiKey: string, kid?: string): Promise<string> {
      const { initiatorId } = await activeKey(apiKey);
      const target = kid ?? (await deps.signingKeys.list(initiatorId)).find((k) => k.state === 'current')?.kid;
      if (!target) throw new AppError(404, 'this API key has no current signing key');
      await deps.signingKeys.revoke(initiatorId, target);
      return target;
    },

    async listSigningKeys(apiKey: string): Promise<SigningKeySummary[]> {
      return deps.signingKeys.list((await activeKey(apiKey)).initiatorId);
    },

    /** Creates a key for a new initiator named `name`, or for an existing initiator. */
    async create(input: { name: string; initiatorId?: string }): Promise<CreatedApiKey> {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 200) throw new AppError(400, 'name must be 1 to 200 characters');
      if (input.initiatorId !== undefined && !(await deps.apiKeys.initiatorExists(input.initiatorId))) {
        throw new AppError(404, `no initiator ${input.initiatorId}`);
      }
      const apiKey = generateApiKeyId();
      const apiSecret = generateApiSecret();
      const initiatorId = input.initiatorId ?? randomUUID();
      await deps.apiKeys.create({
        id: apiKey,
        name,
        initiator: input.initiatorId !== undefined ? { existingId: initiatorId } : { newId: initiatorId, displayName: name },
        secret: { id: randomUUID(), hash: hashApiSecret(deps.keyring.current.hashKey, apiSecret), hashKeyId: deps.keyring.current.id },
      });
      return { api_key: apiKey, api_secret: apiSecret, initiator_id: initiatorId };
    },

    list(): Promise<ApiKeySummary[]> {
      return deps.apiKeys.list();
    },

    async revoke(apiKey: string): Promise<void> {
      if (!isUuid(apiKey) || !(await deps.apiKeys.exists(apiKey.toLowerCase()))) {
        throw new AppError(404, `no API key ${apiKey}`);
      }
      const revoked = await deps.apiKeys.revoke(apiKey.toLowerCase(), deps.now());
      deps.forget?.(apiKey.toLowerCase());
      if (!revoked) throw new AppError(409, `API key ${apiKey} is already revoked`);
    },
  };
}
export type ApiKeyAdmin = ReturnType<typeof createApiKeyAdmin>;
