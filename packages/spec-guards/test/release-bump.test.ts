// Which release of @checkout/client a spec change calls for, on the same pairs spec:breaking is
// tested with: major for a breaking change, minor for an addition, patch otherwise — and none
// when the documents are the same once parsed.
import { readdirSync, readFileSync } from 'node:fs';
import parseChangeset from '@changesets/parse';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Document, diffDocuments, releaseFor, renderChangeset } from '../src/index.js';

const PAIRS = new URL('./fixtures/pairs/', import.meta.url);
const pair = (name: string) => parse(readFileSync(new URL(`${name}.yaml`, PAIRS), 'utf8')) as { base: Document; head: Document };

describe('the release a spec change calls for', () => {
  it.each(readdirSync(PAIRS).map((file) => file.replace(/\.yaml$/, '')))('%s: major exactly when spec:breaking finds a breaking change', (name) => {
    const { base, head } = pair(name);
    const breaking = diffDocuments(base, head).some((c) => c.breaking);
    expect(releaseFor(base, head).bump === 'major').toBe(breaking);
  });

  it.each([['added-operation'], ['added-optional-request-property'], ['added-response-property'], ['added-response-status'], ['widened-request-bounds']])(
    '%s is an addition: minor',
    (name) => {
      const { base, head } = pair(name);
      expect(releaseFor(base, head).bump).toBe('minor');
    },
  );

  it('a description edit is a patch, and the changeset says where', () => {
    const { base, head } = pair('description-only');
    const release = releaseFor(base, head);
    expect(release.bump).toBe('patch');
    expect(release.documentation).toEqual(['GET /things/{id}: responses.200.description changed']);
    expect(renderChangeset(release, 'spec/openapi.yaml')).toContain('- GET /things/{id}: responses.200.description changed');
  });

  it('declaring already-required headers as security schemes changes nothing for clients: a patch', () => {
    const { base, head } = pair('documented-header-security');
    expect(releaseFor(base, head).bump).toBe('patch');
  });

  it('the same document with its keys in another order needs no release', () => {
    const { base } = pair('added-operation');
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as Document;
    expect(releaseFor(base, reordered).bump).toBeUndefined();
  });

  it('writes a changeset that changesets itself reads: the client, its bump, and the changes listed', () => {
    const { base, head } = pair('removed-response-status');
    const text = renderChangeset(releaseFor(base, head), 'spec/openapi.yaml');
    const parsed = parseChangeset(text);
    expect(parsed.releases).toEqual([{ name: '@checkout/client', type: 'major' }]);
    expect(parsed.summary).toContain('Breaking API changes in spec/openapi.yaml');
    expect(parsed.summary).toContain('- GET /things/{id}: removed response status 404');
  });
});
