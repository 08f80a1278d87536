// Reading V8's `--trace-gc-nvp` output: one line per collection, as name=value pairs after the
// time stamp, e.g. `[pid:isolate]  14524 ms: pause=3.4 mutator=34.6 gc=s … allocated=12387264
// promoted=3015880 new_space_survived=3100480 …`. `gc=s` is a scavenge (the young generation),
// `gc=mc` a mark-compact (the whole heap); sizes are bytes, times ms.
// Used by `pnpm bench:gc` (gc-main.ts), which interleaves these lines with the server's own logs.

export interface GcSummary {
  scavenges: number;
  /** Main-thread pause of all scavenges (ms). */
  scavengePauseMs: number;
  markCompacts: number;
  /** Main-thread pause of the mark-compacts' final steps (ms); most marking runs on helper threads. */
  markCompactPauseMs: number;
  /** Bytes that survived a scavenge and stayed in the young generation. */
  survivedBytes: number;
  /** Bytes a scavenge moved to the old generation (they had survived one before). */
  promotedBytes: number;
}

/** The name=value pairs of one trace line, or undefined when the line is not one (a log line, say). */
export function parseGcLine(line: string): Record<string, string> | undefined {
  const start = line.indexOf(' ms: pause=');
  if (start === -1) return undefined;
  const pairs: Record<string, string> = {};
  for (const field of line.slice(start + 5).trim().split(/\s+/)) {
    const eq = field.indexOf('=');
    if (eq > 0) pairs[field.slice(0, eq)] = field.slice(eq + 1);
  }
  return pairs.gc ? pairs : undefined;
}

export function summarizeGc(lines: Iterable<string>): GcSummary {
  const summary: GcSummary = { scavenges: 0, scavengePauseMs: 0, markCompacts: 0, markCompactPauseMs: 0, survivedBytes: 0, promotedBytes: 0 };
  const number = (pairs: Record<string, string>, name: string) => Number(pairs[name] ?? 0) || 0;
  for (const line of lines) {
    const pairs = parseGcLine(line);
    if (!pairs) continue;
    if (pairs.gc === 's') {
      summary.scavenges++;
      summary.scavengePauseMs += number(pairs, 'pause');
      summary.survivedBytes += number(pairs, 'new_space_survived');
      summary.promotedBytes += number(pairs, 'promoted');
    } else if (pairs.gc === 'mc') {
      summary.markCompacts++;
      summary.markCompactPauseMs += number(pairs, 'pause');
    }
  }
  return summary;
}
