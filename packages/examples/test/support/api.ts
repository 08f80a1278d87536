// The real checkout API in-process (SQLite in a temp dir, its own master key), on a free port,
// and the examples run as a partner would run them: as Node processes with environment variables.
// Servers are started with the workspace's helpers (@checkout/test-support).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServer, createLogger, loadConfig, openService, type Service } from '@checkout/server';
import { listenOnFreePort, runScript, type SpawnedServer, spawnServer, testEnvironment } from '@checkout/test-support';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface TestApi {
  url: string;
  service: Service;
  createApiKey(name: string): Promise<{ api_key: string; api_secret: string }>;
  close(): Promise<void>;
}

export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const environment = testEnvironment({ LOG_LEVEL: 'silent', ...env });
  const service = await openService(loadConfig(environment.env), createLogger('silent'));
  const server = await listenOnFreePort(createAppServer(service.createApp()));
  return {
    url: server.url,
    service,
    createApiKey: (name) => service.services.apiKeys.create({ name }),
    async close() {
      await server.close();
      await service.close();
      environment.cleanup();
    },
  };
}

/** A port nobody listens on right now (for a process that must know its origin in advance). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an example script to its end. */
export async function runExample(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const { status, stdout, stderr } = await runScript(join(EXAMPLES_DIR, script), args, env);
  return { code: status, stdout, stderr };
}

/** Starts a long-running example and resolves once it prints its URL (the shop says `shop on <url>`). */
export function startExample(script: string, env: Record<string, string>): Promise<SpawnedServer> {
  return spawnServer(join(EXAMPLES_DIR, script), env, { ready: /(http:\/\/[^\s]+)/, timeoutMs: 15_000 });
}
