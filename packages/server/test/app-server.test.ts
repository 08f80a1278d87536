// The HTTP server makes requests and responses from the app's own prototypes, so Express's
// per-request Object.setPrototypeOf (a cost in the collector, packages/bench/README.md) changes nothing.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer } from '../src/http/app-server.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(app: express.Express): Promise<string> {
  server = createAppServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the server Express is served by', () => {
  it('creates each request and response with the app prototypes before Express sees them', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    const base = await listen(app);
    const seen: boolean[] = [];
    // Runs before the app: what Node made, not what Express turned it into.
    server!.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    const res = await fetch(`${base}/`);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual([true, true]);
  });

  it('keeps Node and Express behaviour: bodies, params, query, headers and status', async () => {
    const app = express();
    app.post('/items/:id', express.json(), (req, res) => {
      res.status(201).set('X-Seen', req.get('x-probe') ?? '').json({ id: req.params.id, q: req.query.q, body: req.body });
    });
    const base = await listen(app);
    const res = await fetch(`${base}/items/7?q=yes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-probe': 'p' },
      body: JSON.stringify({ amount: 3 }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('p');
    expect(await res.json()).toEqual({ id: '7', q: 'yes', body: { amount: 3 } });
  });
});
