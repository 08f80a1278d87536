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

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    /** Safe to show to the caller. */
    readonly publicMessage: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(publicMessage, { cause: options.cause });
    this.headers = options.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** The one answer to every credential problem, so a caller cannot probe which part was wrong. */
export class InvalidCredentials extends AppError {
  override name = 'InvalidCredentials';
  constructor() {
    super(401, 'Invalid API credentials');
  }
}

export class ServiceUnavailable extends AppError {
  override name = 'ServiceUnavailable';
  constructor(cause?: unknown) {
    super(503, 'Service temporarily unavailable, please retry', { cause, headers: { 'Retry-After': '1' } });
  }
}

/** A pydantic-style `value_error` raised by a validator of ours. */
export function valueError(loc: (string | number)[], message: string, input: unknown): ValidationIssue {
  return { type: 'value_error', loc, msg: `Value error, ${message}`, input, ctx: { error: {} } };
}
