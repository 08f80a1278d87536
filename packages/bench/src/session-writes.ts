// pnpm bench:writes [--rows N] [--writers N]
// The cost of storing checkout sessions, without HTTP: rows written through the server's own
// session repository (group commit) by concurrent writers, keyed as the server keys them
// (UUIDv7 id, time-prefixed nonce) and, for comparison, with random keys (UUIDv4, random nonce).
// Prints wall, CPU and system time per row, and how long the event loop was held (its p99 and
// max delay: SQLite's driver is synchronous), for SQLite, and PostgreSQL when BENCH_PG_URL is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLogger, loadConfig, newSessionNonce, openService, timeOrderedId } from '@checkout/server';
import { createScratchStore } from './scratch-store.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '30000' }, writers: { type: 'string', default: '16' } } });
const rows = Math.max(1000, Number(values.rows));
const writers = Math.max(1, Number(values.writers));
const pgUrl = process.env.BENCH_PG_URL;

const KEYS = {
  'time-ordered (as issued)': () => ({ id: timeOrderedId(), nonce: newSessionNonce() }),
  random: () => ({ id: randomUUID(), nonce: randomBytes(16).toString('base64url') }),
};

async function measure(store: 'sqlite' | 'postgresql', keys: keyof typeof KEYS) {
  const scratch = createScratchStore(store, 'writes', pgUrl);
  const config = loadConfig({ DATABASE_URL: scratch.databaseUrl, DATA_DIR: scratch.dataDir, MASTER_KEY: randomBytes(32).toString('base64'), NODE_ENV: 'production' });
  const service = await openService(config, createLogger('warn'), { migrate: true, http: false });
  try {
    const key = await service.services.apiKeys.create({ name: 'Writes' });
    const signingKey = await service.services.signingKeys.currentFor(key.initiator_id);
    const payers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => service.repos.payers.findOrCreate({ kind: 'email', email: `writer-${i}@bench.example` })),
    );
    let next = 0;
    const write = async (limit: number) => {
      while (next < limit) {
        const i = next++;
        const now = new Date();
        await service.repos.sessions.create({
          ...KEYS[keys](),
          initiatorId: key.initiator_id,
          payerId: payers[i % payers.length]!.id,
          signingKeyId: signingKey.kid,
          amount: '12.99',
          currency: 'USD',
          createdAt: now,
          expiresAt: new Date(now.getTime() + 900_000),
        });
      }
    };
    const warm = Math.min(2000, rows / 10);
    await Promise.all(Array.from({ length: writers }, () => write(warm)));
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: writers }, () => write(rows)));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1).padStart(6);
    const n = rows - warm;
    const us = (x: number) => (x / n).toFixed(0).padStart(6);
    process.stdout.write(
      `${store.padEnd(10)} ${keys.padEnd(26)} ${us(wall * 1000)} ${us(cpu.user + cpu.system)} ${us(cpu.system)}   ${ms(loop.percentile(99))} ${ms(loop.max)}\n`,
    );
  } finally {
    await service.close();
    await scratch.remove();
  }
}

process.stdout.write(`${rows} sessions per run, ${writers} concurrent writers. Wall, CPU (this process, threads included; PostgreSQL's own work is not counted) and system time in µs per row; event-loop delay in ms\n`);
process.stdout.write(`${'store'.padEnd(10)} ${'keys'.padEnd(26)} ${'wall'.padStart(6)} ${'cpu'.padStart(6)} ${'system'.padStart(6)}   ${'loop p99'} ${'max'.padStart(5)}\n`);
for (const store of pgUrl ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const)) {
  for (const keys of Object.keys(KEYS) as (keyof typeof KEYS)[]) await measure(store, keys);
}
