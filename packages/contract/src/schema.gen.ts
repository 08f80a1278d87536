/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`.
 */

export interface paths {
    "/api/checkout/token/developer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate Checkout Token (Developer)
         * @description Generates a short-lived, tamper-proof checkout token for initializing Paywint Inline Checkout.
         *
         *     This endpoint performs the following actions:
         *     - Authenticates the developer using `X-Api-Key` and `X-Api-Secret`
         *     - Resolves or creates a per-initiator signing secret
         *     - Issues a signed checkout token embedding initiator and payer context
         *     - Returns the token and its expiry for use by the frontend SDK
         *
         *     The returned token must be supplied on all SDK-facing calls as: `Authorization: Bearer <checkout_token>` (never in a URL).
         *
         *     The request is validated before the credentials are checked, so an invalid body answers 422 whatever the credentials. Invalid, unknown or revoked credentials answer 401 without saying which part was wrong.
         */
        post: operations["create_developer_checkout_token_api_checkout_token_developer_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checkout/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Checkout Session
         * @description The checkout session behind a checkout token: status, amount, expiry, the merchant's display name and the payer, masked. Authenticated by the token alone (`Authorization: Bearer <checkout_token>`); a missing, malformed, tampered, expired or foreign-signed token answers 401.
         */
        get: operations["get_checkout_session_api_checkout_session_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checkout/session/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm Checkout Session
         * @description Completes an open checkout session, exactly once: concurrent confirms of one session produce one 200; any later confirm answers 409. An expired session cannot be confirmed (409). No request body.
         */
        post: operations["confirm_checkout_session_api_checkout_session_confirm_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers 200 while the process is up; it does not touch the database.
         */
        get: operations["get_liveness_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description Answers 200 when the database answers a query, 503 otherwise (and 503 while the process drains for shutdown). Load balancers should route traffic only to ready instances.
         */
        get: operations["get_readiness_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The served OpenAPI document
         * @description The exact contract this instance validates requests against.
         */
        get: operations["get_openapi_document_openapi_yaml_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * CheckoutDeveloperTokenCreateRequest
         * @description Token generation request for Inline Checkout (developer initiator).
         *
         *     Notes
         *     The developer passes the payer's email OR phone+phone_country_code.
         *     The backend resolves or creates the payer user (platform_id=1) and issues the token.
         *
         *     Cross-field rules (checked after the schema, answered as 422 `value_error` at `["body"]`): at least one of a non-null `email` or a non-null `phone` must be given, and a non-null `phone` needs a non-null `phone_country_code`.
         */
        CheckoutDeveloperTokenCreateRequest: {
            /**
             * Email
             * @description Payer email address. Provide this OR phone+phone_country_code. Matched case-insensitively after trimming; when both an email and a phone are given, the email identifies the payer.
             * @example jane@example.com
             */
            email?: string | null;
            /**
             * Phone
             * @description Payer phone number (digits only, no country code). Required if email is not provided. Spaces, dots, dashes and parentheses are ignored; any other non-digit is a validation error, and at least 5 digits must remain.
             * @example 5550001234
             */
            phone?: string | null;
            /**
             * Phone Country Code
             * @description Phone country code (e.g. +1). Required if phone is provided. One to four digits with an optional leading `+`.
             * @example +1
             */
            phone_country_code?: string | null;
            /**
             * Amount
             * @description Payment amount (canonical). Stored as an exact decimal; at most 8 digits after the decimal point.
             */
            amount: number;
            /**
             * Currency
             * @description Payment currency code (canonical). Stored upper-cased; control characters (U+0000–U+001F, U+007F) are a validation error.
             * @default USD
             */
            currency?: string;
        };
        /** CommonResponse[CheckoutTokenResponse] */
        CommonResponse_CheckoutTokenResponse_: {
            /**
             * Success
             * @description Indicates whether the request was processed successfully.
             * @default true
             * @example true
             */
            success: boolean;
            /**
             * Message
             * @description A short, human-readable message describing the result of the request.
             * @default Success
             * @example Operation completed.
             */
            message: string;
            /** @description The main response payload, if applicable */
            data: components["schemas"]["CheckoutTokenResponse"] | null;
            /**
             * Querygeneratedtime
             * @description The Unix timestamp (in seconds) indicating when the response was generated.
             * @default 1778161546.973489
             * @example 1718006400
             */
            queryGeneratedTime: number | null;
        };
        /**
         * CommonResponse[NoneType]
         * @description The envelope of every error that is not a validation error.
         */
        CommonResponse_NoneType_: {
            /**
             * Success
             * @description Always false for an error.
             * @example false
             * @constant
             */
            success: false;
            /**
             * Message
             * @description A short, human-readable description of the error.
             * @example Invalid API credentials
             */
            message: string;
            /**
             * Error Code
             * @description Machine-readable reason, stable across message wording; branch on this, not on `message`. Known codes: `bad_request`, `invalid_credentials`, `token_missing`, `token_invalid`, `token_expired`, `session_completed`, `session_expired`, `idempotency_conflict`, `idempotency_in_progress`, `rate_limited`, `service_unavailable`, `not_found`, `method_not_allowed`, `not_acceptable`, `payload_too_large`, `unsupported_media_type`, `conflict`, `internal_error`. New codes may be added; treat an unknown one by its HTTP status.
             * @example invalid_credentials
             */
            error_code?: string;
            /** @description Always null for an error. */
            data: null;
            /**
             * Querygeneratedtime
             * @description The Unix timestamp (in seconds) indicating when the response was generated.
             * @example 1718006400
             */
            queryGeneratedTime: number | null;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail: components["schemas"]["ValidationError"][];
        };
        /**
         * CheckoutTokenResponse
         * @description Checkout token response.
         */
        CheckoutTokenResponse: {
            /**
             * Checkout Token
             * @description Signed Inline Checkout token.
             */
            checkout_token: string;
            /**
             * Expires At
             * Format: date-time
             * @description Token expiration timestamp (UTC).
             */
            expires_at: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /**
             * Input
             * @description The offending input, as pydantic reports it.
             */
            input?: unknown;
            /**
             * Context
             * @description Parameters of the failed constraint (e.g. `gt`, `max_length`).
             */
            ctx?: Record<string, never>;
        };
        /** CommonResponse[CheckoutSessionResponse] */
        CommonResponse_CheckoutSessionResponse_: {
            /**
             * Success
             * @description Indicates whether the request was processed successfully.
             * @default true
             * @example true
             */
            success: boolean;
            /**
             * Message
             * @description A short, human-readable message describing the result of the request.
             * @default Success
             */
            message: string;
            /** @description The main response payload, if applicable */
            data: components["schemas"]["CheckoutSessionResponse"] | null;
            /**
             * Querygeneratedtime
             * @description The Unix timestamp (in seconds) indicating when the response was generated.
             */
            queryGeneratedTime: number | null;
        };
        /**
         * CheckoutSessionResponse
         * @description A checkout session as the SDK may show it.
         */
        CheckoutSessionResponse: {
            /**
             * Session Id
             * Format: uuid
             */
            session_id: string;
            /**
             * Status
             * @description `open` until confirmed or expired; `completed` once confirmed; `expired` when its expiry passed while open.
             * @enum {string}
             */
            status: "open" | "completed" | "expired";
            /**
             * Amount
             * @description The amount, exactly as stored.
             */
            amount: number;
            /**
             * Currency
             * @description Upper-cased currency code.
             */
            currency: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Completed At */
            completed_at: string | null;
            merchant: components["schemas"]["CheckoutMerchant"];
            payer: components["schemas"]["MaskedPayer"];
        };
        /** CheckoutMerchant */
        CheckoutMerchant: {
            /** Display Name */
            display_name: string;
        };
        /**
         * MaskedPayer
         * @description Enough to recognise the payer, not to contact them.
         */
        MaskedPayer: {
            /**
             * Email
             * @description The payer's email, masked (e.g. `j***@example.com`), or null.
             * @example j***@example.com
             */
            email: string | null;
            /**
             * Phone
             * @description The payer's phone, masked to its last four digits (e.g. `•••1234`), or null.
             * @example •••1234
             */
            phone: string | null;
            /**
             * Phone Country Code
             * @example +1
             */
            phone_country_code: string | null;
        };
        /** HealthStatus */
        HealthStatus: {
            /** @constant */
            status: "ok";
        };
        /** ReadinessStatus */
        ReadinessStatus: {
            /** @enum {string} */
            status: "ready" | "unavailable";
            checks: {
                /** @enum {string} */
                database: "ok" | "error";
                /** @enum {string} */
                shutdown: "running" | "draining";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description Requests allowed in the current window (IETF draft RateLimit header fields). */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window. */
        "RateLimit-Remaining": number;
        /** @description Seconds until the current window resets. */
        "RateLimit-Reset": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    create_developer_checkout_token_api_checkout_token_developer_post: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Your API Key (UUID format). Required to identify and authorize each request
                 * @example 3f2b8c1d-6e4a-4b7f-9c2d-8a1e5f7b3c90
                 */
                "X-Api-Key": string;
                /**
                 * @description Secret associated with your API Key. Used for authenticating requests. Keep this secure.
                 * @example sk_Zk3r9XwQm2VYp7Lc1T8bN0aHsJ4uE6dGqR5yKfWiOxc
                 */
                "X-Api-Secret": string;
                /**
                 * @description Makes the request safe to retry. The same key with the same body from the same API key within 24 hours answers the original response (with `Idempotent-Replayed: true`); the same key with a different body answers 409; while the first request is still running, later ones wait for it (up to 10 s) and then answer 409. Only successful results are remembered, so a request that failed may be retried with the same key.
                 * @example 0b8e3c52-7f1d-4a69-8e2b-5d4c3a1f9e07
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutDeveloperTokenCreateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key. */
                    "Idempotent-Replayed"?: "true";
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_CheckoutTokenResponse_"];
                };
            };
            /** @description Authentication failed: the API key is unknown, malformed or revoked, or the secret does not match. The message does not say which. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The Idempotency-Key was already used with a different body, or the first request with it is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The request body is larger than 64 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests: the limit for this API key, checkout token or client address is used up. Retry after `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The database is unreachable; nothing was changed. Retry after `Retry-After` seconds (with the same Idempotency-Key, if any). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
        };
    };
    get_checkout_session_api_checkout_session_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_CheckoutSessionResponse_"];
                };
            };
            /** @description The checkout token is missing, malformed, tampered, expired, signed by another key or for a session that does not exist. */
            401: {
                headers: {
                    /** @description `Bearer` with an `error` attribute (RFC 6750). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description Too many requests: the limit for this API key, checkout token or client address is used up. Retry after `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The database is unreachable; nothing was changed. Retry after `Retry-After` seconds (with the same Idempotency-Key, if any). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
        };
    };
    confirm_checkout_session_api_checkout_session_confirm_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, now completed. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_CheckoutSessionResponse_"];
                };
            };
            /** @description The checkout token is not valid (see GET /api/checkout/session). */
            401: {
                headers: {
                    /** @description `Bearer` with an `error` attribute (RFC 6750). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The session is already completed, or has expired. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description Too many requests: the limit for this API key, checkout token or client address is used up. Retry after `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
            /** @description The database is unreachable; nothing was changed. Retry after `Retry-After` seconds (with the same Idempotency-Key, if any). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommonResponse_NoneType_"];
                };
            };
        };
    };
    get_liveness_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    get_readiness_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessStatus"];
                };
            };
            /** @description Not ready (the database does not answer). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessStatus"];
                };
            };
        };
    };
    get_openapi_document_openapi_yaml_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This document, as YAML. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
}
