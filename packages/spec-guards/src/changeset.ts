#!/usr/bin/env node
// pnpm spec:changeset [--base REF] [--spec PATH] [--check]
// A spec change and the client's release note travel together. Without --check: writes a
// changeset for @checkout/client from the spec's diff against the base ref (the one
// spec:breaking uses): major for a breaking change, minor for an addition, patch otherwise.
// With --check: fails when the spec changed since the base without a changeset of at least that
// bump added since it. A changeset `pnpm version-packages` has since consumed still counts: it is
// read from the commit that added it, and a raise of the client's version counts as well.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import parseChangeset from '@changesets/parse';
import { parse } from 'yaml';
import { git, pickBase, tryGit } from './base-ref.js';
import { type Change, type Document, diffDocuments } from './diff.js';

export const CLIENT_PACKAGE = '@checkout/client';
const CLIENT_PACKAGE_JSON = 'packages/client/package.json';
const CHANGESET_DIR = '.changeset';

export type Bump = 'patch' | 'minor' | 'major';
const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

// Non-breaking changes (diff.ts's wording) that add to what a client may send or receive, or relax
// a rule: a minor release. The rest — removals clients may ignore, documentation — is a patch.
const ADDITIONS = [
  /^added (operation|path|response status|an optional request body)\b/,
  /^added$/, // a security scheme
  /^new optional /,
  /^new response property$/,
  /^widened /,
  / became optional$/,
  /^request media type .+ is now accepted$/,
  /^response \S+ documents a new header /,
  /^response enum gained /,
];

export function bumpOf(change: Change): Bump {
  if (change.breaking) return 'major';
  return ADDITIONS.some((pattern) => pattern.test(change.message)) ? 'minor' : 'patch';
}

export interface SpecRelease {
  /** Undefined when the two documents are the same once parsed (formatting or YAML comments only). */
  bump: Bump | undefined;
  breaking: Change[];
  additions: Change[];
  others: Change[];
  /** Where the documents differ, for a change the contract diff does not name (descriptions, examples). */
  documentation: string[];
  baseVersion: string | undefined;
  headVersion: string | undefined;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function describePath(path: string[]): string {
  const [first, route, method, ...rest] = path;
  if (first === 'paths' && route !== undefined) {
    if (method !== undefined && METHODS.has(method)) return `${method.toUpperCase()} ${route}${rest.length ? `: ${rest.join('.')}` : ''}`;
    return `${route}${method !== undefined ? `: ${[method, ...rest].join('.')}` : ''}`;
  }
  return path.join('.') || '(the document)';
}

/** Every place two parsed documents differ (object key order ignored), as readable paths. */
export function documentDifferences(base: unknown, head: unknown, path: string[] = [], out: string[] = []): string[] {
  if (out.length >= 100) return out;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(base) && isObject(head)) {
    for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
      if (!(key in head)) out.push(`${describePath([...path, key])} removed`);
      else if (!(key in base)) out.push(`${describePath([...path, key])} added`);
      else documentDifferences(base[key], head[key], [...path, key], out);
    }
  } else if (Array.isArray(base) && Array.isArray(head) && base.length === head.length) {
    base.forEach((item, i) => documentDifferences(item, head[i], [...path, String(i)], out));
  } else if (JSON.stringify(base) !== JSON.stringify(head)) {
    out.push(`${describePath(path)} changed`);
  }
  return out;
}

export function releaseFor(base: Document, head: Document): SpecRelease {
  const changes = diffDocuments(base, head);
  const breaking = changes.filter((c) => bumpOf(c) === 'major');
  const additions = changes.filter((c) => bumpOf(c) === 'minor');
  const others = changes.filter((c) => bumpOf(c) === 'patch');
  const documentation = documentDifferences(base, head);
  const bump: Bump | undefined = breaking.length ? 'major' : additions.length ? 'minor' : others.length || documentation.length ? 'patch' : undefined;
  return { bump, breaking, additions, others, documentation, baseVersion: base.info?.version, headVersion: head.info?.version };
}

/** The changeset's text (changesets 2.x: YAML front matter naming the package and its bump, then the summary). */
export function renderChangeset(release: SpecRelease, specPath: string): string {
  if (!release.bump) throw new Error('no change to release');
  const version =
    release.baseVersion === release.headVersion ? `info.version ${release.headVersion ?? '(none)'}` : `info.version ${release.baseVersion ?? '(none)'} → ${release.headVersion ?? '(none)'}`;
  const item = (c: Change) => `- ${c.where}: ${c.message}`;
  const lines: string[] = [];
  if (release.bump === 'major') {
    lines.push(`Breaking API changes in ${specPath} (${version}): code written for the previous version may no longer compile or work.`, '', ...release.breaking.map(item));
    if (release.additions.length || release.others.length) lines.push('', 'Also:', '', ...release.additions.map(item), ...release.others.map(item));
  } else if (release.bump === 'minor') {
    lines.push(`API additions in ${specPath} (${version}).`, '', ...release.additions.map(item), ...release.others.map(item));
  } else if (release.others.length) {
    lines.push(`Compatible API changes in ${specPath} (${version}).`, '', ...release.others.map(item));
  } else {
    const shown = release.documentation.slice(0, 20);
    const more = release.documentation.length - shown.length;
    lines.push(`Documentation changes in ${specPath} (${version}): no request or response changes.`, '', ...shown.map((d) => `- ${d}`));
    if (more > 0) lines.push(`- … and ${more} more`);
  }
  return `---\n"${CLIENT_PACKAGE}": ${release.bump}\n---\n\n${lines.join('\n')}\n`;
}

interface FoundChangeset {
  path: string;
  /** Its bump for @checkout/client, if it names the package. */
  bump: Bump | undefined;
  where: string;
  problem?: string;
}

const isChangesetPath = (path: string) => new RegExp(`^${CHANGESET_DIR}/[^/]+\\.md$`).test(path) && !/\/readme\.md$/i.test(path);

function readChangeset(path: string, text: string, where: string): FoundChangeset {
  try {
    const release = parseChangeset(text).releases.find((r) => r.name === CLIENT_PACKAGE);
    const bump = release && release.type !== 'none' ? (release.type as Bump) : undefined;
    return { path, bump, where };
  } catch (error) {
    return { path, bump: undefined, where, problem: `not a valid changeset: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Changesets added since `base`: committed (even if later consumed by `pnpm version-packages`) or only in the working tree. */
export function changesetsSince(top: string, base: string): FoundChangeset[] {
  const found = new Map<string, FoundChangeset>();
  const committed = (tryGit(top, ['log', '--format=', '--name-only', '--diff-filter=A', `${base}..HEAD`, '--', CHANGESET_DIR]) ?? '').split('\n').filter(isChangesetPath);
  for (const path of new Set(committed)) {
    if (existsSync(join(top, path))) {
      found.set(path, readChangeset(path, readFileSync(join(top, path), 'utf8'), 'since the base'));
      continue;
    }
    const last = tryGit(top, ['log', '-1', '--format=%H', '--diff-filter=AM', `${base}..HEAD`, '--', path]);
    const text = last ? tryGit(top, ['show', `${last}:${path}`]) : undefined;
    if (last && text !== undefined) found.set(path, readChangeset(path, text, `committed in ${last.slice(0, 7)}, since consumed`));
  }
  const dir = join(top, CHANGESET_DIR);
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const path = `${CHANGESET_DIR}/${name}`;
    if (!isChangesetPath(path) || found.has(path)) continue;
    if (tryGit(top, ['cat-file', '-e', `${base}:${path}`]) !== undefined) continue; // there before the change
    found.set(path, readChangeset(path, readFileSync(join(top, path), 'utf8'), 'in the working tree'));
  }
  return [...found.values()];
}

/** How far the client's version rose since `base` (a release made from changesets already consumed). */
function clientVersionRaise(top: string, base: string): { bump: Bump; from: string; to: string } | undefined {
  const versionOf = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const manifest = JSON.parse(text) as { name?: string; version?: string };
    const match = manifest.name === CLIENT_PACKAGE ? /^(\d+)\.(\d+)\.(\d+)/.exec(manifest.version ?? '') : null;
    return match ? { text: manifest.version as string, parts: [Number(match[1]), Number(match[2]), Number(match[3])] } : undefined;
  };
  const from = versionOf(tryGit(top, ['show', `${base}:${CLIENT_PACKAGE_JSON}`]));
  const to = versionOf(existsSync(join(top, CLIENT_PACKAGE_JSON)) ? readFileSync(join(top, CLIENT_PACKAGE_JSON), 'utf8') : undefined);
  if (!from || !to) return undefined;
  const [a1, a2, a3] = from.parts as [number, number, number];
  const [b1, b2, b3] = to.parts as [number, number, number];
  const bump: Bump | undefined = b1 > a1 ? 'major' : b1 === a1 && b2 > a2 ? 'minor' : b1 === a1 && b2 === a2 && b3 > a3 ? 'patch' : undefined;
  return bump ? { bump, from: from.text, to: to.text } : undefined;
}

export interface ChangesetReport {
  lines: string[];
  exitCode: number;
  /** The file written (write mode). */
  written?: string;
}

export function specChangeset(cwd: string, specArg: string, baseArg: string | undefined, mode: 'write' | 'check'): ChangesetReport {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  const specPath = relative(top, resolve(cwd, specArg));
  const picked = pickBase(top, specPath, baseArg);
  if (picked.kind === 'nothing') return { lines: [`spec:changeset: ${picked.message} PASSED`], exitCode: 0 };
  if (picked.kind === 'error') return { lines: [`spec:changeset: ${picked.message}`], exitCode: 2 };
  const { base, why } = picked;
  const baseText = tryGit(top, ['show', `${base}:${specPath}`]);
  if (baseText === undefined) return { lines: [`spec:changeset: ${specPath} does not exist at ${base}; nothing to compare. PASSED`], exitCode: 0 };
  const headText = readFileSync(join(top, specPath), 'utf8');
  const release = releaseFor(parse(baseText) as Document, parse(headText) as Document);

  const lines = [`spec:changeset: ${specPath} (working tree) against ${why}`];
  if (!release.bump) {
    lines.push(`${baseText === headText ? 'No change to the spec' : 'No change to the spec once parsed (formatting or comments only)'}: no release of ${CLIENT_PACKAGE} needed. PASSED`);
    return { lines, exitCode: 0 };
  }
  const counts = [
    release.breaking.length && `${release.breaking.length} breaking`,
    release.additions.length && `${release.additions.length} addition(s)`,
    release.others.length && `${release.others.length} other compatible change(s)`,
  ].filter(Boolean);
  lines.push(`Changes: ${counts.length ? counts.join(', ') : 'documentation only'} → a ${release.bump} release of ${CLIENT_PACKAGE}.`);
  const baseCommit = git(top, ['rev-parse', '--short=7', `${base}^{commit}`]);
  const fix = `pnpm spec:changeset${baseArg ? ` --base ${baseArg}` : ''}`;

  if (mode === 'write') {
    const file = `${CHANGESET_DIR}/spec-${baseCommit}.md`;
    const text = renderChangeset(release, specPath);
    const existed = existsSync(join(top, file));
    mkdirSync(join(top, CHANGESET_DIR), { recursive: true });
    writeFileSync(join(top, file), text);
    lines.push(`${existed ? 'Rewrote' : 'Wrote'} ${file}: review its text (partners read it in the changelog), then commit it with the spec.`, '', text.trimEnd());
    return { lines, exitCode: 0, written: file };
  }

  const found = changesetsSince(top, base);
  const enough = found.filter((c) => c.bump && RANK[c.bump] >= RANK[release.bump as Bump]);
  for (const c of found) lines.push(`  ${c.path} (${c.where}): ${c.problem ?? (c.bump ? `${c.bump} for ${CLIENT_PACKAGE}` : `does not release ${CLIENT_PACKAGE}`)}`);
  if (enough.length) {
    lines.push(`PASSED: ${enough.map((c) => c.path).join(', ')} releases ${CLIENT_PACKAGE} as ${release.bump} or more.`);
    return { lines, exitCode: 0 };
  }
  const raised = clientVersionRaise(top, base);
  if (raised && RANK[raised.bump] >= RANK[release.bump]) {
    lines.push(`PASSED: ${CLIENT_PACKAGE} was released since ${baseCommit} (${raised.from} → ${raised.to}, a ${raised.bump} release).`);
    return { lines, exitCode: 0 };
  }
  lines.push(
    `FAILED: the spec changed since ${baseCommit} (a ${release.bump} release of ${CLIENT_PACKAGE}), and no changeset for ${CLIENT_PACKAGE} of at least ${release.bump} was added since.`,
    `Run \`${fix}\`, review the file it writes in ${CHANGESET_DIR}/, and commit it.`,
  );
  return { lines, exitCode: 1 };
}

const HELP = `Usage: pnpm spec:changeset [--base REF] [--spec PATH] [--check]

Writes ${CHANGESET_DIR}/spec-<base>.md, a changeset for ${CLIENT_PACKAGE} listing how PATH (default
spec/openapi.yaml) changed since REF: major for a breaking change, minor for an addition, patch
otherwise. With --check, writes nothing and exits 1 when the spec changed since REF without a
changeset for ${CLIENT_PACKAGE} of at least that bump added since REF. Without --base: HEAD if the
working-tree spec differs from it, otherwise the parent of the last commit that changed the spec.`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { base: { type: 'string' }, spec: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const report = specChangeset(process.cwd(), values.spec ?? 'spec/openapi.yaml', values.base, values.check ? 'check' : 'write');
  console.log(report.lines.join('\n'));
  return report.exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`spec:changeset: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
  }
}
