// The storage layer: the only code that touches Prisma. Repositories return plain objects.
import type { Database } from './database.js';
import { apiKeyRepository } from './repositories/api-keys.js';
import { idempotencyRepository } from './repositories/idempotency.js';
import { payerRepository } from './repositories/payers.js';
import { sessionRepository } from './repositories/sessions.js';
import { signingKeyRepository } from './repositories/signing-keys.js';

export { openDatabase, type Database } from './database.js';
export { isDatabaseUnavailable } from './errors.js';
export { migrate, MigrationError } from './migrate.js';
export { connectRedis } from './redis.js';
export type { IdempotencyRecord } from './repositories/idempotency.js';
export type { ApiKeyForAuth, ApiKeySummary } from './repositories/api-keys.js';
export type { Payer, PayerIdentity } from './repositories/payers.js';
export type { CheckoutSession, NewCheckoutSession, SessionForToken } from './repositories/sessions.js';
export type { StoredSigningKey } from './repositories/signing-keys.js';

export function createRepositories(db: Database) {
  return {
    apiKeys: apiKeyRepository(db.prisma),
    payers: payerRepository(db.prisma),
    signingKeys: signingKeyRepository(db.prisma),
    sessions: sessionRepository(db),
    idempotency: idempotencyRepository(db.prisma),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
