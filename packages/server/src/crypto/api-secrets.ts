// API secrets are 256-bit random strings, so a keyed hash (HMAC-SHA256) is the
// right storage: a slow password KDF would add latency without adding safety.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'sk_';

export function generateApiKeyId(): string {
  return randomUUID();
}

export function generateApiSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiSecret(hashKey: Buffer, secret: string): string {
  return createHmac('sha256', hashKey).update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function secretMatches(hashKey: Buffer, presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashApiSecret(hashKey, presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
