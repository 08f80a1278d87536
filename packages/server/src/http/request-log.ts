// One JSON line per request (pino), with a request id. Written directly rather than through
// pino-http, which builds a child logger and serialises headers for every request: measured at
// ~150 µs per request under load, more than the rest of a verification. A completed request's
// line holds only what is built here (id, method, path without its query, client address, status,
// time): no header, query or body, so no credential, and it skips the logger's redaction, which
// cost ~4 % of a verification's CPU. A failure's line carries an error, so it goes through it.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { type Logger, unredactedTwin } from '../logger.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const FAILURE = Symbol('request failure');

/** The error middleware records a server-side failure here; it is logged once, with the request line. */
export function recordFailure(res: Response, error: unknown): void {
  (res as Response & { [FAILURE]?: unknown })[FAILURE] = error;
}

export function requestLog(logger: Logger): RequestHandler {
  const completed = unredactedTwin(logger);
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    res.once('finish', () => {
      const failure = (res as Response & { [FAILURE]?: unknown })[FAILURE];
      const line = {
        req: { id, method: req.method, url: req.originalUrl.split('?')[0], remoteAddress: req.socket.remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Math.round((performance.now() - started) * 10) / 10,
      };
      if (failure !== undefined || res.statusCode >= 500) logger.error({ ...line, err: failure }, 'request failed');
      else if (logger.isLevelEnabled('info')) completed.info(line, 'request completed');
    });
    next();
  };
}
