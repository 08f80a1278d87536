#!/usr/bin/env node
// pnpm spec:breaking [--base REF] [--spec PATH]
// Compares the spec in the working tree with its version at a git ref and lists breaking
// and non-breaking changes. Exit 1 on a breaking change unless info.version's major was raised.
// Default base: HEAD when the working-tree spec differs from HEAD's; otherwise the parent
// of the last commit that changed the spec (so CI on a clean clone checks the latest change).
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { git, pickBase, tryGit } from './base-ref.js';
import { type Change, type Document, diffDocuments, majorOf } from './diff.js';

const HELP = `Usage: pnpm spec:breaking [--base REF] [--spec PATH]

Compares PATH (default spec/openapi.yaml) with its version at REF and lists breaking
changes for clients of REF's version. Exits 1 on a breaking change unless info.version's
major number was raised. Without --base: HEAD if the working-tree spec differs from it,
otherwise the parent of the last commit that changed the spec.`;

export interface BreakingReport {
  lines: string[];
  exitCode: number;
}

export function checkBreaking(cwd: string, specArg: string, baseArg: string | undefined): BreakingReport {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  const specPath = relative(top, resolve(cwd, specArg));
  const lines: string[] = [];
  const picked = pickBase(top, specPath, baseArg);
  if (picked.kind === 'nothing') return { lines: [`spec:breaking: ${picked.message} PASSED`], exitCode: 0 };
  if (picked.kind === 'error') return { lines: [`spec:breaking: ${picked.message}`], exitCode: 2 };
  const { base, why } = picked;
  const baseText = tryGit(top, ['show', `${base}:${specPath}`]);
  if (baseText === undefined) return { lines: [`spec:breaking: ${specPath} does not exist at ${base}; nothing to compare. PASSED`], exitCode: 0 };
  const baseDoc = parse(baseText) as Document;
  const headText = readFileSync(join(top, specPath), 'utf8');
  const headDoc = parse(headText) as Document;

  lines.push(`spec:breaking: ${specPath} (working tree) against ${why}`);
  const changes = diffDocuments(baseDoc, headDoc);
  const breaking = changes.filter((c) => c.breaking);
  const nonBreaking = changes.filter((c) => !c.breaking);
  const list = (title: string, items: Change[]) => {
    lines.push(`${title} (${items.length}):`);
    for (const c of items) lines.push(`  - ${c.where}: ${c.message}`);
  };
  if (breaking.length) list('Breaking changes', breaking);
  if (nonBreaking.length) list('Non-breaking changes', nonBreaking);
  if (!changes.length) lines.push(baseText === headText ? 'No changes.' : 'No changes to the contract (documentation only: descriptions, examples, tags or formatting).');

  const baseVersion = baseDoc.info?.version;
  const headVersion = headDoc.info?.version;
  const baseMajor = majorOf(baseVersion);
  const headMajor = majorOf(headVersion);
  const majorRaised = baseMajor !== undefined && headMajor !== undefined && headMajor > baseMajor;
  lines.push(`info.version: ${baseVersion ?? '(none)'} → ${headVersion ?? '(none)'}`);
  if (breaking.length && !majorRaised) {
    lines.push(`FAILED: ${breaking.length} breaking change(s) without a new major version. Undo them, or raise info.version's major (${baseVersion ?? '?'} → ${(baseMajor ?? 0) + 1}.0.0) and tell the API's clients.`);
    return { lines, exitCode: 1 };
  }
  lines.push(breaking.length ? `PASSED: ${breaking.length} breaking change(s), allowed by the major version raise.` : 'PASSED: no breaking change.');
  return { lines, exitCode: 0 };
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { base: { type: 'string' }, spec: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const report = checkBreaking(process.cwd(), values.spec ?? 'spec/openapi.yaml', values.base);
  console.log(report.lines.join('\n'));
  return report.exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`spec:breaking: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
  }
}
