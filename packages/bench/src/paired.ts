// The statistics of `pnpm bench:compare`: each round measures A and B a few seconds apart, so a
// round's B ÷ A carries little of the machine's drift; the median over rounds, with its middle half,
// is the comparison. Means would let one round on a stalled core decide it. `pnpm bench` takes its
// rounds and cold starts by the middle item, for the same reason.

export interface PairedSummary {
  rounds: number;
  median: number;
  /** The middle half of the rounds' ratios (first and third quartile). */
  q1: number;
  q3: number;
}

function quantile(sorted: number[], q: number): number {
  // Linear interpolation between the closest ranks.
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function pairedSummary(ratios: number[]): PairedSummary {
  const finite = ratios.filter((r) => Number.isFinite(r) && r > 0);
  if (finite.length === 0) throw new Error('no round produced a ratio');
  const sorted = [...finite].sort((a, b) => a - b);
  return { rounds: sorted.length, median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** The middle item by `value`, the lower of the two for an even count: one that was measured, not an interpolation. */
export function middleBy<T>(items: T[], value: (item: T) => number): T {
  if (items.length === 0) throw new Error('middleBy needs at least one item');
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** A, B in even rounds and B, A in odd ones, so neither side always runs on the warmer machine. */
export function roundOrder<T>(round: number, a: T, b: T): [T, T] {
  return round % 2 === 0 ? [a, b] : [b, a];
}
