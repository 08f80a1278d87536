import type { PrismaClient } from '../database.js';
import { isUniqueViolation } from '../errors.js';

export interface StoredSigningKey {
  id: string;
  initiatorId: string;
  generation: number;
  ciphertext: string;
  masterKeyId: string;
  retiredAt: Date | null;
  revokedAt: Date | null;
}

const select = {
  id: true,
  initiatorId: true,
  generation: true,
  ciphertext: true,
  masterKeyId: true,
  retiredAt: true,
  revokedAt: true,
} as const;

export type NewSigningKey = Omit<StoredSigningKey, 'retiredAt' | 'revokedAt' | 'generation'>;

export function signingKeyRepository(prisma: PrismaClient) {
  const latestGeneration = async (initiatorId: string) =>
    (await prisma.signingKey.aggregate({ where: { initiatorId }, _max: { generation: true } }))._max.generation ?? 0;

  /**
   * The current key is the newest generation, if it is live. Reading "newest" and "live" in one
   * query matters: a creator that lost the race for generation N+1 then sees the winner's key.
   */
  const current = async (initiatorId: string): Promise<StoredSigningKey | null> => {
    const newest = await prisma.signingKey.findFirst({ where: { initiatorId }, orderBy: { generation: 'desc' }, select });
    return newest && !newest.retiredAt && !newest.revokedAt ? newest : null;
  };

  return {
    /** The key that signs new tokens for this initiator, if any. */
    current,

    findById(id: string): Promise<StoredSigningKey | null> {
      return prisma.signingKey.findUnique({ where: { id }, select });
    },

    /**
     * The initiator's current key, or a new one (next generation) made by `make` when it
     * has none live. (initiatorId, generation) is unique, so concurrent creators cannot
     * both win: the losers read the winner's key.
     */
    async findOrCreateCurrent(initiatorId: string, make: () => NewSigningKey): Promise<StoredSigningKey> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const newest = await prisma.signingKey.findFirst({ where: { initiatorId }, orderBy: { generation: 'desc' }, select });
        if (newest && !newest.retiredAt && !newest.revokedAt) return newest;
        try {
          return await prisma.signingKey.create({ data: { ...make(), generation: (newest?.generation ?? 0) + 1 }, select });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      throw new Error(`could not settle the signing key of initiator ${initiatorId}`);
    },

    /**
     * Makes a new key the current one and retires the older ones: they keep verifying
     * the tokens they signed, but sign nothing new.
     */
    async rotate(initiatorId: string, make: () => NewSigningKey, now: Date): Promise<StoredSigningKey> {
      for (let attempt = 0; ; attempt++) {
        const generation = (await latestGeneration(initiatorId)) + 1;
        try {
          const created = await prisma.signingKey.create({ data: { ...make(), generation }, select });
          await prisma.signingKey.updateMany({ where: { initiatorId, generation: { lt: generation }, retiredAt: null }, data: { retiredAt: now } });
          return created;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
    },

    /** Revokes a key: tokens it signed stop verifying at once. False if unknown or already revoked. */
    async revoke(id: string, now: Date): Promise<boolean> {
      return (await prisma.signingKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })).count === 1;
    },

    listFor(initiatorId: string): Promise<(StoredSigningKey & { createdAt: Date })[]> {
      return prisma.signingKey.findMany({ where: { initiatorId }, orderBy: { generation: 'asc' }, select: { ...select, createdAt: true } });
    },

    listNotUnder(masterKeyId: string): Promise<StoredSigningKey[]> {
      return prisma.signingKey.findMany({ where: { NOT: { masterKeyId } }, select });
    },

    async reseal(id: string, fromMasterKeyId: string, ciphertext: string, masterKeyId: string): Promise<boolean> {
      return (await prisma.signingKey.updateMany({ where: { id, masterKeyId: fromMasterKeyId }, data: { ciphertext, masterKeyId } })).count === 1;
    },

    async countByMasterKey(): Promise<Record<string, number>> {
      const rows = await prisma.signingKey.groupBy({ by: ['masterKeyId'], _count: { _all: true } });
      return Object.fromEntries(rows.map((r) => [r.masterKeyId, r._count._all]));
    },
  };
}
export type SigningKeyRepository = ReturnType<typeof signingKeyRepository>;
