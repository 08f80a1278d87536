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

/** A session with what the SDK shows and what token verification must check. */
export interface SessionForToken extends CheckoutSession {
  merchantDisplayName: string;
  payer: { email: string | null; phone: string | null; phoneCountryCode: string | null };
  signingKeyRevoked: boolean;
}

const forTokenSelect = {
  id: true,
  nonce: true,
  initiatorId: true,
  payerId: true,
  signingKeyId: true,
  amount: true,
  currency: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  completedAt: true,
  initiator: { select: { displayName: true } },
  payer: { select: { email: true, phone: true, phoneCountryCode: true } },
  signingKey: { select: { revokedAt: true } },
} as const;

export function sessionRepository(prisma: PrismaClient) {
  async function findForToken(nonce: string): Promise<SessionForToken | null> {
    const row = await prisma.checkoutSession.findUnique({ where: { nonce }, select: forTokenSelect });
    if (!row) return null;
    const { initiator, payer, signingKey, amount, ...session } = row;
    return {
      ...session,
      amount: amount.toString(),
      merchantDisplayName: initiator.displayName,
      payer,
      signingKeyRevoked: signingKey.revokedAt !== null,
    };
  }

  return {
    findForToken,

    /**
     * Completes the session if it is still open and unexpired, in one conditional
     * UPDATE, so of any number of concurrent confirms exactly one succeeds.
     */
    async complete(nonce: string, now: Date): Promise<boolean> {
      const result = await prisma.checkoutSession.updateMany({
        where: { nonce, status: 'open', expiresAt: { gt: now } },
        data: { status: 'completed', completedAt: now },
      });
      return result.count === 1;
    },

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
