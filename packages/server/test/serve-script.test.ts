// bin/serve is how `pnpm start` and the benchmark run the service: its bundle under Node, in
// the memory profile HEAP_PROFILE names (see the script; the benchmark measures both). These
// check that it starts the service with each profile's settings, and refuses an unknown one.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '@checkout/test-support';

const SERVE = fileURLToPath(new URL('../bin/serve', import.meta.url));
const ROOT_PACKAGE = fileURLToPath(new URL('../../../package.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'serve-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Preloaded into the served process: writes what Node and V8 were started with.
const probe = join(dir, 'probe.cjs');
writeFileSync(
  probe,
  `require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ main: process.argv[1], execArgv: process.execArgv, arena: process.env.MALLOC_ARENA_MAX, heapLimitMb: require('v8').getHeapStatistics().heap_size_limit / 1048576 }));`,
);

async function serve(name: string, extraEnv: Record<string, string> = {}) {
  const out = join(dir, `${name}.json`);
  const server = await spawnServer(SERVE, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: join(dir, name),
    DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
    MASTER_KEY: randomBytes(32).toString('base64'),
    NODE_OPTIONS: `--require ${probe}`,
    PROBE_OUT: out,
    ...extraEnv,
  });
  const ready = await fetch(`${server.url}/readyz`);
  await server.stop();
  return { ready: ready.status, runtime: JSON.parse(readFileSync(out, 'utf8')) as { main: string; execArgv: string[]; arena?: string; heapLimitMb: number } };
}

describe('bin/serve', () => {
  it('is what pnpm start runs', () => {
    const scripts = (JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/&& packages\/server\/bin\/serve$/);
  });

  it('starts the service in the bounded profile by default: a 1 GB old space, 4 MB semi-spaces and one malloc arena', async () => {
    const { ready, runtime } = await serve('default');
    expect(ready).toBe(200);
    // The production bundle (scripts/bundle.mjs), not the module tree tsc leaves in dist/.
    expect(runtime.main).toMatch(/\/dist\/bundle\/main\.js$/);
    expect(runtime.execArgv).toEqual(['--max-old-space-size=1024', '--max-semi-space-size=4']);
    expect(runtime.arena).toBe('1');
    // The limit covers the old space plus the young generation.
    expect(runtime.heapLimitMb).toBeGreaterThanOrEqual(1024);
    expect(runtime.heapLimitMb).toBeLessThan(1060);
  });

  it('HEAP_PROFILE=bounded names the default', async () => {
    const { runtime } = await serve('bounded', { HEAP_PROFILE: 'bounded' });
    expect(runtime.execArgv).toEqual(['--max-old-space-size=1024', '--max-semi-space-size=4']);
  });

  it("HEAP_PROFILE=throughput: Node's own heap sizing, glibc's own arenas", async () => {
    const { ready, runtime } = await serve('throughput', { HEAP_PROFILE: 'throughput' });
    expect(ready).toBe(200);
    expect(runtime.main).toMatch(/\/dist\/bundle\/main\.js$/);
    expect(runtime.execArgv).toEqual([]);
    expect(runtime.arena).toBeUndefined();
  });

  it("keeps an operator's MALLOC_ARENA_MAX", async () => {
    const { runtime } = await serve('arena', { HEAP_PROFILE: 'bounded', MALLOC_ARENA_MAX: '4' });
    expect(runtime.arena).toBe('4');
  });

  it('refuses a profile it does not know, and says which it knows', () => {
    const result = spawnSync(SERVE, [], { env: { PATH: process.env.PATH, NODE: process.execPath, HEAP_PROFILE: 'huge' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("HEAP_PROFILE must be 'bounded' (the default) or 'throughput', not 'huge'");
  });
});
