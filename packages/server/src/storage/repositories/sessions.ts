import type { PrismaClient } from '../database.js';

export type SessionStatus = 'open' | 'completed';

export interface NewCheckoutSession {
  id: string;
  nonce: string;
  initiatorId: string;
  payerId: string;
  signingKeyId: string;
  /** Exact decimal as a string, e.g. "19.99". */
  amount: string;
  currency: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface CheckoutSession extends NewCheckoutSession {
  status: SessionStatus;
  completedAt: Date | null;
}

export function sessionRepository(prisma: PrismaClient) {
  return {
    async create(session: NewCheckoutSession): Promise<void> {
      await prisma.checkoutSession.create({ data: session, select: { id: true } });
    },

    async findByNonce(nonce: string): Promise<CheckoutSession | null> {
      const row = await prisma.checkoutSession.findUnique({ where: { nonce } });
      return row ? { ...row, amount: row.amount.toString() } : null;
    },

    async count(): Promise<number> {
      return prisma.checkoutSession.count();
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
