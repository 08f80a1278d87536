// `pnpm bench:compare`: is B faster than A? Both servers run at once, each on a scratch store of
// its own, and the load switches between them every few seconds for many rounds. On these shared
// machines back-to-back runs of one build differ by up to 30 % in CPU per request, while two
// slices a few seconds apart see nearly the same machine; so each round's B ÷ A is the evidence.
//
// What it cannot judge: memory settings. The server not under load idles through the other's
// slice and finishes its garbage collections then, which hides most of what a smaller heap costs.
// Compare heap flags with whole `pnpm bench` runs instead.
import { type LoadResult, measure } from './load.js';
import { ourEnv, startOurServer } from './our-server.js';
import { pairedSummary, roundOrder, type PairedSummary } from './paired.js';
import { cpuMs, peakRssMb, type Started } from './processes.js';
import { createScratchStore, type ScratchStore } from './scratch-store.js';

export interface Side {
  label: string;
  /** A checkout's packages/server/bin/serve (its build is what runs). */
  serve: string;
  /** Environment for this side only (HEAP_PROFILE, LOG_LEVEL, …). */
  env: Record<string, string>;
}

export interface ComparisonOptions {
  a: Side;
  b: Side;
  scenario: 'issuance' | 'verification';
  rounds: number;
  sliceSeconds: number;
  warmupSeconds: number;
  connections: number;
  store: 'sqlite' | 'postgresql';
  pgUrl?: string | undefined;
  onRound?: (round: number, a: LoadResult, b: LoadResult) => void;
}

export interface ComparisonResult {
  scenario: ComparisonOptions['scenario'];
  a: { label: string; peakRssMb: number; failed: number };
  b: { label: string; peakRssMb: number; failed: number };
  /** B ÷ A per round: above 1 means B served more. */
  requestsPerSecond: PairedSummary;
  /** B ÷ A per round: below 1 means B spent less CPU per request. */
  cpuPerRequest: PairedSummary;
}

interface Running {
  side: Side;
  store: ScratchStore;
  started?: Started;
  /** One measured slice of this side's load. */
  measure?: (seconds: number) => Promise<LoadResult>;
  failed: number;
}

async function start(running: Running, options: ComparisonOptions): Promise<void> {
  const { started, loads } = await startOurServer(running.side.serve, ourEnv(running.store, running.side.env));
  running.started = started;
  const load = options.scenario === 'issuance' ? loads.issuance : loads.verification;
  running.measure = (seconds) => measure(load, { seconds, warmupSeconds: 0, connections: options.connections }, () => cpuMs(started.child.pid!));
}

export async function runComparison(options: ComparisonOptions): Promise<ComparisonResult> {
  const sides: Running[] = [options.a, options.b].map((side) => ({ side, store: createScratchStore(options.store, 'compare', options.pgUrl), failed: 0 }));
  const [a, b] = sides as [Running, Running];
  try {
    for (const s of sides) await start(s, options);
    // Warm-up: one slice each, not counted.
    for (const s of sides) await s.measure!(options.warmupSeconds);
    const rps: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const results = new Map<Running, LoadResult>();
      for (const s of roundOrder(round, a, b)) {
        const result = await s.measure!(options.sliceSeconds);
        s.failed += result.errors + result.timeouts + result.non2xx;
        results.set(s, result);
      }
      const ra = results.get(a)!;
      const rb = results.get(b)!;
      options.onRound?.(round, ra, rb);
      rps.push(rb.requestsPerSecond / ra.requestsPerSecond);
      if (ra.cpuUsPerRequest && rb.cpuUsPerRequest) cpu.push(rb.cpuUsPerRequest / ra.cpuUsPerRequest);
    }
    const peak = (s: Running) => Math.round(peakRssMb(s.started!.child.pid!));
    return {
      scenario: options.scenario,
      a: { label: a.side.label, peakRssMb: peak(a), failed: a.failed },
      b: { label: b.side.label, peakRssMb: peak(b), failed: b.failed },
      requestsPerSecond: pairedSummary(rps),
      cpuPerRequest: pairedSummary(cpu),
    };
  } catch (error) {
    for (const s of sides) if (s.started) process.stderr.write(`${s.side.label}:\n${s.started.output().slice(-3000)}\n`);
    throw error;
  } finally {
    for (const s of sides) await s.started?.stop();
    for (const s of sides) await s.store.remove();
  }
}
