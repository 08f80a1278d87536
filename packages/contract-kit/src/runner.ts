// Runs every check against a base URL: derives the cases of each operation from the
// spec (and the rule file), sends them with bounded concurrency and time, judges every
// response, and groups failures by check, operation and defect. Case generation depends
// only on the spec, the rule file, --max-examples and the seed of each operation
// (derived from the run's seed and the operationId), so a run is reproducible with
// --seed, and one operation's cases are the same with or without --operation.
import { createHash } from 'node:crypto';
import { AuthSetupError, type AuthPlan, applyAuth, authPlan, credentialEnvName, credentialSecrets, readJsonPath } from './auth.js';
import { CHECKS, type Check } from './checks/index.js';
import { negativeRequestArbitrary, type NegativeRequest } from './generate/negative.js';
import { type GenerationContext } from './generate/positive.js';
import { positiveRequestArbitrary, type RequestData, requestInvalidity } from './generate/request-data.js';
import { RULE_PREFIX, sampleAccepted } from './generate/validity.js';
import { createTransport, type Secret, targetUrl, type Transport } from './http.js';
import { defaultRuleFilePath, loadRuleFile, type RuleFile } from './rules.js';
import { loadDocument, type OpenApiDocument, type Operation, operationsOf } from './spec.js';
import { type Case, CHECK_NAMES, type CheckName, type Exchange, type Failure, type SentRequest } from './types.js';
import { createValidator, type Validator } from './validator.js';

export interface RunOptions {
  baseUrl: string;
  specPath: string;
  /** Default: contract-rules.yaml beside the spec (optional there). */
  rulesPath?: string;
  /** Credential name (as the rule file names them, e.g. api_key) → value. */
  credentials?: Record<string, string>;
  /** Positive and negative cases per operation (each). */
  maxExamples: number;
  seed: number;
  /** Only these operationIds (default: all). */
  operations?: string[];
  /** Only these checks (default: all). */
  checks?: CheckName[];
  concurrency?: number;
  timeoutMs?: number;
  /** The whole run stops sending after this long (and fails). */
  maxDurationMs?: number;
  log?: (line: string) => void;
}

export interface TargetStats {
  target: string;
  operationId?: string;
  requests: Partial<Record<CheckName, number>>;
  /** Responses by status (0: no response). */
  statuses: Record<string, number>;
  total: number;
  failures: number;
  durationMs: number;
}

export interface RunResult {
  seed: number;
  baseUrl: string;
  failures: Failure[];
  /** Problems that stopped part of the run (setup, time budget): the run fails. */
  errors: string[];
  warnings: string[];
  targets: TargetStats[];
  /** Requests made to obtain bearer tokens. */
  setupRequests: number;
  totalRequests: number;
  durationMs: number;
  secrets: Secret[];
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** A 32-bit seed for one purpose of one operation, derived from the run's seed. */
export function derivedSeed(seed: number, ...parts: string[]): number {
  return createHash('sha256').update([String(seed), ...parts].join('\u0000')).digest().readInt32LE(0);
}

export const targetOf = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.path} (${operation.id})`;

interface RunState {
  options: Required<Pick<RunOptions, 'concurrency' | 'timeoutMs'>> & RunOptions;
  document: OpenApiDocument;
  ruleFile: RuleFile;
  validator: Validator;
  gen: GenerationContext;
  transport: Transport;
  base: URL;
  credentials: Record<string, string>;
  plans: Map<string, AuthPlan>;
  allOperations: Operation[];
  tokens: Map<string, Promise<string>>;
  secrets: Secret[];
  errors: Set<string>;
  warnings: Set<string>;
  deadline: number;
  setupRequests: number;
}

export function planFor(state: Pick<RunState, 'plans' | 'document' | 'ruleFile'>, operation: Operation): AuthPlan {
  let plan = state.plans.get(operation.id);
  if (!plan) {
    plan = authPlan(state.document, state.ruleFile, operation);
    state.plans.set(operation.id, plan);
  }
  return plan;
}

export function positiveSamples(state: Pick<RunState, 'gen' | 'validator' | 'ruleFile'>, operation: Operation, count: number, seed: number): RequestData[] {
  const arbitrary = positiveRequestArbitrary(state.gen, operation, state.ruleFile);
  return sampleAccepted(arbitrary, (data) => requestInvalidity(state.gen, state.validator, operation, state.ruleFile, data).length === 0, count, seed);
}

export function negativeSamples(state: Pick<RunState, 'gen' | 'validator' | 'ruleFile'>, operation: Operation, count: number, seed: number): NegativeRequest[] {
  const positive = positiveRequestArbitrary(state.gen, operation, state.ruleFile);
  const arbitrary = negativeRequestArbitrary(state.gen, state.validator, operation, state.ruleFile, positive);
  if (!arbitrary) return [];
  const reasons = new Map<NegativeRequest, string[]>();
  const samples = sampleAccepted(
    arbitrary,
    (n) => {
      const why = requestInvalidity(state.gen, state.validator, operation, state.ruleFile, n.data);
      reasons.set(n, why);
      // A case that breaks only cross-field rules breaks exactly one, so each rule is tested on its own.
      return why.length > 0 && (why.some((r) => !r.startsWith(RULE_PREFIX)) || why.length === 1);
    },
    count,
    seed,
  );
  return samples.map((n) => ({ ...n, reasons: reasons.get(n) ?? [] }));
}

/** Loads the spec and rule file and checks that they agree (operations and schemas named in the rules exist). */
export function loadContract(specPath: string, rulesPath?: string) {
  const document = loadDocument(specPath);
  const ruleFile = loadRuleFile(rulesPath ?? defaultRuleFilePath(specPath), { optional: rulesPath === undefined });
  const allOperations = operationsOf(document);
  const ids = new Set(allOperations.map((o) => o.id));
  for (const [scheme, source] of ruleFile.bearer) {
    if (!ids.has(source.fromOperation)) throw new ConfigurationError(`rule file: bearer scheme ${scheme} takes tokens from ${source.fromOperation}, which the spec does not define`);
    if (!document.components?.securitySchemes?.[scheme]) throw new ConfigurationError(`rule file: bearer scheme ${scheme} is not in components.securitySchemes`);
  }
  for (const name of ruleFile.rules.keys()) {
    if (!document.components?.schemas?.[name]) throw new ConfigurationError(`rule file: rules name schema ${name}, which is not in components.schemas`);
  }
  const validator = createValidator(document);
  const gen: GenerationContext = { document, rules: ruleFile.rules };
  return { document, ruleFile, allOperations, validator, gen };
}

export async function runContract(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const { document, ruleFile, allOperations, validator, gen } = loadContract(options.specPath, options.rulesPath);
  const selected = options.operations?.length ? allOperations.filter((o) => options.operations?.includes(o.id)) : allOperations;
  for (const id of options.operations ?? []) {
    if (!allOperations.some((o) => o.id === id)) throw new ConfigurationError(`no operation ${id} in the spec (known: ${allOperations.map((o) => o.id).join(', ')})`);
  }
  const enabled = (options.checks?.length ? options.checks : [...CHECK_NAMES]).map((name) => CHECKS[name]);
  const base = new URL(options.baseUrl);
  if (!['http:', 'https:'].includes(base.protocol)) throw new ConfigurationError(`--base-url must be http(s): ${options.baseUrl}`);

  const credentials = { ...(options.credentials ?? {}) };
  const state: RunState = {
    options: { concurrency: 4, timeoutMs: 10_000, ...options },
    document,
    ruleFile,
    validator,
    gen,
    transport: createTransport(),
    base,
    credentials,
    plans: new Map(),
    allOperations,
    tokens: new Map(),
    secrets: credentialSecrets(credentials),
    errors: new Set(),
    warnings: new Set(),
    deadline: started + (options.maxDurationMs ?? 10 * 60_000),
    setupRequests: 0,
  };

  for (const operation of selected) {
    const plan = planFor(state, operation);
    if (plan.unsupported.length) state.warnings.add(`${targetOf(operation)}: the rule file says nothing about security scheme(s) ${plan.unsupported.join(', ')}; requests go without them`);
    for (const p of plan.placements) {
      if (p.kind !== 'bearer' && credentials[p.credential] === undefined) {
        state.warnings.add(`no ${p.credential} given (--${p.credential.replace(/_/g, '-')} or ${credentialEnvName(p.credential)}): valid-credential requests carry a placeholder, so they are answered 401 and acceptance of valid data is not judged`);
      }
    }
  }

  const failures = new Map<string, { failure: Failure; order: number[] }>();
  const targets: TargetStats[] = [];
  const tokenUses = new Map<string, number>();
  try {
    for (const operation of selected) {
      const opStarted = Date.now();
      const positives = positiveSamples(state, operation, options.maxExamples, derivedSeed(options.seed, operation.id, 'positive'));
      const negatives = negativeSamples(state, operation, options.maxExamples, derivedSeed(options.seed, operation.id, 'negative'));
      if (positives.length < options.maxExamples) state.warnings.add(`${targetOf(operation)}: only ${positives.length} of ${options.maxExamples} positive cases could be generated`);
      const plan = planFor(state, operation);
      const cases = enabled.flatMap((check) => check.operationCases?.({ operation, positives, negatives, auth: plan }) ?? []);
      // Which token each bearer request uses is fixed here, in case order.
      for (const c of cases) {
        if (c.auth.kind !== 'valid' && c.auth.kind !== 'tampered' && c.auth.kind !== 'wrong-one') continue;
        for (const p of plan.placements) {
          if (p.kind !== 'bearer') continue;
          const use = tokenUses.get(p.scheme) ?? 0;
          tokenUses.set(p.scheme, use + 1);
          c.tokenUse = use;
        }
      }
      const stats = await execute(state, cases, enabled, failures, targetOf(operation), operation.id);
      targets.push({ ...stats, durationMs: Date.now() - opStarted });
      log(`checked ${targetOf(operation)}`);
    }

    const paths = [...new Set(selected.map((o) => o.path))];
    for (const path of paths) {
      const pathStarted = Date.now();
      const operations = allOperations.filter((o) => o.path === path);
      const cases = enabled.flatMap((check) => check.pathCases?.({ path, operations }) ?? []);
      if (!cases.length) continue;
      const stats = await execute(state, cases, enabled, failures, `${path} (undocumented methods)`, undefined);
      targets.push({ ...stats, durationMs: Date.now() - pathStarted });
    }
  } finally {
    state.transport.close();
  }

  const ordered = [...failures.values()]
    .sort((a, b) => CHECK_NAMES.indexOf(a.failure.check) - CHECK_NAMES.indexOf(b.failure.check) || a.failure.target.localeCompare(b.failure.target) || compareOrder(a.order, b.order))
    .map((f) => f.failure);
  return {
    seed: options.seed,
    baseUrl: options.baseUrl,
    failures: ordered,
    errors: [...state.errors],
    warnings: [...state.warnings],
    targets,
    setupRequests: state.setupRequests,
    totalRequests: targets.reduce((sum, t) => sum + t.total, 0) + state.setupRequests,
    durationMs: Date.now() - started,
    secrets: state.secrets,
  };
}

const compareOrder = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

async function execute(
  state: RunState,
  cases: Case[],
  enabled: Check[],
  failures: Map<string, { failure: Failure; order: number[] }>,
  target: string,
  operationId: string | undefined,
): Promise<Omit<TargetStats, 'durationMs'>> {
  const requests: Partial<Record<CheckName, number>> = {};
  let total = 0;
  let positives = 0;
  let positivesRefused = 0;
  const statuses: Record<string, number> = {};
  const failingKeys = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      if (Date.now() > state.deadline) {
        state.errors.add(`time budget exceeded: stopped sending after ${Math.round((state.options.maxDurationMs ?? 600_000) / 1000)} s`);
        return;
      }
      const exchange = await exchangeFor(state, c);
      if (!exchange) continue;
      requests[c.check] = (requests[c.check] ?? 0) + 1;
      total++;
      statuses[exchange.response.status] = (statuses[exchange.response.status] ?? 0) + 1;
      if (c.check === 'positive_data_acceptance') {
        positives++;
        if (exchange.response.status === 401 || exchange.response.status === 403) positivesRefused++;
      }
      for (const check of enabled) {
        const judges = check.scope === 'any-response' || (check.scope === 'every-response' && c.operation) || (check.scope === 'own-cases' && check.name === c.check);
        if (!judges) continue;
        const finding = check.judge(exchange, { document: state.document, validator: state.validator });
        if (!finding) continue;
        const key = `${check.name}\u0000${target}\u0000${finding.summary}`;
        failingKeys.add(key);
        const order = [CHECK_NAMES.indexOf(c.check), c.index];
        const known = failures.get(key);
        if (known) {
          known.failure.occurrences++;
          if (known.failure.examples.length < 50) known.failure.examples.push(exchange);
          if (compareOrder(order, known.order) < 0) Object.assign(known, { order, failure: { ...known.failure, ...finding, exchange } });
        } else {
          failures.set(key, { order, failure: { check: check.name, target, ...(operationId ? { operationId } : {}), ...finding, exchange, occurrences: 1, examples: [exchange] } });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, state.options.concurrency) }, worker));
  if (positives > 0 && positivesRefused === positives) {
    state.warnings.add(`${target}: every valid request was refused with 401/403, so acceptance of valid data was not judged: are the credentials right?`);
  }
  return { target, ...(operationId ? { operationId } : {}), requests, statuses, total, failures: failingKeys.size };
}

/** Builds and sends the case's request; undefined when credentials for it could not be obtained. */
async function exchangeFor(state: RunState, c: Case): Promise<Exchange | undefined> {
  let request: SentRequest;
  try {
    request = await buildRequest(state, c);
  } catch (error) {
    if (error instanceof AuthSetupError) {
      state.errors.add(error.message);
      return undefined;
    }
    throw error;
  }
  const startedAt = Date.now();
  const response = await state.transport.send(request, state.options.timeoutMs);
  return { case: c, request, response, durationMs: Date.now() - startedAt };
}

export async function buildRequest(state: RunState, c: Case): Promise<SentRequest> {
  const headers: [string, string][] = [];
  let body: string | undefined;
  if (c.data.body !== undefined) {
    body = JSON.stringify(c.data.body);
    headers.push(['Content-Type', c.operation?.requestBody?.mediaType ?? 'application/json']);
  }
  for (const [name, value] of Object.entries(c.data.header)) if (value !== undefined) headers.push([name, String(value)]);
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.data.query)) if (value !== undefined) query[name] = String(value);
  if (c.operation) {
    const applied = await applyAuth(planFor(state, c.operation), c.auth, state.credentials, { token: (scheme, use) => bearerToken(state, scheme, use) }, c.tokenUse ?? 0);
    headers.push(...applied.headers);
    Object.assign(query, applied.query);
    for (const secret of applied.secrets) if (!state.secrets.some((s) => s.value === secret.value)) state.secrets.push(secret);
  }
  const omitted = new Set((c.omitHeaders ?? []).map((h) => h.toLowerCase()));
  const path = c.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(c.data.path[name] ?? '')));
  return {
    method: c.method,
    url: targetUrl(state.base, path, query),
    headers: headers.filter(([name]) => !omitted.has(name.toLowerCase())),
    ...(body !== undefined ? { body } : {}),
  };
}

/** The token for the n-th bearer use of a scheme: one token serves `uses_per_token` uses. */
function bearerToken(state: RunState, scheme: string, use: number): Promise<string> {
  const source = state.ruleFile.bearer.get(scheme);
  if (!source) return Promise.reject(new AuthSetupError(`no token source for bearer scheme ${scheme} in the rule file`));
  const index = Math.floor(use / source.usesPerToken);
  const key = `${scheme}#${index}`;
  let token = state.tokens.get(key);
  if (!token) {
    token = obtainToken(state, scheme, index);
    state.tokens.set(key, token);
  }
  return token;
}

const tokenPools = new WeakMap<RunState, Map<string, RequestData[]>>();

async function obtainToken(state: RunState, scheme: string, index: number): Promise<string> {
  const source = state.ruleFile.bearer.get(scheme);
  const operation = state.allOperations.find((o) => o.id === source?.fromOperation);
  if (!source || !operation) throw new AuthSetupError(`no operation to obtain ${scheme} tokens from`);
  let pools = tokenPools.get(state);
  if (!pools) tokenPools.set(state, (pools = new Map()));
  let samples = pools.get(scheme);
  if (!samples) {
    samples = positiveSamples(state, operation, 64, derivedSeed(state.options.seed, 'token', scheme));
    pools.set(scheme, samples);
  }
  const sample = samples[index % Math.max(1, samples.length)];
  if (!sample) throw new AuthSetupError(`could not generate a valid request for ${operation.id} to obtain a ${scheme} token`);
  // Only the required header parameters: an optional one may carry meaning across requests
  // (an Idempotency-Key generated twice would replay or conflict instead of minting).
  const requiredHeaders = new Set(operation.parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name));
  const data = { ...sample, header: Object.fromEntries(Object.entries(sample.header).filter(([name]) => requiredHeaders.has(name))) };
  const c: Case = { check: 'positive_data_acceptance', operation, method: operation.method.toUpperCase(), path: operation.path, data, auth: { kind: 'valid' }, label: `obtain a ${scheme} token`, index };
  const request = await buildRequest(state, c);
  const response = await state.transport.send(request, state.options.timeoutMs);
  state.setupRequests++;
  const exchange: Exchange = { case: c, request, response, durationMs: 0 };
  const fail = (why: string) => new AuthSetupError(`could not obtain a ${scheme} token from ${operation.id}: ${why}`, exchange);
  if (response.status !== 200) throw fail(`it answered ${response.status || response.error} ${response.body.slice(0, 300)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw fail('its 200 body is not JSON');
  }
  const token = readJsonPath(parsed, source.jsonPath);
  if (typeof token !== 'string' || token === '') throw fail(`its 200 body has no string at ${source.jsonPath}`);
  state.secrets.push({ value: token, placeholder: `<${scheme} token>` });
  return token;
}
