// The committed run is one run, shown as the bench wrote it: latest.md and latest.svg are what
// the renderers make of latest.json. The root README links to them rather than copying them, so a
// new `pnpm bench` run never makes the README stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderSvg, type BenchResult } from '../src/report.js';

const results = (name: string) => readFileSync(new URL(`../results/${name}`, import.meta.url), 'utf8');

describe('the committed benchmark run', () => {
  const result = JSON.parse(results('latest.json')) as BenchResult;

  it('latest.md and latest.svg are rendered from latest.json', () => {
    expect(results('latest.md')).toBe(renderMarkdown(result));
    expect(results('latest.svg')).toBe(renderSvg(result));
  });

  it('latest.md has one table row per measured row of latest.json', () => {
    const rows = results('latest.md')
      .split('\n')
      .filter((line) => /^\| (bare|ours)/.test(line));
    expect(rows.length).toBe(result.rows.length);
  });
});
