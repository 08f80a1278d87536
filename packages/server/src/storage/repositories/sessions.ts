import type { Database } from '../database.js';

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

/**
 * The row behind SessionForToken: the session and what the SDK view and token checks need.
 * Raw queries through Prisma return DateTime columns as Date and Decimal as Prisma's Decimal on
 * both stores (`test/session-writes.test.ts` compares this read with the typed one).
 */
interface SessionForTokenRow {
  id: string;
  nonce: string;
  initiatorId: string;
  payerId: string;
  signingKeyId: string;
  amount: { toString(): string };
  currency: string;
  status: SessionStatus;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  phoneCountryCode: string | null;
  revokedAt: Date | null;
}

const COLUMNS_FOR_TOKEN = [
  's."id"',
  's."nonce"',
  's."initiatorId"',
  's."payerId"',
  's."signingKeyId"',
  's."amount"',
  's."currency"',
  's."status"',
  's."createdAt"',
  's."expiresAt"',
  's."completedAt"',
  'i."displayName"',
  'p."email"',
  'p."phone"',
  'p."phoneCountryCode"',
  'k."revokedAt"',
].join(', ');

/** Nonces per statement: far below SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const NONCES_PER_READ = 500;

const COLUMNS = ['id', 'nonce', 'initiatorId', 'payerId', 'signingKeyId', 'amount', 'currency', 'createdAt', 'expiresAt'] as const;

/**
 * One multi-row INSERT for a batch of new sessions. A raw (parameterised) statement through
 * Prisma: its typed createMany costs ~350 µs of CPU per row, this ~50 µs. Values are written
 * as Prisma writes them (decimal as text, timestamps as ISO-8601 UTC), so typed reads match.
 */
function insertSessions(db: Database, sessions: NewCheckoutSession[]) {
  const pg = db.provider === 'postgresql';
  const stamp = (d: Date) => d.toISOString().replace('Z', '+00:00');
  const params: unknown[] = [];
  const rows = sessions.map((s) => {
    const values = [s.id, s.nonce, s.initiatorId, s.payerId, s.signingKeyId, s.amount, s.currency, stamp(s.createdAt), stamp(s.expiresAt)];
    const placeholders = values.map((value, i) => {
      params.push(value);
      if (!pg) return '?';
      const n = `$${params.length}`;
      return i === 5 ? `${n}::numeric` : i >= 7 ? `${n}::timestamp` : n;
    });
    return `(${placeholders.join(', ')})`;
  });
  const columns = COLUMNS.map((c) => `"${c}"`).join(', ');
  return db.prisma.$executeRawUnsafe(`INSERT INTO ${db.table('CheckoutSession')} (${columns}) VALUES ${rows.join(', ')}`, ...params);
}

/**
 * Group commit for new sessions: every insert requested while a write is in flight is
 * written together in the next one (one statement instead of one round trip each).
 * A caller's promise resolves only after its row is committed, so nothing is answered before
 * it is stored. If a batch fails, its rows are retried one by one so one bad row cannot fail others.
 */
function createSessionWriter(db: Database, maxBatch = 200) {
  type Pending = { session: NewCheckoutSession; resolve: () => void; reject: (error: unknown) => void };
  let queue: Pending[] = [];
  let writing = false;

  async function writeOne(p: Pending) {
    try {
      await insertSessions(db, [p.session]);
      p.resolve();
    } catch (error) {
      p.reject(error);
    }
  }

  async function flush() {
    if (writing || queue.length === 0) return;
    writing = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      if (batch.length === 1) {
        await writeOne(batch[0]!);
      } else {
        try {
          await insertSessions(db, batch.map((p) => p.session));
          for (const p of batch) p.resolve();
        } catch {
          for (const p of batch) await writeOne(p);
        }
      }
    } finally {
      writing = false;
      if (queue.length > 0) setImmediate(flush);
    }
  }

  return (session: NewCheckoutSession) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ session, resolve, reject });
      // Let the requests of this turn of the event loop join the batch.
      if (!writing && queue.length === 1) setImmediate(flush);
    });
}

export function sessionRepository(db: Database) {
  const { prisma } = db;
  const write = createSessionWriter(db);
  // One raw JOIN: Prisma's typed findUnique with the three relations cost ~1.5 ms of CPU per read
  // (measured on SQLite and PostgreSQL), this ~0.5 ms. Every SDK call on a token not yet cached reads it.
  // Several nonces are read in one statement (`findManyForToken`): the cache behind verification
  // re-reads the sessions in use together, and each statement has a fixed cost of its own.
  const forTokenSql = (count: number) =>
    `SELECT ${COLUMNS_FOR_TOKEN} FROM ${db.table('CheckoutSession')} s ` +
    `JOIN ${db.table('Initiator')} i ON i."id" = s."initiatorId" ` +
    `JOIN ${db.table('Payer')} p ON p."id" = s."payerId" ` +
    `JOIN ${db.table('SigningKey')} k ON k."id" = s."signingKeyId" ` +
    `WHERE s."nonce" IN (${Array.from({ length: count }, (_, i) => (db.provider === 'postgresql' ? `$${i + 1}` : '?')).join(', ')})`;

  function toSession(row: SessionForTokenRow): SessionForToken {
    const { amount, displayName, email, phone, phoneCountryCode, revokedAt, ...session } = row;
    return {
      ...session,
      amount: amount.toString(),
      merchantDisplayName: displayName,
      payer: { email, phone, phoneCountryCode },
      signingKeyRevoked: revokedAt !== null,
    };
  }

  /** The sessions of these nonces, by nonce (a nonce without a session is absent): one statement per NONCES_PER_READ. */
  async function findManyForToken(nonces: readonly string[]): Promise<Map<string, SessionForToken>> {
    const found = new Map<string, SessionForToken>();
    for (let start = 0; start < nonces.length; start += NONCES_PER_READ) {
      const part = nonces.slice(start, start + NONCES_PER_READ);
      const rows = await prisma.$queryRawUnsafe<SessionForTokenRow[]>(forTokenSql(part.length), ...part);
      for (const row of rows) found.set(row.nonce, toSession(row));
    }
    return found;
  }

  async function findForToken(nonce: string): Promise<SessionForToken | null> {
    return (await findManyForToken([nonce])).get(nonce) ?? null;
  }

  return {
    findForToken,
    findManyForToken,

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

    /** Stores a new session; resolves once it is committed (possibly together with others). */
    create: write,
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
