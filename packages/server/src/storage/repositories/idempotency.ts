import type { PrismaClient } from '../database.js';
import { isUniqueViolation } from '../errors.js';

export interface IdempotencyRecord {
  id: string;
  fingerprint: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: string | null;
  masterKeyId: string | null;
  lockedAt: Date;
  expiresAt: Date;
}

const select = {
  id: true,
  fingerprint: true,
  state: true,
  responseStatus: true,
  responseBody: true,
  masterKeyId: true,
  lockedAt: true,
  expiresAt: true,
} as const;

export function idempotencyRepository(prisma: PrismaClient) {
  return {
    /** Takes the key for a new request; if another request already holds it, returns that record. */
    async claim(input: { id: string; apiKeyId: string; key: string; fingerprint: string; now: Date; expiresAt: Date }): Promise<
      { claimed: true } | { claimed: false; existing: IdempotencyRecord | null }
    > {
      try {
        await prisma.idempotencyRecord.create({
          data: {
            id: input.id,
            apiKeyId: input.apiKeyId,
            key: input.key,
            fingerprint: input.fingerprint,
            lockedAt: input.now,
            createdAt: input.now,
            expiresAt: input.expiresAt,
          },
          select: { id: true },
        });
        return { claimed: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await prisma.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: input.apiKeyId, key: input.key } }, select });
        return { claimed: false, existing };
      }
    },

    /** Takes over a request that has held the key since before `staleBefore` (its process likely died). */
    async takeOver(id: string, staleBefore: Date, now: Date): Promise<boolean> {
      const result = await prisma.idempotencyRecord.updateMany({
        where: { id, state: 'in_progress', lockedAt: { lt: staleBefore } },
        data: { lockedAt: now },
      });
      return result.count === 1;
    },

    async complete(id: string, response: { status: number; sealedBody: string; masterKeyId: string }): Promise<void> {
      await prisma.idempotencyRecord.update({
        where: { id },
        data: { state: 'completed', responseStatus: response.status, responseBody: response.sealedBody, masterKeyId: response.masterKeyId },
        select: { id: true },
      });
    },

    /** Gives the key back after a failed request, so a retry can run. */
    async release(id: string): Promise<void> {
      await prisma.idempotencyRecord.deleteMany({ where: { id, state: 'in_progress' } });
    },

    async deleteIfExpired(id: string, now: Date): Promise<void> {
      await prisma.idempotencyRecord.deleteMany({ where: { id, expiresAt: { lte: now } } });
    },

    async deleteExpired(now: Date): Promise<number> {
      return (await prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count;
    },

    async listSealed(notUnderMasterKeyId: string): Promise<{ id: string; responseBody: string; masterKeyId: string }[]> {
      const rows = await prisma.idempotencyRecord.findMany({
        where: { state: 'completed', NOT: { masterKeyId: notUnderMasterKeyId } },
        select: { id: true, responseBody: true, masterKeyId: true },
      });
      return rows.flatMap((r) => (r.responseBody && r.masterKeyId ? [{ id: r.id, responseBody: r.responseBody, masterKeyId: r.masterKeyId }] : []));
    },

    async reseal(id: string, fromMasterKeyId: string, sealedBody: string, masterKeyId: string): Promise<boolean> {
      const result = await prisma.idempotencyRecord.updateMany({ where: { id, masterKeyId: fromMasterKeyId }, data: { responseBody: sealedBody, masterKeyId } });
      return result.count === 1;
    },

    async countByMasterKey(): Promise<Record<string, number>> {
      const rows = await prisma.idempotencyRecord.groupBy({ by: ['masterKeyId'], _count: { _all: true }, where: { state: 'completed' } });
      return Object.fromEntries(rows.map((r) => [r.masterKeyId ?? 'none', r._count._all]));
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
