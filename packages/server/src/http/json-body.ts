// Body reading for the API: at most 64 KiB, JSON parsed by us so a syntax error
// becomes FastAPI's `json_invalid` 422. Like FastAPI, a body without a
// content-type is read as JSON, and a non-JSON content-type leaves the raw text
// as the body, which then fails the schema as "not an object" (model_attributes_type).
import express, { type NextFunction, type Request, type Response } from 'express';
import { RequestInvalid } from '../domain/errors.js';
import { series } from './series.js';
import { jsonInvalidIssue } from './validation-errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

const ORIGINAL = Symbol('original request body');

/**
 * The body as the client sent it, before the validator applied schema defaults.
 * pydantic reports this (not the defaulted value) as the `input` of a 422 item.
 */
export function originalBody(req: Request): unknown {
  const original = (req as Request & { [ORIGINAL]?: string })[ORIGINAL];
  if (original === undefined) return req.body;
  return JSON.parse(original) ?? null;
}

const isJsonType = (contentType: string) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(contentType.trim());
const utf8 = new TextDecoder('utf-8', { fatal: true });

const readRaw = express.raw({ type: () => true, limit: BODY_LIMIT_BYTES });

function parse(req: Request, _res: Response, next: NextFunction) {
  const raw = req.body as unknown;
  const contentType = req.headers['content-type'];
  // The validator judges content only as application/json; what we read is already decided here.
  req.headers['content-type'] = 'application/json';
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    req.body = undefined;
    return next();
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch (error) {
    return next(new RequestInvalid([jsonInvalidIssue('', new Error('Invalid UTF-8 in request body'))]));
  }
  if (contentType && !isJsonType(contentType)) {
    req.body = text;
    return next();
  }
  try {
    // JSON `null` is no body at all, as in FastAPI.
    req.body = JSON.parse(text) ?? undefined;
    // Kept as text (re-parsed only on the error path) so defaults applied later do not show.
    (req as Request & { [ORIGINAL]?: string })[ORIGINAL] = text;
  } catch (error) {
    return next(new RequestInvalid([jsonInvalidIssue(text, error)]));
  }
  next();
}

const withBody = series([readRaw, parse]);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Reads and parses the body of the methods that carry one; one layer, skipped for the rest. */
export function jsonBody(req: Request, res: Response, next: NextFunction): void {
  if (METHODS_WITH_BODY.has(req.method)) withBody(req, res, next);
  else next();
}
