// Key management and database commands: `pnpm cli --help`.
// Same configuration as the server (DATABASE_URL, DATA_DIR, MASTER_KEY, …).
// Exit codes: 0 done, 1 failed (e.g. no such key), 2 usage error.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, describeStore, loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { createLogger } from '../logger.js';
import { openService, type Service } from '../service.js';
import { migrate } from '../storage/index.js';

const HELP = `Usage: pnpm cli <command> [options]

API keys
  keys create --name NAME [--initiator ID] [--json]
      Create an API key and print its secret once. Without --initiator, a new
      initiator (merchant) named NAME is created with it. --json prints one line:
      {"api_key":"…","api_secret":"…","initiator_id":"…"}
  keys list [--json]                  List API keys (never their secrets).
  keys rotate API_KEY [--grace SECONDS] [--json]
      Issue a new secret (printed once). The old secret keeps working for the
      grace period (default 86400 s; 0 ends it at once).
  keys revoke API_KEY                 Revoke a key at once; its requests answer 401.

Signing keys (per initiator, found through one of its API keys)
  signing-keys list API_KEY [--json]
  signing-keys rotate API_KEY         New tokens get a new kid; tokens signed by the
                                      old key keep verifying until they expire.
  signing-keys revoke API_KEY [--kid KID]
      Tokens signed by KID (default: the current key) stop verifying at once.

Master key (MASTER_KEY; earlier keys in MASTER_KEYS_PREVIOUS)
  master-key status [--json]          What is still sealed under which master key.
  master-key reencrypt                Re-encrypt everything under the current MASTER_KEY.

Database
  db migrate                          Apply pending migrations (the server also does this on start).

Environment: DATABASE_URL (unset: SQLite under DATA_DIR, default ./data),
MASTER_KEY, MASTER_KEYS_PREVIOUS, DATA_DIR. Use \`pnpm -s cli …\` to keep pnpm's banner
out of the output.`;

class UsageError extends Error {}

function print(line: string) {
  process.stdout.write(`${line}\n`);
}

interface Args {
  positionals: string[];
  name?: string;
  initiator?: string;
  grace?: string;
  kid?: string;
  json: boolean;
}

type Command = (service: Service, args: Args) => Promise<void>;

function required(value: string | undefined, usage: string): string {
  if (!value) throw new UsageError(usage);
  return value;
}

const commands: Record<string, Command> = {
  async 'keys create'(service, args) {
    const name = required(args.name, 'keys create needs --name NAME');
    const created = await service.services.apiKeys.create({ name, ...(args.initiator ? { initiatorId: args.initiator } : {}) });
    if (args.json) return print(JSON.stringify(created));
    print(`API key:      ${created.api_key}`);
    print(`API secret:   ${created.api_secret}`);
    print(`Initiator:    ${created.initiator_id}`);
    print('The secret is shown only now; store it securely.');
  },

  async 'keys list'(service, args) {
    const list = await service.services.apiKeys.list();
    if (args.json) {
      return print(
        JSON.stringify(
          list.map((k) => ({
            api_key: k.id,
            name: k.name,
            initiator_id: k.initiatorId,
            initiator_name: k.initiatorName,
            created_at: k.createdAt.toISOString(),
            revoked_at: k.revokedAt?.toISOString() ?? null,
          })),
        ),
      );
    }
    if (list.length === 0) return print('no API keys yet: pnpm cli keys create --name NAME');
    for (const k of list) {
      print(`${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.createdAt.toISOString()}  ${k.name}  (initiator ${k.initiatorId})`);
    }
  },

  async 'keys rotate'(service, args) {
    const apiKey = required(args.positionals[0], 'keys rotate needs API_KEY');
    let grace: number | undefined;
    if (args.grace !== undefined) {
      if (!/^\d+$/.test(args.grace)) throw new UsageError('--grace must be a whole number of seconds');
      grace = Number(args.grace);
    }
    const rotated = await service.services.apiKeys.rotate(apiKey, grace);
    if (args.json) return print(JSON.stringify(rotated));
    print(`API key:      ${rotated.api_key}`);
    print(`New secret:   ${rotated.api_secret}`);
    print(`Old secret valid until ${rotated.previous_secret_expires_at}.`);
    print('The new secret is shown only now; store it securely.');
  },

  async 'keys revoke'(service, args) {
    const apiKey = required(args.positionals[0], 'keys revoke needs API_KEY');
    await service.services.apiKeys.revoke(apiKey);
    print(`revoked ${apiKey}`);
  },

  async 'signing-keys list'(service, args) {
    const keys = await service.services.apiKeys.listSigningKeys(required(args.positionals[0], 'signing-keys list needs API_KEY'));
    if (args.json) return print(JSON.stringify(keys));
    if (keys.length === 0) return print('no signing key yet (one is created with the first token)');
    for (const k of keys) print(`${k.kid}  generation ${k.generation}  ${k.state.padEnd(7)}  ${k.created_at}`);
  },

  async 'signing-keys rotate'(service, args) {
    const key = await service.services.apiKeys.rotateSigningKey(required(args.positionals[0], 'signing-keys rotate needs API_KEY'));
    print(`new current signing key ${key.kid} (generation ${key.generation}); earlier keys verify their tokens until they expire`);
  },

  async 'signing-keys revoke'(service, args) {
    const kid = await service.services.apiKeys.revokeSigningKey(required(args.positionals[0], 'signing-keys revoke needs API_KEY'), args.kid);
    print(`revoked signing key ${kid}; tokens it signed no longer verify`);
  },

  async 'master-key status'(service, args) {
    const status = await service.services.masterKeys.status();
    if (args.json) return print(JSON.stringify(status));
    print(`current master key: ${status.current_master_key_id}`);
    for (const [what, counts] of [
      ['signing keys', status.signing_keys],
      ['live API secret hashes', status.api_secrets],
      ['idempotency records', status.idempotency_records],
    ] as const) {
      print(`${what}: ${Object.entries(counts).map(([id, n]) => `${n} under ${id}`).join(', ') || 'none'}`);
    }
    print(
      status.previous_keys_unused
        ? 'Nothing depends on a previous master key: MASTER_KEYS_PREVIOUS can be emptied.'
        : 'Some data still depends on a previous master key: run `master-key reencrypt`; API secret hashes move on their next use or `keys rotate`.',
    );
  },

  async 'master-key reencrypt'(service) {
    const result = await service.services.masterKeys.reencrypt();
    print(`re-encrypted ${result.signing_keys} signing key(s) and ${result.idempotency_records} idempotency record(s) under ${service.keyring.current.id}`);
  },
};

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      initiator: { type: 'string' },
      grace: { type: 'string' },
      kid: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    print(HELP);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  if (group === 'db' && command === 'migrate') {
    const applied = await migrate(config.store);
    print(applied.length ? `applied ${applied.join(', ')} to ${describeStore(config.store)}` : `${describeStore(config.store)} is up to date`);
    return 0;
  }
  const handler = commands[`${group} ${command ?? ''}`];
  if (!handler) throw new UsageError(`unknown command: ${positionals.join(' ')}`);

  // Logs go to stderr so stdout carries only the command's output.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
  const service = await openService(config, logger, { background: false, http: false });
  try {
    await handler(service, { ...values, positionals: rest });
    return 0;
  } finally {
    await service.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${HELP}`);
      process.exit(2);
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(error instanceof AppError ? error.publicMessage : error.message);
      process.exit(1);
    }
    console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
