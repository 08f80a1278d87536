// Every invalid request answers 422 in FastAPI/pydantic-v2 form: one item per real error,
// with pydantic's type id, message, loc, input and ctx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@checkout/test-support';
import { startServer, type TestServer } from './support/server.js';

const PATH = '/api/checkout/token/developer';

describe.each(STORE_KINDS)('422 validation errors on %s', (kind) => {
  let server: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    server = await startServer(kind);
    const key = await server.createApiKey();
    auth = { 'X-Api-Key': key.api_key, 'X-Api-Secret': key.api_secret };
  });
  afterAll(() => server?.close());

  const post = (body: string | Buffer | undefined, headers: Record<string, string> = { ...auth, 'content-type': 'application/json' }) =>
    server.request('POST', PATH, { headers, ...(body === undefined ? {} : { body }) });
  const postJson = (body: unknown) => post(JSON.stringify(body));

  const cases: [string, unknown, unknown[]][] = [
    ['a missing amount is "missing" with the body as input', { email: 'a@example.com' },
      [{ type: 'missing', loc: ['body', 'amount'], msg: 'Field required', input: { email: 'a@example.com' } }]],
    ['amount 0 is greater_than', { email: 'a@example.com', amount: 0 },
      [{ type: 'greater_than', loc: ['body', 'amount'], msg: 'Input should be greater than 0', input: 0, ctx: { gt: 0 } }]],
    ['a negative amount is greater_than', { email: 'a@example.com', amount: -5 },
      [{ type: 'greater_than', loc: ['body', 'amount'], msg: 'Input should be greater than 0', input: -5, ctx: { gt: 0 } }]],
    ['an amount above 100000 is less_than_equal', { email: 'a@example.com', amount: 100000.01 },
      [{ type: 'less_than_equal', loc: ['body', 'amount'], msg: 'Input should be less than or equal to 100000', input: 100000.01, ctx: { le: 100000 } }]],
    ['a non-numeric string amount is float_parsing', { email: 'a@example.com', amount: 'ten' },
      [{ type: 'float_parsing', loc: ['body', 'amount'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'ten' }]],
    ['a boolean amount is float_type', { email: 'a@example.com', amount: true },
      [{ type: 'float_type', loc: ['body', 'amount'], msg: 'Input should be a valid number', input: true }]],
    ['a null amount is float_type', { email: 'a@example.com', amount: null },
      [{ type: 'float_type', loc: ['body', 'amount'], msg: 'Input should be a valid number', input: null }]],
    ['an amount with more than 8 decimals is a value_error', { email: 'a@example.com', amount: 1.123456789 },
      [{ type: 'value_error', loc: ['body', 'amount'], msg: 'Value error, amount must have at most 8 decimal places', input: 1.123456789, ctx: { error: {} } }]],
    ['a short phone is string_too_short', { phone: '1234', phone_country_code: '+1', amount: 1 },
      [{ type: 'string_too_short', loc: ['body', 'phone'], msg: 'String should have at least 5 characters', input: '1234', ctx: { min_length: 5 } }]],
    ['a long phone is string_too_long', { phone: '1'.repeat(21), phone_country_code: '+1', amount: 1 },
      [{ type: 'string_too_long', loc: ['body', 'phone'], msg: 'String should have at most 20 characters', input: '1'.repeat(21), ctx: { max_length: 20 } }]],
    ['an empty country code is string_too_short', { phone: '5550001234', phone_country_code: '', amount: 1 },
      [{ type: 'string_too_short', loc: ['body', 'phone_country_code'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } }]],
    ['a long country code is string_too_long', { phone: '5550001234', phone_country_code: '+12345678901', amount: 1 },
      [{ type: 'string_too_long', loc: ['body', 'phone_country_code'], msg: 'String should have at most 10 characters', input: '+12345678901', ctx: { max_length: 10 } }]],
    ['a short currency is string_too_short', { email: 'a@example.com', amount: 1, currency: 'US' },
      [{ type: 'string_too_short', loc: ['body', 'currency'], msg: 'String should have at least 3 characters', input: 'US', ctx: { min_length: 3 } }]],
    ['a long currency is string_too_long', { email: 'a@example.com', amount: 1, currency: 'DOLLARS-USD' },
      [{ type: 'string_too_long', loc: ['body', 'currency'], msg: 'String should have at most 10 characters', input: 'DOLLARS-USD', ctx: { max_length: 10 } }]],
    ['a numeric phone is string_type', { phone: 5550001234, phone_country_code: '+1', amount: 1 },
      [{ type: 'string_type', loc: ['body', 'phone'], msg: 'Input should be a valid string', input: 5550001234 }]],
    ['a null currency is string_type', { email: 'a@example.com', amount: 1, currency: null },
      [{ type: 'string_type', loc: ['body', 'currency'], msg: 'Input should be a valid string', input: null }]],
    ['a bad email is a value_error at ["body","email"]', { email: 'not-an-email', amount: 1 },
      [{ type: 'value_error', loc: ['body', 'email'], msg: 'value is not a valid email address: An email address must have an @-sign.', input: 'not-an-email', ctx: { reason: 'An email address must have an @-sign.' } }]],
    ['neither email nor phone is a value_error at ["body"]', { amount: 1 },
      [{ type: 'value_error', loc: ['body'], msg: 'Value error, Provide either email or phone with phone_country_code', input: { amount: 1 }, ctx: { error: {} } }]],
    ['explicit nulls for email and phone are the same value_error', { email: null, phone: null, amount: 1 },
      [{ type: 'value_error', loc: ['body'], msg: 'Value error, Provide either email or phone with phone_country_code', input: { email: null, phone: null, amount: 1 }, ctx: { error: {} } }]],
    ['a phone without a country code is a value_error at ["body"]', { phone: '5550001234', amount: 1 },
      [{ type: 'value_error', loc: ['body'], msg: 'Value error, phone_country_code is required when phone is provided', input: { phone: '5550001234', amount: 1 }, ctx: { error: {} } }]],
    ['a phone without a country code is refused even next to an email', { email: 'a@example.com', phone: '5550001234', amount: 1 },
      [{ type: 'value_error', loc: ['body'], msg: 'Value error, phone_country_code is required when phone is provided', input: { email: 'a@example.com', phone: '5550001234', amount: 1 }, ctx: { error: {} } }]],
    ['a currency with a NUL character is a value_error (found by the contract kit: PostgreSQL cannot store it)', { email: 'a@example.com', amount: 1, currency: 'US\u0000D' },
      [{ type: 'value_error', loc: ['body', 'currency'], msg: 'Value error, currency must not contain control characters', input: 'US\u0000D', ctx: { error: {} } }]],
    ['a phone with letters is a value_error at ["body","phone"]', { phone: '555-CALL-NOW', phone_country_code: '+1', amount: 1 },
      [{ type: 'value_error', loc: ['body', 'phone'], msg: 'Value error, phone must contain digits only (spaces, dots, dashes and parentheses are ignored)', input: '555-CALL-NOW', ctx: { error: {} } }]],
    ['a malformed country code is a value_error', { phone: '5550001234', phone_country_code: 'US', amount: 1 },
      [{ type: 'value_error', loc: ['body', 'phone_country_code'], msg: 'Value error, phone_country_code must be 1 to 4 digits with an optional leading +', input: 'US', ctx: { error: {} } }]],
    ['a JSON array body is model_attributes_type', [1, 2],
      [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: [1, 2] }]],
    ['a JSON string body is model_attributes_type', 'hello',
      [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: 'hello' }]],
    ['several errors are all reported, in field order', { email: 'bad', phone: 'x', amount: 0, currency: 'X' },
      [
        { type: 'value_error', loc: ['body', 'email'], msg: 'value is not a valid email address: An email address must have an @-sign.', input: 'bad', ctx: { reason: 'An email address must have an @-sign.' } },
        { type: 'string_too_short', loc: ['body', 'phone'], msg: 'String should have at least 5 characters', input: 'x', ctx: { min_length: 5 } },
        { type: 'greater_than', loc: ['body', 'amount'], msg: 'Input should be greater than 0', input: 0, ctx: { gt: 0 } },
        { type: 'string_too_short', loc: ['body', 'currency'], msg: 'String should have at least 3 characters', input: 'X', ctx: { min_length: 3 } },
      ]],
  ];

  it.each(cases)('%s', async (_name, body, detail) => {
    const res = await postJson(body);
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail });
  });

  it('a missing X-Api-Key header is "missing" at ["header","x-api-key"]', async () => {
    const res = await post(JSON.stringify({ email: 'a@example.com', amount: 1 }), { 'X-Api-Secret': 's', 'content-type': 'application/json' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ type: 'missing', loc: ['header', 'x-api-key'], msg: 'Field required', input: null }] });
  });

  it('missing headers and body errors are reported together, headers first', async () => {
    const res = await post(JSON.stringify({ email: 'a@example.com' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(422);
    expect(res.json.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual([
      ['header', 'x-api-key'],
      ['header', 'x-api-secret'],
      ['body', 'amount'],
    ]);
  });

  it('a request without a body is "missing" at ["body"]', async () => {
    const res = await post(undefined);
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
  });

  it('malformed JSON is json_invalid at the offset of the error', async () => {
    const res = await post('{"amount": 1,, "email": "a@example.com"}');
    expect(res.status).toBe(422);
    expect(res.json.detail).toHaveLength(1);
    expect(res.json.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 13], msg: 'JSON decode error', input: {} });
  });

  it('truncated JSON is json_invalid at the end of the input', async () => {
    const text = '{"amount": 1, "email": "a@exa';
    const res = await post(text);
    expect(res.json.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', text.length], msg: 'JSON decode error' });
  });

  it('a non-JSON content type is model_attributes_type with the raw text as input', async () => {
    const res = await post('amount=1', { ...auth, 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: 'amount=1' }] });
  });

  it('a body with no content type is read as JSON, as FastAPI does', async () => {
    // A Buffer body makes fetch send no content-type at all (a string would be text/plain).
    const res = await server.request('POST', PATH, { headers: auth, body: Buffer.from(JSON.stringify({ email: 'noct@example.com', amount: 2 })) });
    expect(res.status).toBe(200);
  });

  it('validates the body before the credentials: an invalid body with bad credentials is 422, not 401', async () => {
    const res = await post(JSON.stringify({ amount: 0, email: 'a@example.com' }), { 'X-Api-Key': 'nope', 'X-Api-Secret': 'nope', 'content-type': 'application/json' });
    expect(res.status).toBe(422);
  });

  it('never answers 422 with a stack trace or an HTML page', async () => {
    const res = await post('{"amount": [');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.text).not.toMatch(/<html|at .+\.(js|ts):\d+/i);
  });
});
