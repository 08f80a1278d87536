// Every operation of the spec, by operationId. The type makes this list complete.
import type { Services } from '../../domain/index.js';
import type { Database } from '../../storage/index.js';
import type { OperationHandlers } from '../operations.js';
import type { LoadedSpec } from '../spec.js';
import { confirmCheckoutSession, getCheckoutSession } from './checkout-session.js';
import { createDeveloperToken } from './developer-token.js';
import { liveness, openApiDocument, readiness } from './operations-endpoints.js';

export function createHandlers(deps: { services: Services; db: Database; spec: LoadedSpec }): OperationHandlers {
  return {
    create_developer_checkout_token_api_checkout_token_developer_post: createDeveloperToken(deps.services),
    get_checkout_session_api_checkout_session_get: getCheckoutSession(deps.services),
    confirm_checkout_session_api_checkout_session_confirm_post: confirmCheckoutSession(deps.services),
    get_liveness_healthz_get: liveness,
    get_readiness_readyz_get: readiness(deps.db),
    get_openapi_document_openapi_yaml_get: openApiDocument(deps.spec),
  };
}
