// Generated requests go to the base URL and nowhere else (never to the spec's `servers`).
import { describe, expect, it } from 'vitest';
import { targetUrl } from '../src/http.js';

describe('request URLs', () => {
  it('join the base URL (with its path prefix) and the operation path', () => {
    expect(targetUrl(new URL('https://api.example.test/v1/'), '/api/checkout/token/developer', {})).toBe('https://api.example.test/v1/api/checkout/token/developer');
    expect(targetUrl(new URL('http://127.0.0.1:3000'), '/healthz', { a: '1 2' })).toBe('http://127.0.0.1:3000/healthz?a=1+2');
  });

  it('stay on the base URL origin even for paths that look like another host', () => {
    expect(new URL(targetUrl(new URL('http://127.0.0.1:3000'), '//evil.example/x', {})).origin).toBe('http://127.0.0.1:3000');
    expect(new URL(targetUrl(new URL('http://127.0.0.1:3000'), '/@evil.example/x', {})).origin).toBe('http://127.0.0.1:3000');
  });
});
