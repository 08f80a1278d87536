// bench:compare's arithmetic: the median of each round's B ÷ A, the middle half around it,
// alternating which side runs first, and the command-line values (K=V pairs, bounded numbers).
import { describe, expect, it } from 'vitest';
import { clampedNumber, parseEnvPairs } from '../src/options.js';
import { pairedSummary, roundOrder } from '../src/paired.js';

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

  it('keeps numeric options within their bounds and refuses one that is not a number', () => {
    expect(clampedNumber('rounds', '40', 2, 1000)).toBe(40);
    expect(clampedNumber('rounds', '1', 2, 1000)).toBe(2);
    expect(clampedNumber('duration', '500', 1, 120)).toBe(120);
    expect(() => clampedNumber('rounds', 'ten', 2, 1000)).toThrow(/--rounds must be a number, not "ten"/);
    expect(() => clampedNumber('slice', '', 1, 60)).toThrow(/--slice must be a number/);
  });
});
