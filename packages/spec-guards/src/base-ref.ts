// The git ref a spec guard compares the working tree's spec with, shared by `spec:breaking` and
// `spec:changeset`: --base REF when given; otherwise HEAD when the working tree changes the spec,
// else the parent of the last commit that changed it (so CI on a clean clone checks the latest change).
import { execFileSync } from 'node:child_process';

export const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
export const tryGit = (cwd: string, args: string[]) => {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
};

export type BaseRef =
  /** Compare with `base` (a ref or commit); `why` says how it was chosen. */
  | { kind: 'base'; base: string; why: string }
  /** Nothing to compare with: the guard passes with this message. */
  | { kind: 'nothing'; message: string }
  /** A usage error, such as a --base that is not a commit. */
  | { kind: 'error'; message: string };

/** `top` is the repository's top level, `specPath` relative to it. */
export function pickBase(top: string, specPath: string, baseArg: string | undefined): BaseRef {
  let base = baseArg;
  let why = `--base ${baseArg}`;
  if (!base) {
    const dirty = tryGit(top, ['diff', '--quiet', 'HEAD', '--', specPath]) === undefined;
    if (dirty) {
      base = 'HEAD';
      why = 'HEAD (the working tree changes the spec)';
    } else {
      const last = tryGit(top, ['log', '-1', '--format=%H', '--', specPath]);
      if (!last) return { kind: 'nothing', message: `no commit has changed ${specPath}; nothing to compare.` };
      const parent = tryGit(top, ['rev-parse', '--verify', '-q', `${last}^`]);
      const subject = git(top, ['log', '-1', '--format=%h %s', last]);
      if (!parent) return { kind: 'nothing', message: `${specPath} has no earlier version than ${subject} (or the clone is too shallow to see one); nothing to compare.` };
      base = parent;
      why = `${parent.slice(0, 7)}, the parent of the last commit that changed it (${subject})`;
    }
  }
  if (!tryGit(top, ['rev-parse', '--verify', '-q', `${base}^{commit}`])) return { kind: 'error', message: `${base} is not a commit in this repository` };
  return { kind: 'base', base, why };
}
