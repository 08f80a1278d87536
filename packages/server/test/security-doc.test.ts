// SECURITY.md names, for each OWASP risk, the tests that show it: those files and test names must exist.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(`${root}SECURITY.md`, 'utf8');
const rows = doc.split('\n').filter((line) => /^\| API\d+ /.test(line));

describe('SECURITY.md', () => {
  it('covers all ten OWASP API Security (2023) risks', () => {
    expect(rows.map((r) => /^\| (API\d+)/.exec(r)?.[1])).toEqual(['API1', 'API2', 'API3', 'API4', 'API5', 'API6', 'API7', 'API8', 'API9', 'API10']);
  });

  it.each(rows.map((r) => [/^\| (API\d+)/.exec(r)![1]!, r] as const))('%s points at tests that exist, by file and by name', (_risk, row) => {
    const evidence = row.split('|').at(-2) ?? '';
    const refs = [...evidence.matchAll(/`([\w./-]+\.test\.ts)`(?: \(([^)]*)\))?/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, file, names] of refs) {
      const path = file!.includes('/') ? `${root}${file}` : `${root}packages/server/test/${file}`;
      expect(existsSync(path), path).toBe(true);
      const source = readFileSync(path, 'utf8');
      for (const [, quoted] of (names ?? '').matchAll(/"([^"]+)"/g)) {
        const fragment = quoted!.replace(/…$/, '').replace(/^…/, '').split('…')[0]!.replaceAll('`', '');
        expect(source.includes(fragment), `${file} has a test named like "${quoted}"`).toBe(true);
      }
    }
  });
});
