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

    async find(id: string): Promise<{ id: string; initiatorId: string; revokedAt: Date | null } | null> {
      return prisma.apiKey.findUnique({ where: { id }, select: { id: true, initiatorId: true, revokedAt: true } });
    },

    /**
     * Adds a new secret and makes every other live secret expire at `graceEndsAt`
     * (never later than it already would), in one transaction.
     */
    async rotateSecret(apiKeyId: string, secret: { id: string; hash: string; hashKeyId: string }, graceEndsAt: Date): Promise<void> {
      await prisma.$transaction([
        prisma.apiSecret.updateMany({
          where: { apiKeyId, OR: [{ expiresAt: null }, { expiresAt: { gt: graceEndsAt } }] },
          data: { expiresAt: graceEndsAt },
        }),
        prisma.apiSecret.create({ data: { ...secret, apiKeyId }, select: { id: true } }),
      ]);
    },

    /** Replaces a hash made with an old master-derived key by one made with the current key. */
    async rehashSecret(secretId: string, fromHashKeyId: string, hash: string, hashKeyId: string): Promise<boolean> {
      const result = await prisma.apiSecret.updateMany({ where: { id: secretId, hashKeyId: fromHashKeyId }, data: { hash, hashKeyId } });
      return result.count === 1;
    },

    /** Live secrets per hashing key id, to tell when an old master key is no longer needed. */
    async countLiveSecretsByHashKey(now: Date): Promise<Record<string, number>> {
      const rows = await prisma.apiSecret.groupBy({
        by: ['hashKeyId'],
        _count: { _all: true },
        where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }], apiKey: { revokedAt: null } },
      });
      return Object.fromEntries(rows.map((r) => [r.hashKeyId, r._count._all]));
    },
  };
}
export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>;
