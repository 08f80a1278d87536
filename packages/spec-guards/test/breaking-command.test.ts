// `pnpm spec:breaking` in a git repository: which base it picks, what it prints, and its
// exit code (1 on a breaking change unless info.version's major was raised).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const CLI = fileURLToPath(new URL('../dist/breaking.js', import.meta.url));
const { base, head } = parse(readFileSync(new URL('./fixtures/pairs/removed-response-status.yaml', import.meta.url), 'utf8')) as { base: { info: { version: string } }; head: { info: { version: string } } };
const added = parse(readFileSync(new URL('./fixtures/pairs/added-operation.yaml', import.meta.url), 'utf8')).head as object;

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' } });
const writeSpec = (doc: object) => writeFileSync(join(repo, 'spec/openapi.yaml'), stringify(doc));
const commitSpec = (doc: object, message: string) => {
  writeSpec(doc);
  git('add', '.');
  git('commit', '-qm', message);
};
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
};

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'spec-breaking-'));
  mkdirSync(join(repo, 'spec'));
  git('init', '-q', '-b', 'main');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('pnpm spec:breaking', () => {
  it('with only one version of the spec, says there is nothing to compare and passes', () => {
    commitSpec(base, 'add the spec');
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out).toContain('has no earlier version');
  });

  it('on a clean tree, compares with the parent of the last commit that changed the spec', () => {
    commitSpec(base, 'add the spec');
    commitSpec(head, 'drop the 404');
    writeFileSync(join(repo, 'README'), 'unrelated change\n');
    git('add', '.');
    git('commit', '-qm', 'unrelated');
    const { status, out } = run();
    expect(out).toContain('the parent of the last commit that changed it');
    expect(out).toContain('drop the 404');
    expect(out).toContain('Breaking changes (1):\n  - GET /things/{id}: removed response status 404');
    expect(out).toMatch(/FAILED: 1 breaking change\(s\) without a new major version/);
    expect(status).toBe(1);
  });

  it('with an uncommitted change to the spec, compares with HEAD', () => {
    commitSpec(base, 'add the spec');
    writeSpec(added);
    const { status, out } = run();
    expect(out).toContain('against HEAD (the working tree changes the spec)');
    expect(out).toContain('Non-breaking changes (1):\n  - /things/{id}/archive: added path (POST)');
    expect(out).toContain('PASSED: no breaking change.');
    expect(status).toBe(0);
  });

  it('passes a breaking change when info.version gets a new major', () => {
    commitSpec(base, 'add the spec');
    writeSpec({ ...head, info: { ...head.info, version: '2.0.0' } });
    const { status, out } = run();
    expect(out).toContain('info.version: 1.0.0 → 2.0.0');
    expect(out).toContain('PASSED: 1 breaking change(s), allowed by the major version raise.');
    expect(status).toBe(0);
  });

  it('compares with the ref given by --base', () => {
    commitSpec(base, 'v1');
    git('tag', 'v1');
    commitSpec(added, 'add archive');
    commitSpec({ ...added, info: { title: 'things', version: '1.1.0' } }, 'bump');
    const { status, out } = run('--base', 'v1');
    expect(out).toContain('against --base v1');
    expect(out).toContain('added path (POST)');
    expect(status).toBe(0);
    expect(run('--base', 'no-such-ref').status).toBe(2);
  });
});
