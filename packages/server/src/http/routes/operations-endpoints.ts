import type { Database } from '../../storage/index.js';
import type { Handler } from '../operations.js';
import type { LoadedSpec } from '../spec.js';

export const liveness: Handler<'get_liveness_healthz_get'> = () => ({ status: 200, body: { status: 'ok' } });

export function readiness(db: Database): Handler<'get_readiness_readyz_get'> {
  return async () => {
    try {
      await db.ping();
      return { status: 200, body: { status: 'ready', checks: { database: 'ok' } } };
    } catch {
      return { status: 503, body: { status: 'unavailable', checks: { database: 'error' } } };
    }
  };
}

export function openApiDocument(spec: LoadedSpec): Handler<'get_openapi_document_openapi_yaml_get'> {
  return () => ({ status: 200, body: spec.yaml });
}
