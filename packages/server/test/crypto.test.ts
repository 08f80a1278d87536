// The crypto module: hashed API secrets, AES-256-GCM bound to its row, derived keys, the dev master key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApiSecret, hashApiSecret, secretMatches } from '../src/crypto/api-secrets.js';
import { decrypt, encrypt } from '../src/crypto/encryption.js';
import { createKeyring, deriveKeys, loadMasterKey } from '../src/crypto/keyring.js';

describe('API secrets', () => {
  it('are 256-bit random and distinct', () => {
    const secrets = new Set(Array.from({ length: 100 }, generateApiSecret));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(Buffer.from(s.slice(3), 'base64url')).toHaveLength(32);
  });

  it('match only their own keyed hash', () => {
    const key = randomBytes(32);
    const secret = generateApiSecret();
    const hash = hashApiSecret(key, secret);
    expect(secretMatches(key, secret, hash)).toBe(true);
    expect(secretMatches(key, `${secret}x`, hash)).toBe(false);
    expect(secretMatches(randomBytes(32), secret, hash)).toBe(false);
    expect(secretMatches(key, secret, 'not-hex')).toBe(false);
  });
});

describe('encryption at rest', () => {
  const key = randomBytes(32);
  const plaintext = randomBytes(32);

  it('round-trips with the same associated data', () => {
    expect(decrypt(key, encrypt(key, plaintext, 'row-1'), 'row-1')).toEqual(plaintext);
  });

  it('fails to open under other associated data (a ciphertext moved to another row)', () => {
    expect(() => decrypt(key, encrypt(key, plaintext, 'row-1'), 'row-2')).toThrow();
  });

  it('fails to open under another key, or when tampered', () => {
    const sealed = encrypt(key, plaintext, 'row-1');
    expect(() => decrypt(randomBytes(32), sealed, 'row-1')).toThrow();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20]! ^= 1;
    expect(() => decrypt(key, bytes.toString('base64url'), 'row-1')).toThrow();
  });

  it('uses a fresh IV each time', () => {
    expect(encrypt(key, plaintext, 'a')).not.toBe(encrypt(key, plaintext, 'a'));
  });
});

describe('keyring', () => {
  it('derives distinct, stable sub-keys and a non-secret id', () => {
    const master = randomBytes(32);
    const a = deriveKeys(master);
    const b = deriveKeys(master);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^mk_[A-Za-z0-9_-]{16}$/);
    expect(a.encryptionKey.equals(a.hashKey)).toBe(false);
    expect(a.encryptionKey.equals(master)).toBe(false);
    expect(a.id).not.toContain(master.toString('base64url').slice(0, 8));
  });

  it('finds previous master keys by id', () => {
    const current = randomBytes(32);
    const old = randomBytes(32);
    const ring = createKeyring(current, [old]);
    expect(ring.byId(deriveKeys(old).id)?.hashKey.equals(deriveKeys(old).hashKey)).toBe(true);
    expect(ring.byId('mk_unknown')).toBeUndefined();
  });

  it('creates a development master key once, mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyring-'));
    const first = loadMasterKey(undefined, dir);
    expect(first.source).toMatchObject({ kind: 'development-file', created: true });
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = loadMasterKey(undefined, dir);
    expect(second.source).toMatchObject({ kind: 'development-file', created: false });
    expect(second.key.equals(first.key)).toBe(true);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('prefers MASTER_KEY from the environment', () => {
    const key = randomBytes(32);
    const loaded = loadMasterKey(key.toString('base64'), mkdtempSync(join(tmpdir(), 'keyring-')));
    expect(loaded.source.kind).toBe('environment');
    expect(loaded.key.equals(key)).toBe(true);
  });
});
