// Credentials are redacted by the logger itself, so a call site that logs a request or a
// payload by mistake still cannot write one. (pino's redaction library is patched to parse its
// paths once; these calls repeat to show every call, not just the first, is redacted.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
