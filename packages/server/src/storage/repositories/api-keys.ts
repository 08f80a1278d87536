import type { PrismaClient } from '../database.js';

export interface ApiKeyForAuth {
  id: string;
  initiatorId: string;
  revoked: boolean;
  /** Secrets that are live at `now` (no expiry, or expiry in the future). */
  secrets: { id: string; hash: string; hashKeyId: string; expiresAt: Date | null }[];
}

export interface ApiKeySummary {
  id: string;
  name: string;
  initiatorId: string;
  initiatorName: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  id: string;
  name: string;
  /** An existing initiator, or a new one to create with the key. */
  initiator: { existingId: string } | { newId: string; displayName: string };
  secret: { id: string; hash: string; hashKeyId: string };
}

export function apiKeyRepository(prisma: PrismaClient) {
  return {
    async findForAuth(id: string, now: Date): Promise<ApiKeyForAuth | null> {
      const key = await prisma.apiKey.findUnique({
        where: { id },
        select: {
          id: true,
          initiatorId: true,
          revokedAt: true,
          secrets: {
            where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
            select: { id: true, hash: true, hashKeyId: true, expiresAt: true },
          },
        },
      });
      if (!key) return null;
      return { id: key.id, initiatorId: key.initiatorId, revoked: key.revokedAt !== null, secrets: key.secrets };
    },

    async create(input: NewApiKey): Promise<void> {
      const secrets = { create: [input.secret] };
      if ('existingId' in input.initiator) {
        await prisma.apiKey.create({
          data: { id: input.id, name: input.name, initiatorId: input.initiator.existingId, secrets },
        });
      } else {
        await prisma.initiator.create({
          data: {
            id: input.initiator.newId,
            displayName: input.initiator.displayName,
            apiKeys: { create: [{ id: input.id, name: input.name, secrets }] },
          },
        });
      }
    },

    async initiatorExists(id: string): Promise<boolean> {
      return (await prisma.initiator.count({ where: { id } })) > 0;
    },

    async list(): Promise<ApiKeySummary[]> {
      const rows = await prisma.apiKey.findMany({
        orderBy: { createdAt: 'asc' },
        select: { id: true, name: true, initiatorId: true, createdAt: true, revokedAt: true, initiator: { select: { displayName: true } } },
      });
      return rows.map(({ initiator, ...row }) => ({ ...row, initiatorName: initiator.displayName }));
    },

    /** Marks the key revoked; false if there is no such key or it was already revoked. */
    async revoke(id: string, at: Date): Promise<boolean> {
      const result = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
      return result.count === 1;
    },

    async exists(id: string): Promise<boolean> {
      return (await prisma.apiKey.count({ where: { id } })) > 0;
    },
  };
}
export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>;
