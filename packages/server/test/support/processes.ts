// Runs the built entry points as real processes, as `pnpm start` and `pnpm cli` do: the service
// from its production bundle (dist/bundle/, scripts/bundle.mjs), the CLI from dist/cli/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN_JS = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));
export const CLI_JS = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CLI_JS, ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cliAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts the service (MAIN_JS) on a free port and resolves once it prints its URL line. */
export async function startServerProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [MAIN_JS], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
