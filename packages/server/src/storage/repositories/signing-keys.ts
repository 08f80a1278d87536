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

export function signingKeyRepository(prisma: PrismaClient) {
  const current = (initiatorId: string) =>
    prisma.signingKey.findFirst({
      where: { initiatorId, retiredAt: null, revokedAt: null },
      orderBy: { generation: 'desc' },
      select,
    });

  return {
    /** The key that signs new tokens for this initiator, if any. */
    current,

    findById(id: string): Promise<StoredSigningKey | null> {
      return prisma.signingKey.findUnique({ where: { id }, select });
    },

    /**
     * The initiator's current key, or the first one made by `make` when it has none.
     * (initiatorId, generation) is unique, so concurrent creators cannot both win:
     * the losers read the winner's key.
     */
    async findOrCreateFirst(
      initiatorId: string,
      make: () => Omit<StoredSigningKey, 'retiredAt' | 'revokedAt' | 'generation'>,
    ): Promise<StoredSigningKey> {
      const existing = await current(initiatorId);
      if (existing) return existing;
      try {
        return await prisma.signingKey.create({ data: { ...make(), generation: 1 }, select });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await current(initiatorId);
        if (!winner) throw error;
        return winner;
      }
    },

    async countFor(initiatorId: string): Promise<number> {
      return prisma.signingKey.count({ where: { initiatorId } });
    },
  };
}
export type SigningKeyRepository = ReturnType<typeof signingKeyRepository>;
