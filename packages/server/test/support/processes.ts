// Runs the built entry points as real processes, as `pnpm start` and `pnpm cli` do: the service
// from its production bundle (dist/bundle/, scripts/bundle.mjs), the CLI from dist/cli/. Started
// and run with the workspace's helpers (@checkout/test-support).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScript, type ScriptResult, type SpawnedServer, spawnServer } from '@checkout/test-support';

export const MAIN_JS = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));
export const CLI_JS = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export function cli(args: string[], env: Record<string, string>): ScriptResult {
  const result = spawnSync(process.execPath, [CLI_JS, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** cli() without blocking this process (the server under test can answer meanwhile). */
export const cliAsync = (args: string[], env: Record<string, string>): Promise<ScriptResult> => runScript(CLI_JS, args, env);

/** Starts the service (MAIN_JS) on a free port and resolves once it prints its URL line. */
export const startServerProcess = (env: Record<string, string>): Promise<SpawnedServer> => spawnServer(MAIN_JS, { HOST: '127.0.0.1', PORT: '0', ...env });
