// CORS: only the SDK-facing paths, only for configured origins. The developer endpoint
// is server-to-server and never answers a browser preflight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

const SHOP = 'https://shop.example.com';

describe('CORS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer('sqlite', { CHECKOUT_ALLOWED_ORIGINS: `${SHOP}, http://127.0.0.1:3001` });
  });
  afterAll(() => server?.close());

  const preflight = (path: string, origin: string, method = 'GET') =>
    fetch(server.baseUrl + path, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization' },
    });

  it.each(['/api/checkout/session', '/api/checkout/session/confirm'])('allows a configured origin to preflight %s', async (path) => {
    const res = await preflight(path, SHOP, path.endsWith('confirm') ? 'POST' : 'GET');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('adds the CORS header to the actual SDK response for a configured origin', async () => {
    const res = await fetch(`${server.baseUrl}/api/checkout/session`, { headers: { Origin: SHOP } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('lets the page read WWW-Authenticate, Retry-After, RateLimit-* and X-Request-Id on SDK answers', async () => {
    const res = await fetch(`${server.baseUrl}/api/checkout/session`, { headers: { Origin: SHOP } });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['www-authenticate', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-request-id']));
  });

  it('gives no CORS permission to an origin not configured', async () => {
    const res = await preflight('/api/checkout/session', 'https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never allows a browser to call the developer endpoint', async () => {
    const res = await preflight('/api/checkout/token/developer', SHOP, 'POST');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${server.baseUrl}/api/checkout/token/developer`, { method: 'POST', headers: { Origin: SHOP } });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin when CHECKOUT_ALLOWED_ORIGINS is unset', async () => {
    const closed = await startServer('sqlite');
    try {
      const res = await fetch(`${closed.baseUrl}/api/checkout/session`, { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'GET' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});
