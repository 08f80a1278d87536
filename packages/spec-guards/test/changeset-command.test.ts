// `pnpm spec:changeset` in a git repository: the changeset it writes for @checkout/client from the
// spec's diff, and `--check`, which fails on a spec change that came without one — but not on
// history whose changesets `pnpm version-packages` has since consumed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parseChangeset from '@changesets/parse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const CLI = fileURLToPath(new URL('../dist/changeset.js', import.meta.url));
const fixture = (name: string) => parse(readFileSync(new URL(`./fixtures/pairs/${name}.yaml`, import.meta.url), 'utf8')) as { base: object; head: object };
const { base, head: withArchive } = fixture('added-operation');
const { head: without404 } = fixture('removed-response-status');
const { head: reworded } = fixture('description-only');

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' } });
const write = (path: string, text: string) => writeFileSync(join(repo, path), text);
const writeSpec = (doc: object) => write('spec/openapi.yaml', stringify(doc));
const commitAll = (message: string) => {
  git('add', '-A');
  git('commit', '-qm', message);
};
const clientManifest = (version: string) => write('packages/client/package.json', `${JSON.stringify({ name: '@checkout/client', version }, null, 2)}\n`);
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
};
const changesets = () => readdirSync(join(repo, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
const readChangeset = (file: string) => parseChangeset(readFileSync(join(repo, '.changeset', file), 'utf8'));

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'spec-changeset-'));
  mkdirSync(join(repo, 'spec'));
  mkdirSync(join(repo, '.changeset'));
  mkdirSync(join(repo, 'packages/client'), { recursive: true });
  git('init', '-q', '-b', 'main');
  write('.changeset/README.md', 'Changesets.\n');
  clientManifest('1.0.0');
  writeSpec(base);
  commitAll('the spec');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

// Each test runs git and the command several times: slow on a busy machine, so more than the default 30 s.
const SLOW = { timeout: 120_000 };

describe('pnpm spec:changeset writes the client release note', SLOW, () => {
  it('for an added operation: a minor changeset for @checkout/client that lists it', () => {
    writeSpec(withArchive);
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out).toContain('a minor release of @checkout/client');
    const [file] = changesets();
    expect(file).toMatch(/^spec-[0-9a-f]{7}\.md$/);
    const changeset = readChangeset(file!);
    expect(changeset.releases).toEqual([{ name: '@checkout/client', type: 'minor' }]);
    expect(changeset.summary).toContain('- /things/{id}/archive: added path (POST)');
  });

  it('for a breaking change: major', () => {
    writeSpec(without404);
    expect(run().status).toBe(0);
    const changeset = readChangeset(changesets()[0]!);
    expect(changeset.releases).toEqual([{ name: '@checkout/client', type: 'major' }]);
    expect(changeset.summary).toContain('- GET /things/{id}: removed response status 404');
  });

  it('for a description edit: patch', () => {
    writeSpec(reworded);
    expect(run().status).toBe(0);
    const changeset = readChangeset(changesets()[0]!);
    expect(changeset.releases).toEqual([{ name: '@checkout/client', type: 'patch' }]);
    expect(changeset.summary).toContain('responses.200.description changed');
  });

  it('run again after another edit, rewrites its own file instead of adding a second', () => {
    writeSpec(reworded);
    run();
    writeSpec(withArchive);
    const { out } = run();
    expect(out).toContain('Rewrote .changeset/spec-');
    expect(changesets()).toHaveLength(1);
    expect(readChangeset(changesets()[0]!).releases[0]!.type).toBe('minor');
  });

  it('writes nothing for a change of formatting or comments only', () => {
    write('spec/openapi.yaml', `# a comment\n${stringify(base)}`);
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out).toContain('formatting or comments only');
    expect(changesets()).toEqual([]);
  });
});

describe('pnpm spec:changeset --check', SLOW, () => {
  it('fails on a committed spec change without a changeset, and names the command that fixes it', () => {
    writeSpec(withArchive);
    commitAll('add archive');
    const { status, out } = run('--check');
    expect(out).toContain('the parent of the last commit that changed it');
    expect(out).toContain('FAILED: the spec changed since');
    expect(out).toContain('Run `pnpm spec:changeset`');
    expect(status).toBe(1);
  });

  it('passes when the changeset the command wrote is committed with the spec, also after unrelated commits', () => {
    writeSpec(withArchive);
    run();
    commitAll('add archive, with its changeset');
    write('NOTES', 'unrelated\n');
    commitAll('unrelated');
    const { status, out } = run('--check');
    expect(out).toMatch(/PASSED: \.changeset\/spec-[0-9a-f]{7}\.md releases @checkout\/client as minor or more/);
    expect(status).toBe(0);
  });

  it('fails when the changeset added is a smaller bump than the change needs', () => {
    writeSpec(without404);
    write('.changeset/small.md', '---\n"@checkout/client": minor\n---\n\nA note.\n');
    commitAll('drop the 404');
    const { status, out } = run('--check');
    expect(out).toContain('.changeset/small.md (since the base): minor for @checkout/client');
    expect(out).toContain('no changeset for @checkout/client of at least major');
    expect(status).toBe(1);
  });

  it('does not count a changeset for another package', () => {
    writeSpec(withArchive);
    write('.changeset/other.md', '---\n"@checkout/server": minor\n---\n\nServer only.\n');
    commitAll('add archive');
    const { status, out } = run('--check');
    expect(out).toContain('does not release @checkout/client');
    expect(status).toBe(1);
  });

  it('checks an uncommitted spec change against uncommitted changesets', () => {
    writeSpec(withArchive);
    expect(run('--check').status).toBe(1);
    run();
    const { status, out } = run('--check');
    expect(out).toContain('against HEAD (the working tree changes the spec)');
    expect(out).toContain('(in the working tree): minor for @checkout/client');
    expect(status).toBe(0);
  });

  it('still passes after `pnpm version-packages` consumed the changeset (it is read from the commit that added it)', () => {
    writeSpec(withArchive);
    run();
    commitAll('add archive, with its changeset');
    const [file] = changesets();
    rmSync(join(repo, '.changeset', file!));
    clientManifest('1.1.0');
    write('packages/client/CHANGELOG.md', '# @checkout/client\n\n## 1.1.0\n');
    commitAll('version packages');
    write('NOTES', 'later\n');
    commitAll('later work');
    const { status, out } = run('--check');
    expect(out).toMatch(/committed in [0-9a-f]{7}, since consumed\): minor for @checkout\/client/);
    expect(status).toBe(0);
  });

  it('passes when the client was released in the same range without the changeset file (a squashed merge)', () => {
    writeSpec(withArchive);
    clientManifest('1.1.0');
    commitAll('add archive and release 1.1.0');
    const { status, out } = run('--check');
    expect(out).toContain('PASSED: @checkout/client was released since');
    expect(out).toContain('1.0.0 → 1.1.0, a minor release');
    expect(status).toBe(0);
  });

  it('a patch release does not cover a breaking change', () => {
    writeSpec(without404);
    clientManifest('1.0.1');
    commitAll('drop the 404, release 1.0.1');
    expect(run('--check').status).toBe(1);
  });

  it('with only one version of the spec, has nothing to compare and passes', () => {
    rmSync(repo, { recursive: true, force: true });
    repo = mkdtempSync(join(tmpdir(), 'spec-changeset-'));
    mkdirSync(join(repo, 'spec'));
    git('init', '-q', '-b', 'main');
    writeSpec(base);
    commitAll('the spec');
    const { status, out } = run('--check');
    expect(out).toContain('has no earlier version');
    expect(status).toBe(0);
    expect(existsSync(join(repo, '.changeset'))).toBe(false);
  });

  it('compares with the ref given by --base, and names it in the fix', () => {
    git('tag', 'v1');
    writeSpec(withArchive);
    commitAll('add archive');
    writeSpec({ ...(withArchive as Record<string, unknown>), info: { title: 'things', version: '1.1.0' } });
    commitAll('bump');
    const { status, out } = run('--check', '--base', 'v1');
    expect(out).toContain('against --base v1');
    expect(out).toContain('Run `pnpm spec:changeset --base v1`');
    expect(status).toBe(1);
    expect(run('--check', '--base', 'no-such-ref').status).toBe(2);
  });
});
