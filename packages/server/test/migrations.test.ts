// Versioned migrations: a fresh database of each kind is migrated and serves every model;
// re-runs are no-ops; concurrent migrators do not collide; a tampered history is refused.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStore } from '../src/config.js';
import { Prisma } from '../src/storage/generated/sqlite/client.js';
import { migrate, MigrationError, openDatabase } from '../src/storage/index.js';
import { listMigrations } from '../src/storage/migrate.js';
import { STORE_KINDS, createTestStore, type TestStore } from '@checkout/test-support';

const stores: TestStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.drop()));
});

async function freshStore(kind: (typeof STORE_KINDS)[number]) {
  const store = await createTestStore(kind);
  stores.push(store);
  return { store, config: parseStore(store.databaseUrl, store.dataDir) };
}

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  it('applies every committed migration to a fresh database, once', async () => {
    const { config } = await freshStore(kind);
    const all = listMigrations(kind).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(config)).toEqual(all);
    expect(await migrate(config)).toEqual([]);
  });

  it('a freshly migrated database serves every model of the schema', async () => {
    const { config } = await freshStore(kind);
    await migrate(config);
    const db = await openDatabase(config);
    try {
      const { prisma } = db;
      const initiatorId = randomUUID();
      const payerId = randomUUID();
      const apiKeyId = randomUUID();
      // One write and one read per model; the list below must name every model Prisma knows.
      const exercised: Record<Prisma.ModelName, () => Promise<unknown>> = {
        Initiator: () => prisma.initiator.create({ data: { id: initiatorId, displayName: 'Shop' } }),
        ApiKey: () => prisma.apiKey.create({ data: { id: apiKeyId, initiatorId, name: 'k' } }),
        ApiSecret: () => prisma.apiSecret.create({ data: { id: randomUUID(), apiKeyId, hash: 'h', hashKeyId: 'mk_x' } }),
        SigningKey: () => prisma.signingKey.create({ data: { id: 'sk_test', initiatorId, generation: 1, ciphertext: 'c', masterKeyId: 'mk_x' } }),
        Payer: () => prisma.payer.create({ data: { id: payerId, email: 'm@example.com' } }),
        CheckoutSession: () =>
          prisma.checkoutSession.create({
            data: { id: randomUUID(), nonce: 'n', initiatorId, payerId, signingKeyId: 'sk_test', amount: '12.34', currency: 'USD', expiresAt: new Date() },
          }),
        IdempotencyRecord: () =>
          prisma.idempotencyRecord.create({ data: { id: randomUUID(), apiKeyId, key: 'k-1', fingerprint: 'f', expiresAt: new Date() } }),
      };
      expect(Object.keys(exercised).sort()).toEqual(Object.values(Prisma.ModelName).sort());
      for (const create of Object.values(exercised)) await create();
      expect(await prisma.initiator.count()).toBe(1);
      expect(await prisma.apiKey.count()).toBe(1);
      expect(await prisma.apiSecret.count()).toBe(1);
      expect(await prisma.signingKey.count()).toBe(1);
      expect(await prisma.payer.count()).toBe(1);
      expect(await prisma.idempotencyRecord.findFirstOrThrow()).toMatchObject({ key: 'k-1', state: 'in_progress' });
      const session = await prisma.checkoutSession.findUniqueOrThrow({ where: { nonce: 'n' }, include: { payer: true, initiator: true } });
      expect(session.amount.toString()).toBe('12.34');
      expect(session.status).toBe('open');
      expect(session.payer.email).toBe('m@example.com');
    } finally {
      await db.close();
    }
  });

  it('upgrading a database that has data keeps every row (each migration from the one before)', async () => {
    const { store, config } = await freshStore(kind);
    const all = listMigrations(kind).map((m) => m.name);
    await migrate(config, { target: all[0] });
    const q = (n: number) => (kind === 'sqlite' ? '?' : `$${n}`);
    const now = kind === 'sqlite' ? new Date().toISOString() : new Date();
    await store.query(`INSERT INTO "Initiator" (id, "displayName") VALUES ('i1', 'Shop')`);
    await store.query(`INSERT INTO "Payer" (id, email) VALUES ('p1', 'old@example.com')`);
    await store.query(`INSERT INTO "SigningKey" (id, "initiatorId", generation, ciphertext, "masterKeyId") VALUES ('k1', 'i1', 1, 'c', 'mk')`);
    await store.query(
      `INSERT INTO "CheckoutSession" (id, nonce, "initiatorId", "payerId", "signingKeyId", amount, currency, "expiresAt") VALUES ('s1', 'n1', 'i1', 'p1', 'k1', 12.5, 'USD', ${q(1)})`,
      [now],
    );
    expect(await migrate(config)).toEqual(all.slice(1));
    expect(await store.query(`SELECT id, nonce, "signingKeyId" FROM "CheckoutSession"`)).toEqual([{ id: 's1', nonce: 'n1', signingKeyId: 'k1' }]);
  });

  it('enforces the unique constraints the race handling relies on', async () => {
    const { config } = await freshStore(kind);
    await migrate(config);
    const db = await openDatabase(config);
    try {
      await db.prisma.payer.create({ data: { id: randomUUID(), email: 'dup@example.com' } });
      await expect(db.prisma.payer.create({ data: { id: randomUUID(), email: 'dup@example.com' } })).rejects.toMatchObject({ code: 'P2002' });
      // Null emails (phone payers) do not collide with each other.
      await db.prisma.payer.create({ data: { id: randomUUID(), phone: '123456', phoneCountryCode: '+1' } });
      await db.prisma.payer.create({ data: { id: randomUUID(), phone: '654321', phoneCountryCode: '+1' } });
    } finally {
      await db.close();
    }
  });

  it('concurrent migrators apply each migration exactly once', async () => {
    const { config } = await freshStore(kind);
    const results = await Promise.all([migrate(config), migrate(config), migrate(config)]);
    expect(results.flat().sort()).toEqual(listMigrations(kind).map((m) => m.name).sort());
  });

  it('refuses to run when an applied migration was changed afterwards', async () => {
    const { store, config } = await freshStore(kind);
    await migrate(config);
    await store.query(`UPDATE "_checkout_migrations" SET checksum = 'tampered'`);
    await expect(migrate(config)).rejects.toThrow(MigrationError);
    await expect(migrate(config)).rejects.toThrow(/changed after it was applied/);
  });

  it('refuses to run against a database migrated by a newer release', async () => {
    const { store, config } = await freshStore(kind);
    await migrate(config);
    await store.query(`INSERT INTO "_checkout_migrations" (name, checksum, applied_at) VALUES ('9999_future', 'x', ${kind === 'sqlite' ? "'2030-01-01'" : 'now()'})`);
    await expect(migrate(config)).rejects.toThrow(/does not know/);
  });
});
