// The spec's examples are what the API reference shows, so each one must be something the
// server really accepts or really answers: valid against its schema (an independent JSON
// Schema 2020-12 validator), request examples accepted by a real server, 422 examples
// reproduced item for item, and error messages and codes the server's own errors carry.
import { readFileSync } from 'node:fs';
import { specPath } from '@checkout/contract/spec';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CheckoutTokenInvalid, SessionNotConfirmable } from '../src/domain/checkout-sessions.js';
import { InvalidCredentials, ServiceUnavailable } from '../src/domain/errors.js';
import { IdempotencyConflict } from '../src/domain/idempotency.js';
import { RateLimited } from '../src/domain/rate-limits.js';
import { startServer, type TestServer } from './support/server.js';

type Node = Record<string, unknown>;
const document = parse(readFileSync(specPath, 'utf8')) as Node & { paths: Record<string, Record<string, Node>> };
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document as object, 'openapi.json');

const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (parts: string[]) => `openapi.json#/${parts.map(escape).join('/')}`;

interface Example {
  where: string;
  schemaRef: string;
  value: unknown;
}

/** Every example in the document with the schema it illustrates: media types, parameters and schemas. */
function collectExamples(node: unknown, path: string[], out: Example[] = []): Example[] {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((child, i) => collectExamples(child, [...path, String(i)], out));
    return out;
  }
  const n = node as Node;
  const where = path.join(' › ');
  // A media type or parameter: `example`/`examples` beside `schema`.
  if ('schema' in n) {
    const schemaRef = pointer([...path, 'schema']);
    if ('example' in n) out.push({ where, schemaRef, value: n.example });
    for (const [name, ex] of Object.entries((n.examples ?? {}) as Record<string, Node>)) out.push({ where: `${where} › ${name}`, schemaRef, value: ex.value });
  }
  // A schema with its own `example` (inside components.schemas or a parameter's schema).
  const inSchema = path.includes('schemas') || path[path.length - 1] === 'schema' || path.includes('properties');
  if (inSchema && 'example' in n && !('schema' in n)) out.push({ where, schemaRef: pointer(path), value: n.example });
  for (const [key, child] of Object.entries(n)) {
    if (key === 'examples' || key === 'example') continue;
    collectExamples(child, [...path, key], out);
  }
  return out;
}

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ path, method, op: op as Node & { responses: Record<string, Node>; requestBody?: Node; operationId: string } })),
);

const mediaTypesOf = (holder: Node | undefined) => Object.entries(((holder?.content ?? {}) as Record<string, Node>));
const examplesOf = (media: Node) => Object.entries((media.examples ?? {}) as Record<string, { value: unknown }>);

describe('spec examples', () => {
  it('every operation has request examples (when it takes a body) and an example for every documented response', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations) {
      for (const [type, media] of mediaTypesOf(op.requestBody)) if (examplesOf(media).length === 0) missing.push(`${method} ${path} request ${type}`);
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of mediaTypesOf(response)) if (examplesOf(media).length === 0) missing.push(`${method} ${path} ${status} ${type}`);
      }
    }
    expect(missing).toEqual([]);
  });

  const all = collectExamples(document, []);
  it('finds the examples it checks (media types, parameters and schemas)', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.some((e) => e.where.includes('parameters'))).toBe(true);
    expect(all.some((e) => e.where.startsWith('components'))).toBe(true);
  });

  it.each(all.map((e) => [e.where, e] as const))('%s is valid against its schema', (_where, example) => {
    const validate = ajv.getSchema(example.schemaRef) ?? ajv.compile({ $ref: example.schemaRef });
    expect(validate(example.value), ajv.errorsText(validate.errors)).toBe(true);
  });

  it("every error envelope example carries a message and error_code the server's errors really use", () => {
    const quota = { limit: 1, remaining: 0, resetSeconds: 1 };
    const real = [
      new InvalidCredentials(),
      new CheckoutTokenInvalid('missing'),
      new CheckoutTokenInvalid('expired'),
      new CheckoutTokenInvalid('invalid'),
      new SessionNotConfirmable('completed'),
      new SessionNotConfirmable('expired'),
      new IdempotencyConflict('different-body'),
      new IdempotencyConflict('in-progress'),
      new RateLimited(quota),
      new RateLimited(quota, 'Too many failed authentication attempts, retry later'),
      new ServiceUnavailable(),
    ].map((e) => `${e.status} ${e.code}: ${e.publicMessage}`);
    // Answered by the error middleware itself (http-edges.test.ts sends the 413).
    real.push('413 payload_too_large: Request body too large (limit 64 KiB)');
    const shown: string[] = [];
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [, media] of mediaTypesOf(response)) {
          for (const [, ex] of examplesOf(media)) {
            const v = ex.value as { success?: boolean; message?: string; error_code?: string };
            if (v && typeof v === 'object' && v.success === false) shown.push(`${status} ${v.error_code}: ${v.message}`);
          }
        }
      }
    }
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((s) => !real.includes(s))).toEqual([]);
  });
});

describe('spec examples against the real server', () => {
  const developer = document.paths['/api/checkout/token/developer']!.post as Node & { requestBody: Node; responses: Record<string, Node> };
  let server: TestServer;
  let headers: Record<string, string>;
  beforeAll(async () => {
    server = await startServer('sqlite');
    const key = await server.createApiKey('Examples');
    headers = { 'Content-Type': 'application/json', 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret };
  });
  afterAll(() => server?.close());

  it.each(examplesOf(mediaTypesOf(developer.requestBody)[0]![1]))('request example %s is accepted with a token', async (_name, example) => {
    const res = await server.request('POST', '/api/checkout/token/developer', { headers, body: JSON.stringify(example.value) });
    expect(res.status, res.text).toBe(200);
  });

  const validationExamples = examplesOf(mediaTypesOf(developer.responses['422'])[0]![1]);
  it.each(validationExamples)('422 example %s is exactly what the server answers for that input', async (_name, example) => {
    const detail = (example.value as { detail: { type: string; loc: (string | number)[]; input: unknown }[] }).detail;
    // Rebuild the request the example describes from its items: `input` is what was sent at `loc`.
    let body: Record<string, unknown> | unknown = { email: 'jane@example.com', amount: 49.99 };
    const sent = { ...headers };
    for (const item of detail) {
      const [where, field] = item.loc;
      if (where === 'header') delete sent[Object.keys(sent).find((h) => h.toLowerCase() === field)!];
      else if (item.loc.length === 1) body = item.input;
      else if (item.type === 'missing') delete (body as Record<string, unknown>)[field as string];
      else (body as Record<string, unknown>)[field as string] = item.input;
    }
    const res = await server.request('POST', '/api/checkout/token/developer', { headers: sent, body: JSON.stringify(body) });
    expect(res.status).toBe(422);
    expect(res.json).toEqual(example.value);
  });

  it("the 200 example's checkout_token has the header fields and claims of a real token, and a real expires_at", async () => {
    const [, example] = examplesOf(mediaTypesOf(developer.responses['200'])[0]![1])[0]!;
    const shown = (example.value as { data: { checkout_token: string; expires_at: string } }).data;
    const res = await server.request('POST', '/api/checkout/token/developer', { headers, body: JSON.stringify({ email: 'jane@example.com', amount: 1 }) });
    const real = res.json.data as { checkout_token: string };
    expect(Object.keys(decodeProtectedHeader(shown.checkout_token)).sort()).toEqual(Object.keys(decodeProtectedHeader(real.checkout_token)).sort());
    expect(Object.keys(decodeJwt(shown.checkout_token)).sort()).toEqual(Object.keys(decodeJwt(real.checkout_token)).sort());
    const claims = decodeJwt(shown.checkout_token);
    expect(new Date(shown.expires_at).getTime() / 1000).toBe(claims.exp);
    expect(claims.exp! - claims.iat!).toBe(server.service.config.token.ttlSeconds);
  });
});
