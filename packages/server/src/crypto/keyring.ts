// The master key and the sub-keys derived from it (HKDF-SHA256). The master key
// never leaves this module: callers get an encryption key for signing secrets
// and a hashing key for API secrets, each with a stable, non-secret id.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeKey } from '../config.js';

export interface DerivedKeys {
  /** Non-secret fingerprint of the master key; stored next to what it protects. */
  id: string;
  /** AES-256-GCM key for signing secrets at rest. */
  encryptionKey: Buffer;
  /** HMAC-SHA256 key for API secret hashes. */
  hashKey: Buffer;
}

export interface Keyring {
  current: DerivedKeys;
  /** Keys that may still be needed to read old data (current first). */
  byId(id: string): DerivedKeys | undefined;
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

export function deriveKeys(master: Buffer): DerivedKeys {
  return {
    id: `mk_${createHmac('sha256', master).update('checkout/master-key-id/v1').digest('base64url').slice(0, 16)}`,
    encryptionKey: derive(master, 'checkout/signing-key-encryption/v1'),
    hashKey: derive(master, 'checkout/api-secret-hash/v1'),
  };
}

export function createKeyring(current: Buffer, previous: Buffer[] = []): Keyring {
  const all = [current, ...previous].map(deriveKeys);
  const byId = new Map(all.map((k) => [k.id, k]));
  return { current: all[0] as DerivedKeys, byId: (id) => byId.get(id) };
}

export type MasterKeySource =
  | { kind: 'environment' }
  | { kind: 'development-file'; path: string; created: boolean };

/**
 * Uses MASTER_KEY when set. Otherwise keeps a development key in DATA_DIR/master.key
 * (created on first start, mode 0600), so a local database stays readable across restarts.
 */
export function loadMasterKey(
  masterKey: string | undefined,
  dataDir: string,
): { key: Buffer; source: MasterKeySource } {
  if (masterKey !== undefined) {
    const key = decodeKey(masterKey);
    if (!key) throw new Error('MASTER_KEY must be 32 bytes, base64- or hex-encoded');
    return { key, source: { kind: 'environment' } };
  }
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) {
    const key = decodeKey(readFileSync(path, 'utf8').trim());
    if (!key) throw new Error(`${path} does not hold a 32-byte base64 key; delete it only if no data depends on it`);
    return { key, source: { kind: 'development-file', path, created: false } };
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(undefined, dataDir);
    throw error;
  }
  return { key, source: { kind: 'development-file', path, created: true } };
}
