// Errors are values with a public shape. The HTTP edge turns an AppError into the
// envelope and a RequestInvalid into the 422 list; nothing else writes error bodies.

/** One item of a FastAPI/pydantic-v2 422 `detail` list. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class RequestInvalid extends Error {
  override name = 'RequestInvalid';
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '));
  }
}

/**
 * Machine-readable codes of the error envelope's `error_code` (spec: CommonResponse_NoneType_).
 * Clients branch on these, never on the human-readable message.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_credentials'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'session_completed'
  | 'session_expired'
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'rate_limited'
  | 'service_unavailable'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'conflict'
  | 'internal_error';

/** The code of an error that names none: by its HTTP status. */
export function errorCodeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'bad_request',
    401: 'invalid_credentials',
    404: 'not_found',
    405: 'method_not_allowed',
    406: 'not_acceptable',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'rate_limited',
    503: 'service_unavailable',
  };
  return byStatus[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    /** Safe to show to the caller. */
    readonly publicMessage: string,
    options: { cause?: unknown; headers?: Record<string, string>; code?: ErrorCode } = {},
  ) {
    super(publicMessage, { cause: options.cause });
    this.headers = options.headers ?? {};
    this.code = options.code ?? errorCodeForStatus(status);
  }
  readonly headers: Record<string, string>;
  /** The envelope's `error_code`. */
  readonly code: ErrorCode;
}

/** The one answer to every credential problem, so a caller cannot probe which part was wrong. */
export class InvalidCredentials extends AppError {
  override name = 'InvalidCredentials';
  constructor() {
    super(401, 'Invalid API credentials', { code: 'invalid_credentials' });
  }
}

export class ServiceUnavailable extends AppError {
  override name = 'ServiceUnavailable';
  constructor(cause?: unknown) {
    super(503, 'Service temporarily unavailable, please retry', { cause, headers: { 'Retry-After': '1' }, code: 'service_unavailable' });
  }
}

/** A pydantic-style `value_error` raised by a validator of ours. */
export function valueError(loc: (string | number)[], message: string, input: unknown): ValidationIssue {
  return { type: 'value_error', loc, msg: `Value error, ${message}`, input, ctx: { error: {} } };
}
