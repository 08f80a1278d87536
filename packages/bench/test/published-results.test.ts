// The committed run is one run, shown as the bench wrote it: latest.md and latest.svg are what
// the renderers make of latest.json, and the root README's table is latest.md's, not a hand copy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderSvg, type BenchResult } from '../src/report.js';

const results = (name: string) => readFileSync(new URL(`../results/${name}`, import.meta.url), 'utf8');
const tableOf = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| target | scenario |') || /^\| (bare|ours)/.test(line) || line.startsWith('| --- |'));

describe('the committed benchmark run', () => {
  const result = JSON.parse(results('latest.json')) as BenchResult;

  it('latest.md and latest.svg are rendered from latest.json', () => {
    expect(results('latest.md')).toBe(renderMarkdown(result));
    expect(results('latest.svg')).toBe(renderSvg(result));
  });

  it("the README's Performance table is latest.md's table", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = tableOf(results('latest.md'));
    expect(table.length).toBe(result.rows.length + 2);
    // After a local `pnpm bench`: copy latest.md's table into the README, or `git checkout packages/bench/results`.
    expect(tableOf(readme), 'README table differs from packages/bench/results/latest.md').toEqual(table);
  });
});
