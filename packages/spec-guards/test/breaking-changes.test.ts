// Each rule of spec:breaking on a pair of small specs (base → head): the breaking pairs
// are flagged with exactly the change they contain; the non-breaking ones pass.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Document, diffDocuments } from '../src/index.js';

function pair(name: string) {
  const { base, head } = parse(readFileSync(new URL(`./fixtures/pairs/${name}.yaml`, import.meta.url), 'utf8')) as { base: Document; head: Document };
  const changes = diffDocuments(base, head);
  return {
    breaking: changes.filter((c) => c.breaking).map((c) => `${c.where}: ${c.message}`),
    nonBreaking: changes.filter((c) => !c.breaking).map((c) => `${c.where}: ${c.message}`),
  };
}

describe('spec:breaking flags a breaking change', () => {
  it.each([
    ['removed-path', '/things/{id}: removed path'],
    ['removed-operation', 'POST /things: removed operation'],
    ['removed-response-status', 'GET /things/{id}: removed response status 404'],
    ['removed-response-property', 'GET /things/{id} response 200 /note: removed response property'],
    ['renamed-response-property', 'GET /things/{id} response 200 /name: removed response property (renamed to title?)'],
    ['response-property-made-optional', 'GET /things/{id} response 200 /name: response property made optional'],
    ['new-required-request-property', 'POST /things request body /owner: new required request property'],
    ['request-property-became-required', 'POST /things request body /size: request property became required'],
    ['new-required-parameter', 'GET /things/{id}: new required header parameter X-Tenant'],
    ['narrowed-request-type', 'POST /things request body /weight: narrowed type number → integer'],
    ['narrowed-request-enum', 'POST /things request body /size: narrowed enum: ["l"] no longer accepted'],
    ['narrowed-request-maximum', 'POST /things request body /weight: narrowed maximum 1000 → 500'],
    ['narrowed-request-max-length', 'POST /things request body /name: narrowed maxLength 50 → 20'],
    ['narrowed-request-format', 'POST /things request body /contact: narrowed format none → email'],
    ['changed-operation-id', 'GET /things/{id}: changed operationId get_thing → fetch_thing'],
    ['changed-security', 'POST /things: changed security [{"apiKey":[]}] → [{"bearer":[]}]'],
    ['new-header-security', 'POST /things: changed security [] → [{"apiKey":[]}]'],
  ])('%s', (name, expected) => {
    expect(pair(name).breaking).toEqual([expected]);
  });
});

describe('spec:breaking lets a non-breaking change pass, and lists it', () => {
  it.each([
    ['added-operation', ['/things/{id}/archive: added path (POST)']],
    ['added-optional-request-property', ['POST /things request body /colour: new optional request property']],
    [
      'widened-request-bounds',
      ['POST /things request body /name: widened maxLength 50 → 80', 'POST /things request body /size: widened enum: now also ["xl"]', 'POST /things request body /weight: widened maximum 1000 → 5000'],
    ],
    ['added-response-property', ['GET /things/{id} response 200 /created_at: new response property']],
    ['added-response-status', ['GET /things/{id}: added response status 429']],
    ['description-only', []],
    ['documented-header-security', ['POST /things: documented security [{"apiKey":[]}] for header parameters it already required']],
  ])('%s', (name, expected) => {
    const { breaking, nonBreaking } = pair(name);
    expect(breaking).toEqual([]);
    expect(nonBreaking.sort()).toEqual([...expected].sort());
  });

  it('an operation that moved to another method is a removal plus an addition', () => {
    expect(pair('removed-operation').nonBreaking).toEqual(['PUT /things: added operation create_thing']);
  });
});
