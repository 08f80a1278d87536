// Starting the servers under test as their own processes, and reading their memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Started {
  child: ChildProcess;
  url: string;
  /** Process start → the "listening" line. */
  listeningMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `command` (a .js file runs under this Node; anything else, such as a shell script that execs Node, as is). */
export async function startProcess(command: string, env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  const [file, args] = command.endsWith('.js') ? [process.execPath, [command]] : [command, []];
  const child = spawn(file, args, { env: { PATH: process.env.PATH ?? '', NODE: process.execPath, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // The last chunks, about 20 kB: kept without copying, because this process is also the load
  // generator, and re-slicing a string tail on every chunk of request logs cost it real CPU.
  const tail: Buffer[] = [];
  let tailBytes = 0;
  const keep = (chunk: Buffer) => {
    // Keep the start-up lines and a bounded tail: request logs of a benchmark are large.
    if (output.length < 20_000) output += chunk;
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tail.length > 1 && tailBytes - tail[0]!.length >= 20_000) tailBytes -= tail.shift()!.length;
  };
  child.stderr?.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
  return {
    child,
    url,
    listeningMs: performance.now() - t0,
    output: () => `${output}\n…\n${Buffer.concat(tail).toString('utf8').slice(-20_000)}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

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
