// The one place that writes error responses. Every error becomes the envelope
// (or the 422 list); server-side failures are logged once, never echoed with a stack.
import type { ErrorRequestHandler, Request, Response } from 'express';
import { CheckoutTokenInvalid } from '../domain/checkout-sessions.js';
import { AppError, type ErrorCode, errorCodeForStatus, RequestInvalid, ServiceUnavailable, type ValidationIssue } from '../domain/errors.js';
import { isDatabaseUnavailable } from '../storage/index.js';
import { bearerChallenge } from './credentials.js';
import { failure } from './envelope.js';
import { recordFailure } from './request-log.js';
import type { OpenApiDocument, OperationObject } from '@checkout/contract/openapi';
import { jsonInvalidIssue, toValidationIssues, type ValidatorErrorItem } from './validation-errors.js';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  errors?: ValidatorErrorItem[];
  headers?: Record<string, string>;
  message?: string;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Request body too large (limit 64 KiB)',
  415: 'Unsupported Media Type',
};

/** The spec operation the validator matched for this request, if any. */
function operationOf(req: Request): OperationObject | undefined {
  return (req as Request & { openapi?: { schema?: OperationObject } }).openapi?.schema;
}

/** Echoed inputs are cut at this depth: a 5,000-deep array is valid JSON but cannot be re-serialised. */
const MAX_INPUT_DEPTH = 32;

function boundedInput(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) return '…';
  if (Array.isArray(value)) return value.map((v) => boundedInput(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, boundedInput(v, depth + 1)]));
}

/** The envelope with its `error_code`, which is also left in res.locals for the metrics. */
function sendFailure(res: Response, status: number, message: string, code: ErrorCode = errorCodeForStatus(status)) {
  res.locals.errorCode = code;
  res.status(status).json(failure(message, code));
}

function sendValidationError(res: Response, issues: ValidationIssue[]) {
  res.locals.errorCode = 'validation_error';
  res.status(422).json({ detail: issues.map((issue) => ({ ...issue, input: boundedInput(issue.input) })) });
}

export function errorHandler(document: OpenApiDocument): ErrorRequestHandler {
  const handle = mapError(document);
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    try {
      handle(error, req, res, next);
    } catch (secondary) {
      // Last resort: never fall through to Express's HTML error page.
      recordFailure(res, secondary instanceof Error ? secondary : new Error(String(secondary)));
      res.status(500).type('application/json').send(JSON.stringify(failure('Internal Server Error', 'internal_error')));
    }
  };
}

function mapError(document: OpenApiDocument): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const e = (error ?? {}) as HttpLikeError;
    const status = e.status ?? e.statusCode;

    if (error instanceof RequestInvalid) {
      sendValidationError(res, error.issues);
      return;
    }
    if (error instanceof AppError) {
      if (error.status >= 500) recordFailure(res, error);
      res.set(error.headers);
      if (error instanceof CheckoutTokenInvalid) res.set('WWW-Authenticate', bearerChallenge(error));
      sendFailure(res, error.status, error.publicMessage, error.code);
      return;
    }
    // Request validation (express-openapi-validator answers 400): FastAPI's 422.
    if (status === 400 && Array.isArray(e.errors)) {
      sendValidationError(res, toValidationIssues(e.errors, req, document, operationOf(req)));
      return;
    }
    if (e.type === 'entity.parse.failed') {
      sendValidationError(res, [jsonInvalidIssue('', error)]);
      return;
    }
    if (status === 413 || e.type === 'entity.too.large') {
      sendFailure(res, 413, STATUS_MESSAGES[413] as string);
      return;
    }
    if (status === 400 && (e.type === 'request.aborted' || e.type === 'request.size.invalid' || e.type === 'encoding.unsupported')) {
      sendFailure(res, 400, e.type === 'encoding.unsupported' ? 'Unsupported content encoding' : 'Bad Request');
      return;
    }
    if (status !== undefined && STATUS_MESSAGES[status] && status !== 400) {
      if (status === 405 && e.headers?.Allow) res.set('Allow', e.headers.Allow.toUpperCase());
      sendFailure(res, status, STATUS_MESSAGES[status] as string);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      const unavailable = new ServiceUnavailable(error);
      recordFailure(res, error as Error);
      res.set(unavailable.headers);
      sendFailure(res, 503, unavailable.publicMessage, unavailable.code);
      return;
    }
    // A bug, or a response that broke the contract: log it (once, via the request log) and answer plainly.
    recordFailure(res, error instanceof Error ? error : new Error(String(error)));
    sendFailure(res, 500, 'Internal Server Error', 'internal_error');
  };
}
