// Structured JSON logs. Credentials are redacted at the logger, so no code path can leak them.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Exact paths only: wildcard paths (`*.token`) made every log call ~2× slower. Request lines
// carry no headers or bodies; these guard the places a credential could be logged by mistake.
export const REDACTED_PATHS = [
  'req.headers["x-api-secret"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'apiSecret',
  'api_secret',
  'secret',
  'token',
  'checkout_token',
  'masterKey',
  'data.checkout_token',
  'body.checkout_token',
];

/**
 * Standard output, written asynchronously so a slow log reader never blocks a request. The
 * buffer is bounded: if the reader stalls for long, lines are dropped rather than memory spent.
 */
export function asyncStdout(dest: number | string = 1): ReturnType<typeof pino.destination> {
  return pino.destination({ dest, sync: false, maxLength: 16 * 1024 * 1024 });
}

// What every line carries, redacted or not.
const LINE_FORMAT = { base: { service: 'checkout-token-service' }, timestamp: pino.stdTimeFunctions.isoTime };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ ...LINE_FORMAT, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/**
 * The same output and fields as `logger`, without redaction and at every level (callers check
 * `logger`'s level). Only for lines whose every field is built by our code from values that
 * cannot hold a credential: redaction walks and re-serialises every line (~5–10 µs each).
 */
export function unredactedTwin(logger: Logger): Logger {
  const destination = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino({ ...LINE_FORMAT, level: 'trace' }, destination);
}
