// Handlers are one object keyed by operationId and typed from the generated contract.
// Adding an operation to spec/openapi.yaml makes `OperationHandlers` demand a handler
// (a type error until it exists); changing a schema retypes its handler's body and reply.
import type { operations } from '@checkout/contract';
import type { Request, RequestHandler, Response } from 'express';
import { originalBody } from './json-body.js';
import { type OperationObject, operationsOf } from '@checkout/contract/openapi';
import type { LoadedSpec } from './spec.js';

export type OperationId = keyof operations;

type Parameters<Op extends OperationId> = operations[Op]['parameters'];
type HeaderParams<Op extends OperationId> = Parameters<Op> extends { header: infer H } ? H : Record<string, never>;
type QueryParams<Op extends OperationId> = Parameters<Op> extends { query: infer Q } ? Q : Record<string, never>;
type Body<Op extends OperationId> = operations[Op] extends { requestBody: { content: infer C } } ? C[keyof C] : undefined;
type Responses<Op extends OperationId> = operations[Op]['responses'];
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** Any documented status of the operation, with the body its schema allows. */
export type Reply<Op extends OperationId> = {
  [S in Extract<keyof Responses<Op>, number>]: { status: S; body: ContentOf<Responses<Op>[S]>; headers?: Record<string, string> };
}[Extract<keyof Responses<Op>, number>];

export interface HandlerContext<Op extends OperationId> {
  /** The request body after schema validation (defaults applied). */
  body: Body<Op>;
  /**
   * The body exactly as sent (no defaults), for error inputs; parsed again only when called. A
   * function rather than a getter: a getter in this per-request object literal made V8 allocate
   * its accessor pair in the old space, which then kept every request's objects alive through
   * young-generation collections (packages/bench/README.md).
   */
  originalBody: () => unknown;
  /** Declared header parameters, by their names in the spec. */
  headers: HeaderParams<Op>;
  query: QueryParams<Op>;
  req: Request;
  res: Response;
}

export type Handler<Op extends OperationId> = (ctx: HandlerContext<Op>) => Promise<Reply<Op>> | Reply<Op>;
export type OperationHandlers = { [Op in OperationId]: Handler<Op> };

/** The operation express-openapi-validator matched for this request (set by its metadata step). */
function matchedOperationId(req: Request): string | undefined {
  return (req as Request & { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId;
}

/** A reply as it goes on the wire: every operation's Reply is one. */
interface WireReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The context of a request the validator has checked against operation `Op`: its body, header
 * and query parameters have the types the spec gives them (the one place they are taken as such).
 */
function contextOf<Op extends OperationId>(req: Request, res: Response, headerNames: string[]): HandlerContext<Op> {
  const headers = Object.fromEntries(headerNames.map((name) => [name, req.get(name)]));
  return { body: req.body, originalBody: () => originalBody(req), headers: headers as HeaderParams<Op>, query: req.query as QueryParams<Op>, req, res };
}

function bindOne<Op extends OperationId>(handler: Handler<Op>, operation: OperationObject): (req: Request, res: Response) => Promise<void> {
  const headerNames = (operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'header' ? [p.name] : []));
  const mediaTypes = (status: number) => Object.keys(responseOf(operation, status)?.content ?? {});
  return async (req, res) => {
    const reply: WireReply = await handler(contextOf<Op>(req, res, headerNames));
    res.status(reply.status);
    if (reply.headers) res.set(reply.headers);
    const mediaType = mediaTypes(reply.status)[0] ?? 'application/json';
    if (mediaType === 'application/json') res.json(reply.body);
    else res.type(mediaType).send(reply.body);
  };
}

function responseOf(operation: OperationObject, status: number): { content?: Record<string, unknown> } | undefined {
  const response = operation.responses?.[String(status)];
  return response && !('$ref' in response) ? response : undefined;
}

/**
 * Binds every operation of the spec to its handler by operationId. The validator has already
 * matched the path and method (and answered 404/405 otherwise), so dispatch is a map lookup.
 */
export function bindOperations(spec: LoadedSpec, handlers: OperationHandlers): RequestHandler {
  const bound = new Map<string, (req: Request, res: Response) => Promise<void>>();
  for (const { operation } of operationsOf(spec.document)) {
    const id = operation.operationId;
    if (!isOperationId(id, handlers)) throw new Error(`no handler for operation ${id}`);
    bound.set(id, bindOne(handlerOf(handlers, id), operation));
  }
  return (req, res, next) => {
    const id = matchedOperationId(req);
    const run = id === undefined ? undefined : bound.get(id);
    if (!run) return next();
    run(req, res).catch(next);
  };
}

/** The handler of `id`, typed for that operation. */
function handlerOf<Op extends OperationId>(handlers: OperationHandlers, id: Op): Handler<Op> {
  return handlers[id];
}

function isOperationId(id: string | undefined, handlers: OperationHandlers): id is OperationId {
  const byId: Partial<Record<string, unknown>> = handlers;
  return id !== undefined && byId[id] !== undefined;
}
