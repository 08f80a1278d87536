// Headers every answer needs, decided in one middleware (one Express layer instead of three):
// CORS for the SDK-facing paths (only when the browser sent an Origin; the developer endpoint
// is server-to-server), no caching or sniffing of API answers (they carry credentials or session
// state), and `Connection: close` while draining for shutdown so keep-alive clients reconnect.
import cors from 'cors';
import type { RequestHandler } from 'express';

const SDK_PATHS = new Set(['/api/checkout/session', '/api/checkout/session/confirm']);

export function responsePolicy(options: { allowedOrigins: string[]; lifecycle: { draining: boolean } }): RequestHandler {
  const sdkCors = cors({
    origin: options.allowedOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // Readable by the SDK: the 401 challenge, quota and back-off headers, the request id.
    exposedHeaders: ['WWW-Authenticate', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'],
    maxAge: 600,
  });
  return (req, res, next) => {
    if (options.lifecycle.draining) res.setHeader('Connection', 'close');
    if (req.path.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Before the validator, so a preflight OPTIONS is answered here.
      if (req.headers.origin !== undefined && SDK_PATHS.has(req.path)) return sdkCors(req, res, next);
    }
    next();
  };
}
