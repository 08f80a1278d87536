// What a partner gets: `pnpm pack` of this package installs into an empty project with npm
// (the tarball alone; openapi-fetch comes from the registry), type-checks a sample call with
// tsc under strict settings, and runs in Node. Nothing from this workspace is needed.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const SAMPLE = `import { createCheckoutClient, errorCodeOf, isValidationError, type CheckoutSession } from '@checkout/client';

const checkout = createCheckoutClient({ baseUrl: 'https://checkout.example.com', apiKey: 'key', apiSecret: 'secret' });

/** The token for the browser, or why there is none. */
export async function mintToken(orderId: string): Promise<{ token: string } | { problem: string }> {
  const { data, error } = await checkout.createDeveloperToken(
    { email: 'jane@example.com', amount: 49.99, currency: 'usd' },
    { idempotencyKey: orderId, signal: AbortSignal.timeout(10_000) },
  );
  if (error) {
    if (isValidationError(error)) return { problem: error.detail.map((d) => \`\${d.loc.join('.')}: \${d.msg}\`).join('; ') };
    return { problem: errorCodeOf(error) ?? error.message };
  }
  const token: string | undefined = data.data?.checkout_token;
  return token ? { token } : { problem: 'no token' };
}

export async function status(token: string): Promise<CheckoutSession['status'] | undefined> {
  return (await checkout.getSession(token)).data?.data?.status;
}

// The types are real, not any: these do not compile.
// @ts-expect-error amount must be a number
void checkout.createDeveloperToken({ email: 'jane@example.com', amount: '49.99' });
// @ts-expect-error paths outside the spec do not exist
void checkout.raw.GET('/api/not-in-the-spec');
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: [],
    noEmit: true,
    skipLibCheck: false,
  },
  include: ['sample.ts'],
};

describe('the packed client', () => {
  let work: string;
  let tarball: string;
  let project: string;
  let api: Server;
  let apiUrl: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'checkout-client-pack-'));
    execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: packageDir, stdio: 'pipe' });
    const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!name) throw new Error('pnpm pack wrote no tarball');
    tarball = join(work, name);
    project = join(work, 'partner-app');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }, null, 2));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], { cwd: project, stdio: 'pipe', timeout: 110_000 });
    api = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ready', checks: { database: 'ok', shutdown: 'running' } })));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => api?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('holds the built code, its declarations, the README and a package.json with registry dependencies only', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/contract/schema.gen.d.ts');
    expect(files).toContain('package/README.md');
    expect(files.filter((f) => !/^package\/(dist\/.+\.(js|d\.ts)|README\.md|CHANGELOG\.md|package\.json)$/.test(f))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    expect(manifest.dependencies).toEqual({ 'openapi-fetch': expect.stringMatching(/^\d/) });
    expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:/);
    console.info(`client tarball: ${(statSync(tarball).size / 1024).toFixed(1)} KiB packed, ${files.length} files`);
  });

  it('installs into an empty project with nothing but the tarball and the registry', () => {
    const installed = readdirSync(join(project, 'node_modules')).sort();
    expect(installed).toContain('openapi-fetch');
    expect(readdirSync(join(project, 'node_modules', '@checkout'))).toEqual(['client']);
    const declarations = readFileSync(join(project, 'node_modules/@checkout/client/dist/index.d.ts'), 'utf8');
    expect(declarations).not.toContain('@checkout/contract');
  });

  it('type-checks a sample call with tsc (strict, NodeNext, no skipLibCheck), and rejects a wrong one', () => {
    writeFileSync(join(project, 'sample.ts'), SAMPLE);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    const ok = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    writeFileSync(join(project, 'sample.ts'), `${SAMPLE}\nvoid checkout.createDeveloperToken({ email: 'jane@example.com' });\n`);
    const bad = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/sample\.ts\(\d+,\d+\): error TS2345: .*amount/s);
  }, 180_000); // two full tsc runs; slow when the rest of the suite shares the CPU

  it('runs in Node from the installed package', async () => {
    const script = `import { createCheckoutClient } from '@checkout/client';
const { data, response } = await createCheckoutClient({ baseUrl: ${JSON.stringify(apiUrl)} }).readiness();
console.log(JSON.stringify({ status: response.status, data }));`;
    // Asynchronously: the API it calls is served by this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ status: 200, data: { status: 'ready', checks: { database: 'ok', shutdown: 'running' } } });
  });
});
