// Idempotency-Key on token creation: a retried request gets the first one's result
// instead of a second token. Only successful results are remembered (a failed request
// gives its key back), they live 24 h, and the stored result is encrypted because it
// holds a live checkout token.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { decrypt, encrypt } from '../crypto/encryption.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Repositories } from '../storage/index.js';
import { AppError } from './errors.js';
import { timeOrderedId } from './time-ordered-keys.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** How a use case's result is kept while its key lives: as text, and read back by a typed decoder. */
export interface ResultCodec<T> {
  encode(result: T): string;
  /** Throws when the text is not a stored result of this kind. */
  decode(text: string): T;
}

/** The status column of a remembered result: only successes are remembered. */
const COMPLETED_STATUS = 200;

export class IdempotencyConflict extends AppError {
  override name = 'IdempotencyConflict';
  constructor(reason: 'different-body' | 'in-progress') {
    super(
      409,
      reason === 'different-body'
        ? 'Idempotency-Key was already used with a different request body'
        : 'A request with this Idempotency-Key is still in progress; retry later',
      reason === 'in-progress' ? { headers: { 'Retry-After': '1' }, code: 'idempotency_in_progress' } : { code: 'idempotency_conflict' },
    );
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The body as sent, with object keys sorted: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(body ?? null))).digest('hex');
}

const aad = (id: string) => `idempotency:${id}`;

export function createIdempotency(deps: {
  records: Repositories['idempotency'];
  keyring: Keyring;
  now: () => Date;
  /** How long a request waits for an earlier one with the same key. */
  waitMs?: number;
  /** After this, an in-progress record is presumed abandoned (its process died) and may be taken over. */
  staleAfterMs?: number;
}) {
  const waitMs = deps.waitMs ?? 10_000;
  const staleAfterMs = deps.staleAfterMs ?? 60_000;

  async function execute<T>(id: string, codec: ResultCodec<T>, run: () => Promise<T>): Promise<{ result: T; replayed: false }> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await deps.records.release(id).catch(() => {});
      throw error;
    }
    const { current } = deps.keyring;
    await deps.records.complete(id, {
      status: COMPLETED_STATUS,
      sealedBody: encrypt(current.encryptionKey, Buffer.from(codec.encode(result)), aad(id)),
      masterKeyId: current.id,
    });
    return { result, replayed: false };
  }

  return {
    /**
     * Runs `run` once per (API key, Idempotency-Key): a repeat with the same fingerprint gets the
     * first result back (`replayed`), one with another fingerprint an IdempotencyConflict.
     */
    async run<T>(apiKeyId: string, key: string, fingerprint: string, codec: ResultCodec<T>, run: () => Promise<T>): Promise<{ result: T; replayed: boolean }> {
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        const now = deps.now();
        const id = timeOrderedId();
        const claim = await deps.records.claim({ id, apiKeyId, key, fingerprint, now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) });
        if (claim.claimed) return execute(id, codec, run);
        const existing = claim.existing;
        if (!existing) continue; // released between our insert and our read: try again
        if (existing.expiresAt <= now) {
          await deps.records.deleteIfExpired(existing.id, now);
          continue;
        }
        if (existing.fingerprint !== fingerprint) throw new IdempotencyConflict('different-body');
        if (existing.state === 'completed' && existing.responseBody && existing.masterKeyId) {
          const keys = deps.keyring.byId(existing.masterKeyId);
          if (!keys) throw new Error(`idempotency record ${existing.id} is sealed under master key ${existing.masterKeyId}, which is not configured`);
          return { result: codec.decode(decrypt(keys.encryptionKey, existing.responseBody, aad(existing.id)).toString('utf8')), replayed: true };
        }
        if (await deps.records.takeOver(existing.id, new Date(now.getTime() - staleAfterMs), now)) return execute(existing.id, codec, run);
        if (Date.now() - started >= waitMs) throw new IdempotencyConflict('in-progress');
        await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 400));
      }
    },

    /** Re-encrypts remembered responses under the current master key (master-key rotation). */
    async resealAll(): Promise<number> {
      const { current } = deps.keyring;
      let count = 0;
      for (const record of await deps.records.listSealed(current.id)) {
        const keys = deps.keyring.byId(record.masterKeyId);
        if (!keys) continue; // sealed under a key no longer configured: unreadable, expires within 24 h
        const plain = decrypt(keys.encryptionKey, record.responseBody, aad(record.id));
        if (await deps.records.reseal(record.id, record.masterKeyId, encrypt(current.encryptionKey, plain, aad(record.id)), current.id)) count++;
      }
      return count;
    },

    /** Drops records older than 24 h; returns how many. */
    pruneExpired(): Promise<number> {
      return deps.records.deleteExpired(deps.now());
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
