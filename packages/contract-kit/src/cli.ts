#!/usr/bin/env node
// pnpm contract --base-url URL [--api-key K --api-secret S] [--max-examples N] [--seed S]
// Exit codes: 0 every check passed, 1 a check failed (or the run could not finish), 2 usage or configuration error.
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { credentialEnvName } from './auth.js';
import { formatReport } from './report.js';
import { RuleFileError } from './rules.js';
import { ConfigurationError, runContract } from './runner.js';
import { SpecError } from './spec.js';
import { CHECK_NAMES, type CheckName } from './types.js';

export const DEFAULT_SPEC = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));

const HELP = `Usage: pnpm contract --base-url URL [options]

Sends requests derived from the OpenAPI document to URL (and only there) and checks
that the answers match it: ${CHECK_NAMES.join(', ')}.

Options:
  --base-url URL        the deployment to test, e.g. https://api.sandbox.example.com (required)
  --api-key KEY         credential api_key   (or env ${credentialEnvName('api_key')})
  --api-secret SECRET   credential api_secret (or env ${credentialEnvName('api_secret')})
  --credential NAME=V   any other credential the rule file names (or env CONTRACT_<NAME>)
  --max-examples N      positive and negative cases per operation, each (default 100)
  --seed S              seed for case generation (default: random, printed)
  --spec PATH           OpenAPI 3.1 document (default: spec/openapi.yaml of this repository)
  --rules PATH          rule file (default: contract-rules.yaml beside the spec)
  --operation ID        only this operationId (repeatable)
  --check NAME          only this check (repeatable)
  --concurrency N       requests in flight (default 4)
  --timeout MS          per request (default 10000)
  --max-time S          stop the run after S seconds, as a failure (default 600)
  -h, --help`;

class UsageError extends Error {}

const positiveInt = (value: string | undefined, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive integer, not ${value}`);
  return Number(value);
};

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      credential: { type: 'string', multiple: true },
      'max-examples': { type: 'string' },
      seed: { type: 'string' },
      spec: { type: 'string' },
      rules: { type: 'string' },
      operation: { type: 'string', multiple: true },
      check: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      'max-time': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const baseUrl = values['base-url'] ?? process.env.CONTRACT_BASE_URL;
  if (!baseUrl) throw new UsageError('--base-url is required');
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: ${baseUrl}`);
  }

  const credentials: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    const match = /^CONTRACT_(?!BASE_URL$)([A-Z0-9_]+)$/.exec(name);
    if (match?.[1] && value) credentials[match[1].toLowerCase()] = value;
  }
  for (const entry of values.credential ?? []) {
    const [name, ...rest] = entry.split('=');
    if (!name || rest.length === 0) throw new UsageError(`--credential must be NAME=VALUE, not ${entry}`);
    credentials[name] = rest.join('=');
  }
  if (values['api-key'] !== undefined) credentials.api_key = values['api-key'];
  if (values['api-secret'] !== undefined) credentials.api_secret = values['api-secret'];

  const checks = (values.check ?? []).map((name) => {
    if (!CHECK_NAMES.includes(name as CheckName)) throw new UsageError(`unknown check ${name} (known: ${CHECK_NAMES.join(', ')})`);
    return name as CheckName;
  });
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed must be an integer, not ${values.seed}`);
  const seed = values.seed !== undefined ? Number(values.seed) | 0 : randomInt(0, 2 ** 31 - 1);
  const maxExamples = positiveInt(values['max-examples'], 'max-examples', 100);
  const specPath = values.spec ?? DEFAULT_SPEC;

  console.log(`contract-kit: ${specPath} against ${baseUrl}, seed ${seed}, ${maxExamples} examples per operation`);
  const result = await runContract({
    baseUrl,
    specPath,
    ...(values.rules ? { rulesPath: values.rules } : {}),
    credentials,
    maxExamples,
    seed,
    ...(values.operation?.length ? { operations: values.operation } : {}),
    ...(checks.length ? { checks } : {}),
    concurrency: positiveInt(values.concurrency, 'concurrency', 4),
    timeoutMs: positiveInt(values.timeout, 'timeout', 10_000),
    maxDurationMs: positiveInt(values['max-time'], 'max-time', 600) * 1000,
    log: (line) => console.log(`  ${line}`),
  });
  const reproduce = (operationId: string | undefined) =>
    ['pnpm contract --base-url', baseUrl, '--seed', String(seed), '--max-examples', String(maxExamples), ...(operationId ? ['--operation', operationId] : []), ...(values.spec ? ['--spec', values.spec] : [])].join(' ');
  console.log(formatReport(result, reproduce));
  return result.failures.length === 0 && result.errors.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${HELP}`);
      process.exit(2);
    }
    if (error instanceof ConfigurationError || error instanceof RuleFileError || error instanceof SpecError) {
      console.error(`contract-kit: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
