// Random bytes for the session nonce written on every token request. crypto.randomBytes(16) is
// one call into OpenSSL per nonce, which showed in issuance profiles; a pool refilled 4 KiB at a
// time is one call per 256 (Node's own randomUUID draws from a cached pool for the same reason).
// Same CSPRNG, each byte handed out once; every caller gets a copy, so a refill never changes a
// returned buffer.
// Cluster workers are separate processes (spawned, not forked), so no two share a pool.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let offset = POOL_BYTES;

/** `size` (≤ 4096) cryptographically random bytes, in a new buffer. */
export function pooledRandomBytes(size: number): Buffer {
  if (!Number.isInteger(size) || size < 1 || size > POOL_BYTES) throw new RangeError(`size must be 1-${POOL_BYTES}, not ${size}`);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.allocUnsafe(size);
  pool.copy(bytes, 0, offset, offset + size);
  offset += size;
  return bytes;
}
