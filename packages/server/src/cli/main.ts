// Key management and database commands: `pnpm cli --help`.
// Same configuration as the server (DATABASE_URL, DATA_DIR, MASTER_KEY).
// Exit codes: 0 done, 1 failed (e.g. no such key), 2 usage error.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, describeStore, loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { createLogger } from '../logger.js';
import { openService } from '../service.js';
import { migrate } from '../storage/index.js';

const HELP = `Usage: pnpm cli <command> [options]

Commands:
  keys create --name NAME [--initiator ID] [--json]
      Create an API key and print its secret once. Without --initiator, a new
      initiator (merchant) named NAME is created with it. --json prints one line:
      {"api_key":"…","api_secret":"…","initiator_id":"…"}
  keys list [--json]
      List API keys (never their secrets).
  keys revoke API_KEY
      Revoke a key at once; requests with it answer 401.
  db migrate
      Apply pending database migrations (the server also does this on start).

Environment: DATABASE_URL (unset: SQLite under DATA_DIR, default ./data),
MASTER_KEY, DATA_DIR. Use \`pnpm -s cli …\` to keep pnpm's banner out of the output.`;

class UsageError extends Error {}

function print(line: string) {
  process.stdout.write(`${line}\n`);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      initiator: { type: 'string' },
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
  // Logs go to stderr so stdout carries only the command's output.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));

  if (group === 'db' && command === 'migrate') {
    const applied = await migrate(config.store);
    print(applied.length ? `applied ${applied.join(', ')} to ${describeStore(config.store)}` : `${describeStore(config.store)} is up to date`);
    return 0;
  }
  if (group !== 'keys' || !command) throw new UsageError(`unknown command: ${positionals.join(' ')}`);

  const service = await openService(config, logger);
  try {
    const keys = service.services.apiKeys;
    switch (command) {
      case 'create': {
        if (!values.name) throw new UsageError('keys create needs --name NAME');
        const created = await keys.create({ name: values.name, ...(values.initiator ? { initiatorId: values.initiator } : {}) });
        if (values.json) {
          print(JSON.stringify(created));
        } else {
          print(`API key:      ${created.api_key}`);
          print(`API secret:   ${created.api_secret}`);
          print(`Initiator:    ${created.initiator_id}`);
          print('The secret is shown only now; store it securely.');
        }
        return 0;
      }
      case 'list': {
        const list = await keys.list();
        if (values.json) {
          print(JSON.stringify(list.map((k) => ({ api_key: k.id, name: k.name, initiator_id: k.initiatorId, initiator_name: k.initiatorName, created_at: k.createdAt.toISOString(), revoked_at: k.revokedAt?.toISOString() ?? null }))));
        } else if (list.length === 0) {
          print('no API keys yet: pnpm cli keys create --name NAME');
        } else {
          for (const k of list) {
            print(`${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.createdAt.toISOString()}  ${k.name}  (initiator ${k.initiatorId})`);
          }
        }
        return 0;
      }
      case 'revoke': {
        const apiKey = rest[0];
        if (!apiKey) throw new UsageError('keys revoke needs API_KEY');
        await keys.revoke(apiKey);
        print(`revoked ${apiKey}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command: keys ${command}`);
    }
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
