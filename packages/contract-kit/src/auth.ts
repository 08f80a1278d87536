// Credentials in requests. Credential header parameters (named in the rule file) get the
// values given on the command line or in the environment; an HTTP bearer security scheme
// gets tokens by calling the operation the rule file names and reading the JSON path it
// names from the 200 response; an apiKey scheme gets a credential. For ignored_auth the
// same places get nothing, wrong values, or a real token with its signature altered.
import { createHash } from 'node:crypto';
import type { BearerSource, RuleFile } from './rules.js';
import { deref, type OpenApiDocument, type Operation, type SecurityRequirement, type SecurityScheme } from './spec.js';
import type { Secret } from './http.js';
import type { AuthMode, Exchange } from './types.js';

/** The environment variable a credential comes from, e.g. api_key → CONTRACT_API_KEY. */
export const credentialEnvName = (credential: string) => `CONTRACT_${credential.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/** Used (and warned about) when a needed credential was not given, so required headers are still sent. */
export const MISSING_CREDENTIAL = 'missing-credential';

export interface TokenSource {
  /** The token for the n-th use of the scheme (tokens are shared by `usesPerToken` uses). */
  token(scheme: string, use: number): Promise<string>;
}

export class AuthSetupError extends Error {
  override name = 'AuthSetupError';
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}

type Placement = { kind: 'credential-header'; header: string; credential: string } | { kind: 'api-key-scheme'; scheme: string; in: 'header' | 'query' | 'cookie'; name: string; credential: string } | { kind: 'bearer'; scheme: string; source: BearerSource };

export interface AuthPlan {
  placements: Placement[];
  /** Security schemes the operation requires that the rule file says nothing about. */
  unsupported: string[];
}

/** Where credentials go for an operation. */
export function authPlan(document: OpenApiDocument, ruleFile: RuleFile, operation: Operation): AuthPlan {
  const placements: Placement[] = [];
  for (const p of operation.parameters) {
    const credential = p.in === 'header' ? ruleFile.credentialHeaders.get(p.name.toLowerCase()) : undefined;
    if (credential) placements.push({ kind: 'credential-header', header: p.name, credential });
  }
  const schemes = document.components?.securitySchemes ?? {};
  const scheme = (name: string) => (schemes[name] ? deref(document, schemes[name]) : undefined);
  const usable = (requirement: SecurityRequirement) => Object.keys(requirement).every((name) => placementFor(name, scheme(name), ruleFile) !== undefined);
  // No requirement, or an empty one ({}), means the operation may be called without credentials.
  const optional = operation.security.length === 0 || operation.security.some((r) => Object.keys(r).length === 0);
  const chosen = optional ? undefined : operation.security.find(usable);
  const unsupported = !optional && !chosen ? Object.keys(operation.security[0] ?? {}) : [];
  for (const name of Object.keys(chosen ?? {})) {
    const placement = placementFor(name, scheme(name), ruleFile);
    // An apiKey scheme may document a header the operation also declares as a credential
    // parameter (as spec/openapi.yaml does for X-Api-Key/X-Api-Secret): send it once.
    const alreadySent =
      placement?.kind === 'api-key-scheme' &&
      placement.in === 'header' &&
      placements.some((p) => p.kind === 'credential-header' && p.header.toLowerCase() === placement.name.toLowerCase());
    if (placement && !alreadySent) placements.push(placement);
  }
  return { placements, unsupported };
}

function placementFor(name: string, scheme: SecurityScheme | undefined, ruleFile: RuleFile): Placement | undefined {
  if (!scheme) return undefined;
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
    const source = ruleFile.bearer.get(name);
    return source ? { kind: 'bearer', scheme: name, source } : undefined;
  }
  if (scheme.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie') && scheme.name) {
    const credential = ruleFile.apiKeySchemes.get(name);
    return credential ? { kind: 'api-key-scheme', scheme: name, in: scheme.in, name: scheme.name, credential } : undefined;
  }
  return undefined;
}

export const needsAuth = (plan: AuthPlan) => plan.placements.length > 0;

/** A value of the same shape as the real one that no server should accept. */
export function wrongValue(real: string, salt: string): string {
  const hex = createHash('sha256').update(`${salt}:${real}`).digest('hex');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(real)) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
  const prefix = /^([A-Za-z]+_)/.exec(real)?.[1] ?? '';
  return `${prefix}${Buffer.from(hex, 'hex').toString('base64url')}`;
}

/** The token with one character of its last part changed (a JWS whose signature no longer verifies). */
export function tamperedToken(token: string): string {
  const last = token.length - 2;
  if (last < 0) return `${token}x`;
  const char = token[last] === 'A' ? 'B' : 'A';
  return token.slice(0, last) + char + token.slice(last + 1);
}

export interface AppliedAuth {
  headers: [string, string][];
  query: Record<string, string>;
  /** Values derived from real tokens (tampered ones), to redact when printed. */
  secrets: Secret[];
}

export async function applyAuth(plan: AuthPlan, mode: AuthMode, credentials: Record<string, string>, tokens: TokenSource, tokenUse: number): Promise<AppliedAuth> {
  const headers: [string, string][] = [];
  const query: Record<string, string> = {};
  const secrets: Secret[] = [];
  if (mode.kind === 'none') return { headers, query, secrets };
  for (const placement of plan.placements) {
    if (placement.kind === 'bearer') {
      let token: string;
      if (mode.kind === 'wrong') token = wrongValue('bearer-token', placement.scheme);
      else {
        token = await tokens.token(placement.scheme, tokenUse);
        if (mode.kind === 'tampered') {
          token = tamperedToken(token);
          secrets.push({ value: token, placeholder: `<${placement.scheme} token, signature altered>` });
        }
      }
      headers.push(['Authorization', `Bearer ${token}`]);
      continue;
    }
    const real = credentials[placement.credential] ?? MISSING_CREDENTIAL;
    const target = placement.kind === 'credential-header' ? placement.header : placement.name;
    const wrong = mode.kind === 'wrong' || (mode.kind === 'wrong-one' && mode.header.toLowerCase() === target.toLowerCase());
    const value = wrong ? wrongValue(real, target) : real;
    if (placement.kind === 'api-key-scheme' && placement.in === 'query') query[placement.name] = value;
    else if (placement.kind === 'api-key-scheme' && placement.in === 'cookie') headers.push(['Cookie', `${placement.name}=${value}`]);
    else headers.push([target, value]);
  }
  return { headers, query, secrets };
}

/** Credentials as placeholders for printed requests (so a printed curl line runs with the same env). */
export function credentialSecrets(credentials: Record<string, string>): Secret[] {
  return Object.entries(credentials).map(([name, value]) => ({ value, placeholder: `$${credentialEnvName(name)}` }));
}

/** Follows `$.a.b[0]` in a parsed JSON value. */
export function readJsonPath(value: unknown, path: string): unknown {
  let node = value;
  for (const match of path.slice(1).matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)) {
    const key = match[1] ?? Number(match[2]);
    node = (node as Record<string | number, unknown> | null | undefined)?.[key];
  }
  return node;
}
