// API key management (used by the CLI): create shows the secret once; list never does.
import { randomUUID } from 'node:crypto';
import { generateApiKeyId, generateApiSecret, hashApiSecret, isUuid } from '../crypto/api-secrets.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ApiKeySummary, Repositories } from '../storage/index.js';
import { AppError } from './errors.js';

export interface CreatedApiKey {
  api_key: string;
  api_secret: string;
  initiator_id: string;
}

export function createApiKeyAdmin(deps: { apiKeys: Repositories['apiKeys']; keyring: Keyring; now: () => Date }) {
  return {
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
      if (!(await deps.apiKeys.revoke(apiKey.toLowerCase(), deps.now()))) {
        throw new AppError(409, `API key ${apiKey} is already revoked`);
      }
    },
  };
}
export type ApiKeyAdmin = ReturnType<typeof createApiKeyAdmin>;
