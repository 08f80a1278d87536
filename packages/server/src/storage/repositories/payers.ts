import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../database.js';
import { isUniqueViolation } from '../errors.js';

export const PLATFORM_ID = 1;

export type PayerIdentity =
  | { kind: 'email'; email: string }
  | { kind: 'phone'; phone: string; phoneCountryCode: string };

export interface Payer {
  id: string;
  email: string | null;
  phone: string | null;
  phoneCountryCode: string | null;
}

const select = { id: true, email: true, phone: true, phoneCountryCode: true } as const;

export function payerRepository(prisma: PrismaClient) {
  const find = (identity: PayerIdentity) =>
    identity.kind === 'email'
      ? prisma.payer.findUnique({ where: { platformId_email: { platformId: PLATFORM_ID, email: identity.email } }, select })
      : prisma.payer.findUnique({
          where: {
            platformId_phoneCountryCode_phone: {
              platformId: PLATFORM_ID,
              phoneCountryCode: identity.phoneCountryCode,
              phone: identity.phone,
            },
          },
          select,
        });

  return {
    /**
     * The payer with this identity, created if new. Concurrent first requests race on the
     * unique index; the losers read the winner's row instead of locking anything.
     */
    async findOrCreate(identity: PayerIdentity): Promise<Payer> {
      const existing = await find(identity);
      if (existing) return existing;
      const data =
        identity.kind === 'email'
          ? { id: randomUUID(), platformId: PLATFORM_ID, email: identity.email }
          : { id: randomUUID(), platformId: PLATFORM_ID, phone: identity.phone, phoneCountryCode: identity.phoneCountryCode };
      try {
        return await prisma.payer.create({ data, select });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await find(identity);
        if (!winner) throw error;
        return winner;
      }
    },
  };
}
export type PayerRepository = ReturnType<typeof payerRepository>;
