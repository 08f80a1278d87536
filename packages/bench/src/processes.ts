// Reading the memory and CPU time of the servers under test (started with the workspace's
// spawnServer from @checkout/test-support).
import { readFileSync } from 'node:fs';
import type { SpawnedServer } from '@checkout/test-support';

export type Started = SpawnedServer;

/** A process and its direct children (cluster workers). */
function processTree(pid: number): number[] {
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid]; // no children file: a single process
  }
}

/** Sums `read` over a process and its direct children (cluster workers). */
function overProcessTree(pid: number, read: (pid: number) => number): number {
  return processTree(pid).reduce((total, p) => total + read(p), 0);
}

const peakRssKb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Peak resident memory (VmHWM) of a process and its direct children (cluster workers), in MB. */
export function peakRssMb(pid: number): number {
  return overProcessTree(pid, peakRssKb) / 1024;
}

/** The largest peak resident memory of any one process of the tree (a cluster's primary or a worker), in MB. */
export function largestPeakRssMb(pid: number): number {
  return Math.max(...processTree(pid).map(peakRssKb)) / 1024;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) a process and its direct children (cluster workers) have used so far. */
export function cpuMs(pid: number): number {
  return overProcessTree(pid, (p) => {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  });
}

/** Polls `url` until it answers 200; returns the time since `since` (ms). */
export async function waitFor200(url: string, since: number, timeoutMs = 30_000): Promise<number> {
  const deadline = since + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
