// Every check, by name, in the order they are reported.
import type { CheckName } from '../types.js';
import type { Check } from './check.js';
import { contentTypeConformance } from './content_type_conformance.js';
import { ignoredAuth } from './ignored_auth.js';
import { missingRequiredHeader } from './missing_required_header.js';
import { negativeDataRejection } from './negative_data_rejection.js';
import { notAServerError } from './not_a_server_error.js';
import { positiveDataAcceptance } from './positive_data_acceptance.js';
import { responseHeadersConformance } from './response_headers_conformance.js';
import { responseSchemaConformance } from './response_schema_conformance.js';
import { statusCodeConformance } from './status_code_conformance.js';
import { unsupportedMethod } from './unsupported_method.js';

export const CHECKS: Record<CheckName, Check> = {
  not_a_server_error: notAServerError,
  status_code_conformance: statusCodeConformance,
  content_type_conformance: contentTypeConformance,
  response_schema_conformance: responseSchemaConformance,
  response_headers_conformance: responseHeadersConformance,
  positive_data_acceptance: positiveDataAcceptance,
  negative_data_rejection: negativeDataRejection,
  missing_required_header: missingRequiredHeader,
  ignored_auth: ignoredAuth,
  unsupported_method: unsupportedMethod,
};

export type { Check } from './check.js';
