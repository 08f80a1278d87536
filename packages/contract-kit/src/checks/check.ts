// What a check is: a name, what it judges, and (for some) the requests it needs.
// Response checks judge every response to a documented operation; case checks make
// their own requests (positive data, negative data, no credentials, …) and judge those.
import type { AuthPlan } from '../auth.js';
import type { NegativeRequest } from '../generate/negative.js';
import type { RequestData } from '../generate/request-data.js';
import type { OpenApiDocument, Operation } from '../spec.js';
import type { Case, CheckName, Exchange, Finding } from '../types.js';
import type { Validator } from '../validator.js';

export interface OperationCaseContext {
  operation: Operation;
  /** Schema- and rule-valid requests (the positive samples for the run's seed). */
  positives: RequestData[];
  negatives: NegativeRequest[];
  auth: AuthPlan;
}

export interface PathCaseContext {
  path: string;
  /** The operations the document defines on this path. */
  operations: Operation[];
}

export interface JudgeContext {
  document: OpenApiDocument;
  validator: Validator;
}

export interface Check {
  name: CheckName;
  /** One line: what a failure of this check means. */
  description: string;
  /**
   * 'every-response': judges each response to any documented operation, whoever made the case.
   * 'any-response': judges every response at all (also to undocumented methods).
   * 'own-cases': judges only the cases it made.
   */
  scope: 'every-response' | 'any-response' | 'own-cases';
  operationCases?(ctx: OperationCaseContext): Case[];
  pathCases?(ctx: PathCaseContext): Case[];
  judge(exchange: Exchange, ctx: JudgeContext): Finding | undefined;
}

export const emptyData = (): RequestData => ({ path: {}, query: {}, header: {}, body: undefined });

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaTypeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export const describeStatus = (exchange: Exchange) => (exchange.response.status === 0 ? `no response (${exchange.response.error})` : `${exchange.response.status}`);
