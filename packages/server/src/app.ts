// Builds the Express app from its parts; it does not listen (main.ts and the tests do).
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Services } from './domain/index.js';
import { DOCS_ASSET_PATH, docsRouter } from './http/docs.js';
import { failure } from './http/envelope.js';
import { errorHandler } from './http/error-handler.js';
import { jsonBody } from './http/json-body.js';
import { requestLog } from './http/request-log.js';
import { responsePolicy } from './http/response-policy.js';
import { series } from './http/series.js';
import { bindOperations } from './http/operations.js';
import { createHandlers } from './http/routes/index.js';
import type { LoadedSpec } from './http/spec.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Database } from './storage/index.js';

export interface AppDeps {
  spec: LoadedSpec;
  services: Services;
  db: Database;
  logger: Logger;
  /** Check every response against the spec (tests and development; costs time per request). */
  validateResponses: boolean;
  /** Origins allowed to call the SDK-facing paths from a browser. */
  allowedOrigins: string[];
  /** Express "trust proxy" (for the client address used by the brute-force guard). */
  trustProxy: boolean | number;
  /** Set `draining` when shutting down: readiness then answers 503. */
  lifecycle: { draining: boolean };
  /** Counts and times requests when metrics are on (METRICS_PORT). */
  metrics?: Metrics | undefined;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);
  // The edge, one layer: metrics, the request log, then the headers every answer needs.
  app.use(
    series([
      ...(deps.metrics ? [deps.metrics.middleware] : []),
      requestLog(deps.logger),
      responsePolicy({ allowedOrigins: deps.allowedOrigins, lifecycle: deps.lifecycle }),
    ]),
  );

  // The API reference (GET /docs): not part of the spec, so answered before the validator.
  app.get(['/docs', DOCS_ASSET_PATH], docsRouter(deps.spec.document));

  app.use(jsonBody);

  app.use(
    series(
      OpenApiValidator.middleware({
        // A copy: the validator dereferences and annotates the document it is given.
        apiSpec: structuredClone(deps.spec.document) as never,
        // FastAPI ignores query parameters it does not declare; so do we.
        validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
        validateResponses: deps.validateResponses ? { allErrors: true } : false,
        validateSecurity: false,
        // No operation takes multipart bodies: skip the upload middleware entirely.
        fileUploader: false,
        // Checking the document against the OpenAPI meta-schema costs ~40 MB; CI lints the spec instead.
        validateApiSpec: deps.validateResponses,
        $refParser: { mode: 'dereference' },
      }),
    ),
  );

  // Dispatched by the operationId the validator matched: the path is matched once, not twice.
  app.use(bindOperations(deps.spec, createHandlers(deps)));

  app.use((_req, res) => {
    res.locals.errorCode = 'not_found';
    res.status(404).json(failure('Not Found', 'not_found'));
  });
  app.use(errorHandler(deps.spec.document));
  return app;
}
