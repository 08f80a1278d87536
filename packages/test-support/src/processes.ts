// Servers as their own processes: spawn a command and wait for the `listening on <url>` line it
// prints once it accepts connections. Scripts run to their end.
import { type ChildProcess, spawn } from 'node:child_process';

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Process start → the URL line. */
  listeningMs: number;
  /** What it printed: the first 20 kB of each stream and the last 20 kB (request logs of a long run are large). */
  output(): string;
  /** The first 20 kB of its stdout. */
  stdout(): string;
  /** The first 20 kB of its stderr. */
  stderr(): string;
  /** SIGTERM (then SIGKILL after `killAfterMs`, when given); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  /** The line that says the server is up, its URL in the first group. */
  ready?: RegExp;
  timeoutMs?: number;
  /** Sends SIGKILL this long after stop()'s SIGTERM (a test of graceful shutdown wants none). */
  killAfterMs?: number;
}

const KEEP_BYTES = 20_000;

/**
 * Starts `command` (a .js or .mjs file under this Node; anything else, such as a shell script
 * that execs Node, as is) with `env` over PATH and NODE only, and resolves once it prints its URL.
 */
export async function spawnServer(command: string, env: Record<string, string>, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const ready = options.ready ?? /listening on (http:\/\/[^\s"]+)/;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  const [file, args] = /\.m?js$/.test(command) ? [process.execPath, [command]] : [command, []];
  const child = spawn(file, args, { env: { PATH: process.env.PATH ?? '', NODE: process.execPath, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // The start-up lines of each stream, then a bounded tail kept as chunks rather than re-sliced
  // text: the bench's load generator runs in this process.
  const heads = { stdout: '', stderr: '' };
  const tail: Buffer[] = [];
  let tailBytes = 0;
  const output = () => {
    const head = heads.stdout + heads.stderr;
    return tail.length === 0 ? head : `${head}\n…\n${Buffer.concat(tail).toString('utf8').slice(-KEEP_BYTES)}`;
  };
  const keep = (stream: keyof typeof heads, chunk: Buffer) => {
    if (heads[stream].length < KEEP_BYTES) {
      heads[stream] += chunk;
      return;
    }
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tail.length > 1 && tailBytes - tail[0]!.length >= KEEP_BYTES) tailBytes -= tail.shift()!.length;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    let found = false;
    const onData = (stream: keyof typeof heads) => (chunk: Buffer) => {
      keep(stream, chunk);
      const match = found ? null : ready.exec(heads[stream]);
      if (match?.[1]) {
        found = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData('stdout'));
    child.stderr?.on('data', onData('stderr'));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output()}`));
    });
  });
  return {
    url,
    child,
    listeningMs: performance.now() - started,
    output,
    stdout: () => heads.stdout,
    stderr: () => heads.stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        if (options.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs).unref();
      }),
  };
}

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script to its end (with `env` over PATH only) without blocking this process. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
