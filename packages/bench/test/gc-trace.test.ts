// `pnpm bench:gc` sums V8's --trace-gc-nvp lines, which arrive mixed with the server's request log.
import { describe, expect, it } from 'vitest';
import { parseGcLine, summarizeGc } from '../src/gc-trace.js';

// Lines as V8 11 (Node 20) prints them, most fields left out.
const scavenge = (pause: string, survived: number, promoted: number) =>
  `[1834:0xd7ab3b0]      158 ms: pause=${pause} mutator=3.5 gc=s reduce_memory=0 scavenge=0.59 total_size_before=14976536 allocated=898096 promoted=${promoted} new_space_survived=${survived} promotion_rate=98.7%`;
const markCompact = (pause: string) =>
  `[1834:0xd7ab3b0]      192 ms: pause=${pause} mutator=33.1 gc=mc reduce_memory=0 mark=0.2 background.mark=23.1 allocated=784632 promoted=1148904 new_space_survived=0`;
const requestLog = '{"level":30,"time":"2026-12-03T03:35:38.600Z","msg":"request completed","ms: pause=":1}';

describe('reading the collector trace', () => {
  it('reads the name=value pairs of a trace line', () => {
    const pairs = parseGcLine(scavenge('3.4', 3_100_480, 3_015_880));
    expect(pairs).toMatchObject({ gc: 's', pause: '3.4', promoted: '3015880', new_space_survived: '3100480', promotion_rate: '98.7%' });
  });

  it('ignores the lines that are not the trace: the request log, start-up messages', () => {
    expect(parseGcLine(requestLog)).toBeUndefined();
    expect(parseGcLine('checkout-token-service listening on http://127.0.0.1:3000')).toBeUndefined();
  });

  it('counts scavenges and mark-compacts apart, with their pauses, and sums what survived and was promoted', () => {
    const summary = summarizeGc([scavenge('3.4', 3_000_000, 2_000_000), requestLog, markCompact('1.6'), scavenge('2.6', 1_000_000, 500_000), 'partial line']);
    expect(summary).toEqual({
      scavenges: 2,
      scavengePauseMs: 6,
      markCompacts: 1,
      markCompactPauseMs: 1.6,
      survivedBytes: 4_000_000,
      promotedBytes: 2_500_000,
    });
  });

  it('promotion counts only scavenges: a mark-compact also reports a promoted= figure', () => {
    expect(summarizeGc([markCompact('1.6')]).promotedBytes).toBe(0);
  });
});
