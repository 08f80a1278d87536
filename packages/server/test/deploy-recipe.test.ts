// deploy/ (the image and the three-replica compose file) cannot be run here: there is no Docker
// engine. So this checks what it can. Statically: the image starts bin/serve as `pnpm start` does,
// with an environment config.ts accepts, as a user other than root, with a health check on /readyz;
// the compose file's replicas set only variables config.ts reads and share one database, one Redis
// and one master key, behind a balancer that reaches all of them. And by assembling the runtime
// stage's files on this machine as the Dockerfile says (production dependencies installed by its own
// command), then running its CMD, its HEALTHCHECK and the CLI on PostgreSQL and Redis.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES, loadConfig } from '../src/config.js';
import { createTestStore, type TestStore } from '@checkout/test-support';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// --- the Dockerfile, as instructions per stage ---------------------------------------------

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
  env: Record<string, string>;
  workdir: string;
}

function parseDockerfile(text: string): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of lines) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    const expanded = rest.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
    if (upper === 'ARG' && !stages.length) {
      const [name, value = ''] = rest.split('=');
      args[name!] = value;
    } else if (upper === 'FROM') {
      const [, from = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(expanded) ?? [];
      const parent = stages.find((s) => s.name === from);
      stages.push({ name, from, instructions: [], env: { ...parent?.env }, workdir: parent?.workdir ?? '/' });
    } else {
      const stage = stages.at(-1)!;
      stage.instructions.push({ op: upper, args: rest });
      if (upper === 'ENV') for (const pair of rest.split(/\s+/)) stage.env[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
      if (upper === 'WORKDIR') stage.workdir = rest;
    }
  }
  return stages;
}

const stages = parseDockerfile(read('deploy/Dockerfile'));
const stage = (name: string) => stages.find((s) => s.name === name)!;
const runtime = stages.at(-1)!;
const last = (s: Stage, op: string) => s.instructions.filter((i) => i.op === op).at(-1);
const execForm = (args: string) => JSON.parse(args) as string[];
const cmd = execForm(last(runtime, 'CMD')!.args);
const healthcheck = execForm(last(runtime, 'HEALTHCHECK')!.args.replace(/^.*?\bCMD\s+/, ''));
const copies = (s: Stage) =>
  s.instructions
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const parts = i.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      const paths = parts.filter((p) => !p.startsWith('--'));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });

// --- the compose file ------------------------------------------------------------------------

type Service = { image?: string; build?: { dockerfile?: string }; environment?: Record<string, string>; command?: string[]; stop_grace_period?: string };
const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const replicas = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');
/** A compose value with its ${VAR…} references given values, as `docker compose` would. */
const interpolate = (value: string, vars: Record<string, string>) => value.replace(/\$\{(\w+)(?::?[?-][^}]*)?\}/g, (_, name: string) => vars[name] ?? '');
const sampleVars = { POSTGRES_PASSWORD: 'secret', MASTER_KEY: randomBytes(32).toString('base64') };

describe('the image (deploy/Dockerfile)', () => {
  it('starts packages/server/bin/serve, as `pnpm start` does, so HEAP_PROFILE works the same', () => {
    expect(runtime.instructions.some((i) => i.op === 'ENTRYPOINT')).toBe(false);
    expect(cmd).toEqual(['packages/server/bin/serve']);
    expect(runtime.workdir).toBe('/app');
    expect(JSON.parse(read('package.json')).scripts.start).toMatch(/&& packages\/server\/bin\/serve$/);
    // bin/serve is copied as built, next to the bundle it runs (dist/bundle/main.js).
    expect(copies(runtime)).toContainEqual({ from: 'build', sources: ['/repo/packages/server/bin'], dest: 'packages/server/bin' });
    expect(copies(runtime)).toContainEqual({ from: 'build', sources: ['/repo/packages/server/dist'], dest: 'packages/server/dist' });
  });

  it('sets only variables config.ts reads, with values it accepts, listening on every interface', () => {
    expect(Object.keys(runtime.env).filter((name) => !ENVIRONMENT_VARIABLES.includes(name))).toEqual([]);
    const config = loadConfig({ ...runtime.env, MASTER_KEY: sampleVars.MASTER_KEY });
    expect(config.env).toBe('production');
    expect(config.host).toBe('0.0.0.0');
  });

  it('runs as a user other than root', () => {
    const user = last(runtime, 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    const userAt = runtime.instructions.findIndex((i) => i.op === 'USER');
    expect(runtime.instructions.slice(userAt).some((i) => i.op === 'RUN')).toBe(false);
  });

  it('checks health on /readyz with node, since the slim image has no curl', () => {
    expect(healthcheck[0]).toBe('node');
    expect(healthcheck.join(' ')).toContain('/readyz');
  });

  it('installs only production dependencies into the runtime stage', () => {
    const install = stage('prod-deps').instructions.filter((i) => i.op === 'RUN');
    expect(install.map((i) => i.args)).toEqual([expect.stringMatching(/^pnpm install --prod --frozen-lockfile /)]);
    expect(copies(runtime).filter((c) => c.from === 'prod-deps')).toEqual([{ from: 'prod-deps', sources: ['/repo/'], dest: './' }]);
  });
});

describe('the three replicas (deploy/compose.yaml)', () => {
  it('runs at least three replicas of the image', () => {
    expect(replicas.length).toBeGreaterThanOrEqual(3);
  });

  it('sets only variables config.ts reads, with values it accepts', () => {
    for (const [, service] of replicas) {
      const env = service.environment ?? {};
      expect(Object.keys(env).filter((name) => !ENVIRONMENT_VARIABLES.includes(name))).toEqual([]);
      const values = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), sampleVars)]));
      expect(() => loadConfig({ ...runtime.env, ...values })).not.toThrow();
    }
  });

  it('shares one PostgreSQL, one Redis and one master key, the key taken from the environment, never written in the file', () => {
    const shared = (name: string) => new Set(replicas.map(([, s]) => s.environment?.[name]));
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'MASTER_KEY']) expect([...shared(name)], name).toHaveLength(1);
    const [, first] = replicas[0]!;
    expect(first.environment?.MASTER_KEY).toMatch(/^\$\{MASTER_KEY[:?}]/);
    const host = (url: string) => new URL(interpolate(url, sampleVars)).hostname;
    expect(compose.services[host(first.environment!.DATABASE_URL!)]?.image).toMatch(/^postgres:/);
    expect(compose.services[host(first.environment!.REDIS_URL!)]?.image).toMatch(/^redis:/);
    expect(loadConfig({ ...runtime.env, ...Object.fromEntries(Object.entries(first.environment!).map(([k, v]) => [k, interpolate(String(v), sampleVars)])) }).store.provider).toBe('postgresql');
  });

  it('trusts exactly the one proxy hop in front, and the balancer reaches every replica on the port the image listens on', () => {
    for (const [, service] of replicas) expect(service.environment?.TRUST_PROXY).toBe('1');
    const upstreams = [...read('deploy/nginx.conf').matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstreams.sort()).toEqual(replicas.map(([name]) => `${name}:${runtime.env.PORT}`).sort());
  });

  it("keeps replicas × pool size under PostgreSQL's max_connections", () => {
    const [, first] = replicas[0]!;
    const config = loadConfig({ ...runtime.env, ...Object.fromEntries(Object.entries(first.environment!).map(([k, v]) => [k, interpolate(String(v), sampleVars)])) });
    const postgres = Object.values(compose.services).find((s) => s.image?.startsWith('postgres:'))!;
    const maxConnections = Number(/max_connections=(\d+)/.exec((postgres.command ?? []).join(' '))?.[1] ?? 100);
    const pool = config.store.provider === 'postgresql' ? config.store.poolSize : undefined;
    expect(pool).toBeGreaterThan(0);
    expect(replicas.length * config.workers * pool!).toBeLessThan(maxConnections);
  });

  it('gives a replica time to drain before SIGKILL', () => {
    const config = loadConfig({ ...runtime.env, MASTER_KEY: sampleVars.MASTER_KEY });
    for (const [, service] of replicas) {
      const grace = Number(/^(\d+)s$/.exec(service.stop_grace_period ?? '10s')?.[1]);
      expect(grace * 1000).toBeGreaterThan(config.shutdown.delayMs + config.shutdown.timeoutMs);
    }
  });
});

describe("the image's runtime files, assembled on this machine", () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-recipe-'));
  const app = join(dir, 'app');
  let store: TestStore | undefined;
  // ~20,000 installed files to remove: longer than the default hook timeout on a busy machine.
  afterAll(async () => {
    await store?.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('serve tokens with production dependencies only: CMD, HEALTHCHECK and the CLI, on PostgreSQL and Redis', { timeout: 360_000 }, async () => {
    // The prod-deps stage: its files from the repository, then its own install command.
    const prod = join(dir, 'prod-deps');
    mkdirSync(prod);
    for (const { from, sources, dest } of copies(stage('prod-deps'))) {
      expect(from).toBeUndefined();
      for (const source of sources) cpSync(join(ROOT, source), join(prod, dest === './' ? source : dest), { recursive: true });
    }
    for (const { args } of stage('prod-deps').instructions.filter((i) => i.op === 'RUN')) {
      execFileSync('sh', ['-c', args], { cwd: prod, stdio: 'pipe', env: { ...process.env, ...stage('prod-deps').env, npm_config_prefer_offline: 'true' } });
    }
    // The runtime stage: prod-deps' tree, then the build's files (this checkout, built by turbo before the tests).
    for (const { from, sources, dest } of copies(runtime)) {
      for (const source of sources) {
        if (from === 'prod-deps') renameSync(prod, app);
        else {
          expect(existsSync(join(ROOT, source.replace(/^\/repo\//, ''))), source).toBe(true);
          cpSync(join(ROOT, source.replace(/^\/repo\//, '')), join(app, dest), { recursive: true, verbatimSymlinks: true });
        }
      }
    }
    // The server's dependencies are installed, its development dependencies (test runner, bundler, browser driver) are not.
    const manifest = JSON.parse(read('packages/server/package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const linked = (name: string) => existsSync(join(app, 'packages/server/node_modules', name));
    expect(Object.keys(manifest.dependencies).filter((name) => !linked(name))).toEqual([]);
    expect(Object.keys(manifest.devDependencies).filter(linked)).toEqual([]);
    expect(readdirSync(join(app, 'node_modules/.pnpm')).filter((name) => /^(vitest|esbuild|playwright-core)@/.test(name))).toEqual([]);

    store = await createTestStore('postgresql');
    const [, first] = replicas[0]!;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE: process.execPath,
      ...runtime.env,
      ...Object.fromEntries(Object.entries(first.environment!).map(([k, v]) => [k, interpolate(String(v), sampleVars)])),
      // This machine's services instead of the compose file's, and loopback on a free port.
      DATABASE_URL: store.databaseUrl,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `deploy-${randomBytes(4).toString('hex')}`,
      DATA_DIR: join(dir, 'data'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const server = spawn(join(app, cmd[0]!), cmd.slice(1), { cwd: app, env });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line:\n${output}`)), 60_000);
        server.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        void exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const port = new URL(url).port;
      const health = (portEnv: string) => spawnSync(process.execPath, healthcheck.slice(1), { env: { PATH: env.PATH, PORT: portEnv }, encoding: 'utf8', timeout: 60_000 }).status;
      expect(health(port)).toBe(0);

      const key = JSON.parse(
        execFileSync(process.execPath, [join(app, 'packages/server/dist/cli/main.js'), 'keys', 'create', '--name', 'Deployed Shop', '--json'], { cwd: app, env, encoding: 'utf8' }),
      ) as { api_key: string; api_secret: string };
      const response = await fetch(`${url}/api/checkout/token/developer`, {
        method: 'POST',
        headers: { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'jane@example.com', amount: 12.5 }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { checkout_token: string } }).data.checkout_token).toMatch(/^eyJ/);

      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(health(port)).toBe(1);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });
});
