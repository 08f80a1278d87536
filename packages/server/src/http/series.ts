// Runs several middlewares as one Express layer. Each layer the router visits costs a path
// match, a params pass and a try/catch; the profile of a verification showed the router's own
// work at ~10 % of the request. Middlewares that always run in a fixed order (the edge policy,
// the validator's four steps) are therefore chained here instead of mounted one by one.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function series(handlers: RequestHandler[]): RequestHandler {
  if (handlers.length === 1) return handlers[0]!;
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      // Express's own conventions: next('route') / next('router') leave this group.
      if (error === 'route' || error === 'router') return next();
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result = handler(req, res, step) as unknown;
        // Like Express 5: a rejected promise from an async middleware becomes next(error).
        if (result instanceof Promise) result.catch((e: unknown) => next(e ?? new Error('middleware rejected')));
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}
