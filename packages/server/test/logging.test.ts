// Credentials are redacted by the logger itself, so a call site that logs a request or a
// payload by mistake still cannot write one. (pino's redaction library is patched to parse its
// paths once; these calls repeat to show every call, not just the first, is redacted.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { requestLog } from '../src/http/request-log.js';
import { asyncStdout, createLogger, REDACTED_PATHS } from '../src/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe('log redaction', () => {
  it('censors every credential path, on every call', () => {
    const { logger, lines } = capture();
    for (let i = 0; i < 3; i++) {
      logger.info(
        {
          req: { headers: { 'x-api-secret': `secret-${i}`, authorization: `Bearer tok-${i}`, cookie: `c-${i}`, accept: 'application/json' } },
          res: { headers: { 'set-cookie': `s-${i}` } },
          apiSecret: `a-${i}`,
          api_secret: `b-${i}`,
          secret: `c-${i}`,
          token: `d-${i}`,
          checkout_token: `e-${i}`,
          masterKey: `f-${i}`,
          data: { checkout_token: `g-${i}`, amount: 5 },
          body: { checkout_token: `h-${i}` },
        },
        'a careless line',
      );
    }
    expect(lines).toHaveLength(3);
    for (const [i, line] of lines.entries()) {
      const text = JSON.stringify(line);
      for (const value of [`secret-${i}`, `tok-${i}`, `c-${i}`, `s-${i}`, `a-${i}`, `b-${i}`, `d-${i}`, `e-${i}`, `f-${i}`, `g-${i}`, `h-${i}`]) {
        expect(text).not.toContain(value);
      }
      // What is not a credential is kept.
      expect(line).toMatchObject({ req: { headers: { accept: 'application/json', authorization: '[redacted]' } }, data: { amount: 5 } });
    }
    expect(REDACTED_PATHS.length).toBeGreaterThan(0);
  });

  it('leaves objects without those paths as they are', () => {
    const { logger, lines } = capture();
    logger.info({ req: { id: 'r1', method: 'GET', url: '/api/checkout/session' }, res: { statusCode: 200 } }, 'request completed');
    expect(lines[0]).toMatchObject({ req: { id: 'r1', method: 'GET', url: '/api/checkout/session' }, res: { statusCode: 200 }, msg: 'request completed' });
  });
});

describe('asynchronous log output', () => {
  // sonic-boom is patched to track the size of the text it is gathering instead of measuring it
  // on every line; this writes lines of many sizes (multi-byte ones too) past its 16 KiB write
  // size, many while a write is in flight, and reads back every line, whole and in order.
  it('writes every line whole and in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-out-'));
    try {
      const file = join(dir, 'out.log');
      const destination = asyncStdout(file);
      await new Promise((resolve) => destination.once('ready', resolve));
      const logger = createLogger('info', destination);
      const sent: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const text = (i % 7 === 0 ? 'é€𝄞' : 'ab').repeat((i * 37) % 900);
        sent.push(text);
        logger.info({ i, text }, 'line');
        if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      // end() writes what is gathered, then closes the file.
      await new Promise((resolve) => {
        destination.once('close', resolve);
        destination.end();
      });
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { i: number; text: string });
      expect(lines.map((l) => l.i)).toEqual(sent.map((_, i) => i));
      expect(lines.map((l) => l.text)).toEqual(sent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request lines', () => {
  // A completed request's line skips redaction (it is built only from fields that cannot hold a
  // credential); this sends credentials in every place a client can and checks none is written.
  it('hold the id, method, path, status and time, and nothing the client sent as a credential', async () => {
    const { logger, lines } = capture();
    const app = express();
    app.use(requestLog(logger));
    app.get('/api/checkout/session', (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/checkout/session?token=query-secret&api_secret=query-secret-2`, {
        headers: { authorization: 'Bearer header-token', 'x-api-secret': 'header-secret', cookie: 'c=cookie-secret', 'x-request-id': 'req-1' },
      });
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      service: 'checkout-token-service',
      req: { id: 'req-1', method: 'GET', url: '/api/checkout/session' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]!.responseTime).toBe('number');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['query-secret', 'header-token', 'header-secret', 'cookie-secret']) expect(text).not.toContain(secret);
  });

  it('are not written when the level is above info', async () => {
    const { logger, lines } = capture();
    logger.level = 'warn';
    const app = express();
    app.use(requestLog(logger));
    app.get('/x', (_req, res) => {
      res.json({});
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    expect(lines).toEqual([]);
  });
});
