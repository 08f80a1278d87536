// The composition root: config → master key → migrated database → repositories →
// services → Express app. main.ts, the CLI and the tests all start here.
import { createApp } from './app.js';
import { type Config, describeStore } from './config.js';
import { createKeyring, loadMasterKey } from './crypto/keyring.js';
import { createServices, type Services } from './domain/index.js';
import { loadSpec, type LoadedSpec } from './http/spec.js';
import type { Logger } from './logger.js';
import { createRepositories, type Database, migrate, openDatabase, type Repositories } from './storage/index.js';

export interface Service {
  config: Config;
  db: Database;
  repos: Repositories;
  services: Services;
  spec: LoadedSpec;
  createApp(): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function openService(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<Service> {
  const master = loadMasterKey(config.masterKey, config.dataDir);
  if (master.source.kind === 'development-file') {
    const action = master.source.created ? 'generated a development master key at' : 'using the development master key at';
    logger.warn(
      { masterKeyFile: master.source.path },
      `MASTER_KEY is not set: ${action} ${master.source.path}. Set MASTER_KEY (32 random bytes, base64) outside development.`,
    );
  }
  const keyring = createKeyring(master.key);
  if (options.migrate !== false) {
    const applied = await migrate(config.store);
    if (applied.length > 0) logger.info({ applied, store: describeStore(config.store) }, 'applied database migrations');
  }
  const db = await openDatabase(config.store);
  const repos = createRepositories(db);
  const services = createServices({ repos, keyring, token: config.token });
  const spec = loadSpec();
  return {
    config,
    db,
    repos,
    services,
    spec,
    createApp: () =>
      createApp({ spec, services, db, logger, validateResponses: config.validateResponses, allowedOrigins: config.allowedOrigins }),
    close: () => db.close(),
  };
}
