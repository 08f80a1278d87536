import type { Database } from '../../storage/index.js';
import type { Handler } from '../operations.js';
import type { LoadedSpec } from '../spec.js';

export const liveness: Handler<'get_liveness_healthz_get'> = () => ({ status: 200, body: { status: 'ok' } });

/** Ready when the database answers and the process is not draining for shutdown. */
export function readiness(db: Database, lifecycle: { draining: boolean }): Handler<'get_readiness_readyz_get'> {
  return async () => {
    const database = await db.ping().then(
      () => 'ok' as const,
      () => 'error' as const,
    );
    const shutdown = lifecycle.draining ? ('draining' as const) : ('running' as const);
    const ready = database === 'ok' && shutdown === 'running';
    return ready
      ? { status: 200, body: { status: 'ready', checks: { database, shutdown } } }
      : { status: 503, body: { status: 'unavailable', checks: { database, shutdown } } };
  };
}

export function openApiDocument(spec: LoadedSpec): Handler<'get_openapi_document_openapi_yaml_get'> {
  return () => ({ status: 200, body: spec.yaml });
}
