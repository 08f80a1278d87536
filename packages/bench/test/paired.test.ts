// bench:compare's arithmetic: the median of each round's B ÷ A, the middle half around it,
// alternating which side runs first, and the K=V options.
import { describe, expect, it } from 'vitest';
import { pairedSummary, parseEnvPairs, roundOrder } from '../src/paired.js';

describe('paired comparison', () => {
  it('takes the median of the rounds, so one stalled round does not decide it', () => {
    const summary = pairedSummary([1.02, 0.98, 1.01, 0.99, 1.0, 0.2]);
    expect(summary.rounds).toBe(6);
    expect(summary.median).toBeCloseTo(0.995, 6);
    expect(summary.q1).toBeCloseTo(0.9825, 6);
    expect(summary.q3).toBeCloseTo(1.0075, 6);
  });

  it('interpolates between ranks and ignores rounds without a ratio', () => {
    expect(pairedSummary([2, 1, Number.NaN, Number.POSITIVE_INFINITY, 0]).median).toBe(1.5);
    expect(() => pairedSummary([Number.NaN])).toThrow(/no round/);
  });

  it('alternates which side is measured first', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(round, 'A', 'B').join(''))).toEqual(['AB', 'BA', 'AB', 'BA']);
  });

  it('reads K=V options, keeping any = in the value', () => {
    expect(parseEnvPairs(['LOG_LEVEL=warn', 'NODE_OPTIONS=--max-semi-space-size=4'])).toEqual({ LOG_LEVEL: 'warn', NODE_OPTIONS: '--max-semi-space-size=4' });
    expect(() => parseEnvPairs(['=x'])).toThrow(/NAME=value/);
    expect(() => parseEnvPairs(['LOG_LEVEL'])).toThrow(/NAME=value/);
  });
});
