// A server in this process: the environment a test gives it (its own DATA_DIR and master key,
// never the developer's ./data), and a free port on 127.0.0.1 to serve on.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestEnvironment {
  /** NODE_ENV=test, a fresh DATA_DIR and a random MASTER_KEY, with the caller's values over them. */
  env: Record<string, string>;
  /** Removes the DATA_DIR made here (not one the caller gave). */
  cleanup(): void;
}

export function testEnvironment(overrides: Record<string, string> = {}): TestEnvironment {
  const ownDir = overrides.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'checkout-test-')) : undefined;
  return {
    env: { NODE_ENV: 'test', ...(ownDir ? { DATA_DIR: ownDir } : {}), MASTER_KEY: randomBytes(32).toString('base64'), ...overrides },
    cleanup: () => {
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export interface Listening {
  url: string;
  /** Drops open connections, then stops listening. */
  close(): Promise<void>;
}

/** Serves `server` on 127.0.0.1 and a free port. */
export async function listenOnFreePort(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
