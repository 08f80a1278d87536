// The HTTP server an Express app is served by, with each request and response made from the
// app's own prototypes (app.request, app.response).
//
// Why: Express's app.handle re-parents every req and res onto those prototypes with
// Object.setPrototypeOf. V8 then kept each request's objects alive through the next young-
// generation collections, so they were copied and promoted to the old space and the collector's
// pauses grew (packages/bench/README.md, "What kept every request alive"). When the objects
// already have those prototypes the call changes nothing, and they die young. A bare Express
// route: 13.4k → 47k req/s, promotion ~7 kB a request → ~0.
// This is what http.createServer's IncomingMessage and ServerResponse options are for.
import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

export function createAppServer(app: Express): Server {
  // Plain functions, not classes: Express's check needs `prototype` to be app.request itself. They
  // call Node's constructors as Node's own subclasses do: Reflect.construct with a new target
  // measured ~6× slower on a bare route, and its requests were promoted again (67 against 2.5 MB
  // in 5 s).
  function AppRequest(this: IncomingMessage, socket: Socket) {
    (IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void).call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: unknown) {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
