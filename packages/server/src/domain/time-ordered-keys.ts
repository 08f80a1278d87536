// Keys of the rows written on every request (checkout sessions, idempotency records) sort by
// creation time. SQLite and PostgreSQL keep keys in B-tree indexes; random keys (UUIDv4, a bare
// random nonce) send every insert to a random leaf page, so each group commit dirtied a page per
// row per index and checkpoints rewrote them all. Time-ordered keys append next to each other
// (`pnpm bench:writes` measures both; packages/bench/README.md has the numbers).
import { v7 } from 'uuid';
import { pooledRandomBytes } from '../crypto/random-pool.js';

/** A primary key: a UUIDv7 (RFC 9562), the clock's ms in its first 48 bits. */
export function timeOrderedId(): string {
  return v7();
}

/**
 * The session's nonce, which is the token's `jti`: the creation time in ms as 12 hex digits (so it
 * sorts as text on both stores), then 128 random bits, base64url. The time it shows is also in the
 * token's `iat`; the random part is what makes it unguessable.
 */
export function newSessionNonce(): string {
  return Date.now().toString(16).padStart(12, '0') + pooledRandomBytes(16).toString('base64url');
}
