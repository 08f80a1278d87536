// New sessions are written in batches (group commit): every caller's promise resolves only once
// its row is committed, and one bad row in a batch does not fail the others. Both the write and
// the reads behind token verification are raw SQL; they must agree with Prisma's typed queries.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

describe.each(STORE_KINDS)('batched session writes on %s', (kind) => {
  let server: TestServer;
  let base: { initiatorId: string; payerId: string; signingKeyId: string };
  beforeAll(async () => {
    server = await startServer(kind);
    const key = await server.createApiKey('Writer');
    const signing = await server.service.services.signingKeys.currentFor(key.initiator_id);
    const payer = await server.service.repos.payers.findOrCreate({ kind: 'email', email: 'writer@example.com' });
    base = { initiatorId: key.initiator_id, payerId: payer.id, signingKeyId: signing.kid };
  });
  afterAll(() => server?.close());

  const session = (overrides: Partial<{ payerId: string; amount: string }> = {}) => {
    const now = new Date();
    return {
      id: randomUUID(),
      nonce: randomBytes(16).toString('base64url'),
      ...base,
      amount: '19.99',
      currency: 'USD',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 900_000),
      ...overrides,
    };
  };

  it('stores every one of 300 concurrent sessions, readable as Prisma writes them', async () => {
    const sessions = Array.from({ length: 300 }, (_, i) => session({ amount: `${i + 1}.25` }));
    await Promise.all(sessions.map((s) => server.service.repos.sessions.create(s)));
    for (const s of [sessions[0]!, sessions[150]!, sessions[299]!]) {
      const stored = await server.service.repos.sessions.findForToken(s.nonce);
      expect(stored).toMatchObject({ id: s.id, amount: s.amount, currency: 'USD', status: 'open', payerId: base.payerId });
      expect(stored!.expiresAt.toISOString()).toBe(s.expiresAt.toISOString());
      expect(stored!.createdAt.toISOString()).toBe(s.createdAt.toISOString());
    }
    const [row] = await server.store.query('SELECT COUNT(*) AS n FROM "CheckoutSession"');
    expect(Number(row!.n)).toBeGreaterThanOrEqual(300);
  });

  it('fails only the bad row of a batch (a payer that does not exist), not its neighbours', async () => {
    const good = Array.from({ length: 20 }, () => session());
    const bad = session({ payerId: 'no-such-payer' });
    const results = await Promise.allSettled([...good.slice(0, 10), bad, ...good.slice(10)].map((s) => server.service.repos.sessions.create(s)));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[10]!.status).toBe('rejected');
    for (const s of good) expect(await server.service.repos.sessions.findForToken(s.nonce)).not.toBeNull();
    expect(await server.service.repos.sessions.findForToken(bad.nonce)).toBeNull();
  });

  it.each(['0.0000001', '0.1', '19.99', '100000', '99999.99999999', '12.5'])(
    'reads amount %s, dates, completion and revocation exactly as Prisma reads them',
    async (amount) => {
      const s = session({ amount });
      await server.service.repos.sessions.create(s);
      const typed = () =>
        server.service.db.prisma.checkoutSession.findUnique({
          where: { nonce: s.nonce },
          include: { initiator: true, payer: true, signingKey: true },
        });
      const expectSame = async () => {
        const row = (await typed())!;
        expect(await server.service.repos.sessions.findForToken(s.nonce)).toEqual({
          id: row.id,
          nonce: row.nonce,
          initiatorId: row.initiatorId,
          payerId: row.payerId,
          signingKeyId: row.signingKeyId,
          amount: row.amount.toString(),
          currency: row.currency,
          status: row.status,
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
          completedAt: row.completedAt,
          merchantDisplayName: row.initiator.displayName,
          payer: { email: row.payer.email, phone: row.payer.phone, phoneCountryCode: row.payer.phoneCountryCode },
          signingKeyRevoked: row.signingKey.revokedAt !== null,
        });
      };
      await expectSame();
      expect(Number((await server.service.repos.sessions.findForToken(s.nonce))!.amount)).toBe(Number(amount));
      expect(await server.service.repos.sessions.complete(s.nonce, new Date())).toBe(true);
      await expectSame();
      expect((await server.service.repos.sessions.findForToken(s.nonce))!.completedAt).toBeInstanceOf(Date);
    },
  );

  it('reads many sessions in one call as it reads each alone, past the 500 nonces of one statement', async () => {
    const sessions = Array.from({ length: 520 }, (_, i) => session({ amount: `${i + 1}.5` }));
    await Promise.all(sessions.map((s) => server.service.repos.sessions.create(s)));
    const unknown = randomBytes(16).toString('base64url');
    const found = await server.service.repos.sessions.findManyForToken([...sessions.map((s) => s.nonce), unknown]);
    expect(found.size).toBe(520);
    expect(found.has(unknown)).toBe(false);
    for (const s of [sessions[0]!, sessions[499]!, sessions[500]!, sessions[519]!]) {
      expect(found.get(s.nonce)).toEqual(await server.service.repos.sessions.findForToken(s.nonce));
    }
    expect(sessions.every((s) => found.get(s.nonce)?.amount === s.amount)).toBe(true);
    expect((await server.service.repos.sessions.findManyForToken([])).size).toBe(0);
  });

  it('reads a revoked signing key as revoked', async () => {
    const key = await server.createApiKey('Revoked reader');
    const signing = await server.service.services.signingKeys.currentFor(key.initiator_id);
    const s = { ...session(), initiatorId: key.initiator_id, signingKeyId: signing.kid };
    await server.service.repos.sessions.create(s);
    expect((await server.service.repos.sessions.findForToken(s.nonce))!.signingKeyRevoked).toBe(false);
    await server.service.services.signingKeys.revoke(key.initiator_id, signing.kid);
    expect((await server.service.repos.sessions.findForToken(s.nonce))!.signingKeyRevoked).toBe(true);
  });

  it('keeps an exact decimal through the raw insert (PostgreSQL NUMERIC)', async () => {
    const s = session({ amount: '99999.99999999' });
    await server.service.repos.sessions.create(s);
    expect((await server.service.repos.sessions.findForToken(s.nonce))!.amount).toBe('99999.99999999');
  });
});
