// The vocabulary shared by the runner and the checks: a case (one request to send, and
// which check made it), the exchange it produced, and a failure.
import type { RequestData } from './generate/request-data.js';
import type { Operation } from './spec.js';

export const CHECK_NAMES = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'positive_data_acceptance',
  'negative_data_rejection',
  'missing_required_header',
  'ignored_auth',
  'unsupported_method',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * How credentials go into a request: all valid, all missing, all wrong, one credential
 * header wrong (the others valid), or a real bearer token with its signature altered.
 */
export type AuthMode = { kind: 'valid' } | { kind: 'none' } | { kind: 'wrong' } | { kind: 'wrong-one'; header: string } | { kind: 'tampered' };

export interface Case {
  /** The check that made the case (its cases are judged by it, and by the response checks). */
  check: CheckName;
  /** The operation the request is for; absent for a method the path does not document. */
  operation?: Operation;
  method: string;
  /** The path template, e.g. `/api/things/{id}`. */
  path: string;
  data: RequestData;
  auth: AuthMode;
  /** Header names (any case) to leave out after credentials are added. */
  omitHeaders?: string[];
  /** What makes this case what it is, e.g. `body.amount: set to 100001`. */
  label: string;
  /** Position among the cases its check made for this operation (stable for a seed). */
  index: number;
  /** For a case with valid bearer auth: which use of the scheme's token pool it is. */
  tokenUse?: number;
  /** unsupported_method: the methods the path documents, and whether a 404 is documented there. */
  allowed?: string[];
  notFoundDocumented?: boolean;
  /** negative_data_rejection: why the request is invalid (schema errors, broken rules). */
  reasons?: string[];
}

export interface SentRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

export interface ReceivedResponse {
  /** 0 when no response arrived (see `error`). */
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  error?: string;
}

export interface Exchange {
  case: Case;
  request: SentRequest;
  response: ReceivedResponse;
  durationMs: number;
}

export interface Finding {
  /** Stable first line, used to group repeats of the same defect. */
  summary: string;
  detail?: string;
}

export interface Failure extends Finding {
  check: CheckName;
  /** e.g. `POST /api/checkout/token/developer (create_…)` or `PATCH /api/checkout/token/developer`. */
  target: string;
  operationId?: string;
  exchange: Exchange;
  /** How many exchanges showed the same defect. */
  occurrences: number;
  /** The first exchanges (up to 50) that showed it, to tell causes apart. */
  examples: Exchange[];
}
