// Handlers are one object keyed by operationId and typed from the generated contract.
// Adding an operation to spec/openapi.yaml makes `OperationHandlers` demand a handler
// (a type error until it exists); changing a schema retypes its handler's body and reply.
import type { operations } from '@checkout/contract';
import type { Request, RequestHandler, Response } from 'express';
import { originalBody } from './json-body.js';
import { type LoadedSpec, operationsOf } from './spec.js';

export type OperationId = keyof operations;

type Parameters<Op extends OperationId> = operations[Op]['parameters'];
type HeaderParams<Op extends OperationId> = Parameters<Op> extends { header: infer H } ? H : Record<string, never>;
type QueryParams<Op extends OperationId> = Parameters<Op> extends { query: infer Q } ? Q : Record<string, never>;
type Body<Op extends OperationId> = operations[Op] extends { requestBody: { content: infer C } } ? C[keyof C] : undefined;
type Responses<Op extends OperationId> = operations[Op]['responses'];
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** Any documented status of the operation, with the body its schema allows. */
export type Reply<Op extends OperationId> = {
  [S in keyof Responses<Op>]: { status: S; body: ContentOf<Responses<Op>[S]>; headers?: Record<string, string> };
}[keyof Responses<Op>];

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

/**
 * Binds every operation of the spec to its handler by operationId. The validator has already
 * matched the path and method (and answered 404/405 otherwise), so dispatch is a map lookup.
 */
export function bindOperations(spec: LoadedSpec, handlers: OperationHandlers): RequestHandler {
  const bound = new Map<string, (req: Request, res: Response) => Promise<void>>();
  for (const { operation } of operationsOf(spec.document)) {
    const id = operation.operationId as OperationId;
    const handler = handlers[id] as Handler<OperationId> | undefined;
    if (!handler) throw new Error(`no handler for operation ${id}`);
    const headerNames = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    const mediaTypes = (status: number) => Object.keys(operation.responses[String(status)]?.content ?? {});

    bound.set(id, async (req, res) => {
      const headers = Object.fromEntries(headerNames.map((name) => [name, req.get(name)]));
      const reply = (await handler({
        body: req.body,
        originalBody: () => originalBody(req),
        headers,
        query: req.query,
        req,
        res,
      } as unknown as HandlerContext<OperationId>)) as unknown as { status: number; body: unknown; headers?: Record<string, string> };
      res.status(reply.status);
      if (reply.headers) res.set(reply.headers);
      const mediaType = mediaTypes(reply.status)[0] ?? 'application/json';
      if (mediaType === 'application/json') res.json(reply.body);
      else res.type(mediaType).send(reply.body);
    });
  }
  return (req, res, next) => {
    const id = matchedOperationId(req);
    const run = id === undefined ? undefined : bound.get(id);
    if (!run) return next();
    run(req, res).catch(next);
  };
}
