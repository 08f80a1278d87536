// bench:compare against real servers (this checkout's build, on SQLite), two short rounds: it
// must drive both sides, report finite ratios and each side's memory, and leave no store behind.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runComparison } from '../src/compare.js';
import type { LoadResult } from '../src/load.js';

const serve = fileURLToPath(new URL('../../server/bin/serve', import.meta.url));
const scratchDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('checkout-compare-')));

describe('bench:compare', () => {
  it('measures both sides in every round and removes its scratch stores', async () => {
    const before = scratchDirs();
    const rounds: [LoadResult, LoadResult][] = [];
    const result = await runComparison({
      a: { label: 'A', serve, env: {} },
      b: { label: 'B (warn)', serve, env: { LOG_LEVEL: 'warn' } },
      scenario: 'verification',
      rounds: 2,
      sliceSeconds: 1,
      warmupSeconds: 1,
      connections: 10,
      store: 'sqlite',
      onRound: (_round, a, b) => rounds.push([a, b]),
    });
    expect(rounds).toHaveLength(2);
    for (const [a, b] of rounds) {
      expect(a.total).toBeGreaterThan(0);
      expect(b.total).toBeGreaterThan(0);
      expect(a.non2xx + b.non2xx + a.errors + b.errors).toBe(0);
    }
    expect(result.requestsPerSecond.rounds).toBe(2);
    expect(result.requestsPerSecond.median).toBeGreaterThan(0);
    expect(Number.isFinite(result.cpuPerRequest.median)).toBe(true);
    expect(result.a.peakRssMb).toBeGreaterThan(30);
    expect(result.b.label).toBe('B (warn)');
    expect([result.a.failed, result.b.failed]).toEqual([0, 0]);
    const left = [...scratchDirs()].filter((name) => !before.has(name));
    expect(left.filter((name) => existsSync(join(tmpdir(), name)))).toEqual([]);
  }, 120_000);
});
