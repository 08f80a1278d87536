// The keys written on every token request: session ids (UUIDv7, from the uuid package), session
// nonces (the token's jti), and the pooled random bytes behind the nonces.
import { describe, expect, it, vi } from 'vitest';
import { pooledRandomBytes } from '../src/crypto/random-pool.js';
import { newSessionNonce, timeOrderedId } from '../src/domain/time-ordered-keys.js';

describe('pooled random bytes', () => {
  it('keep their value after the pool is refilled', () => {
    const first = pooledRandomBytes(16);
    const copy = Buffer.from(first);
    // 4096 bytes later the pool has been refilled at least once.
    for (let i = 0; i < 300; i++) pooledRandomBytes(16);
    expect(first.equals(copy)).toBe(true);
  });

  it('are never handed out twice, across refills', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => pooledRandomBytes(16).toString('hex')));
    expect(seen.size).toBe(5000);
  });

  it('look uniformly random (each bit set about half the time)', () => {
    const bytes = Buffer.concat(Array.from({ length: 4000 }, () => pooledRandomBytes(16)));
    let ones = 0;
    for (const byte of bytes) for (let bit = 0; bit < 8; bit++) ones += (byte >> bit) & 1;
    // 512,000 bits: the standard deviation of the count is ~360; 0.49-0.51 is ~28 of them.
    expect(ones / (bytes.length * 8)).toBeGreaterThan(0.49);
    expect(ones / (bytes.length * 8)).toBeLessThan(0.51);
  });

  it('refuse sizes the pool cannot give', () => {
    expect(() => pooledRandomBytes(0)).toThrow(RangeError);
    expect(() => pooledRandomBytes(4097)).toThrow(RangeError);
    expect(pooledRandomBytes(4096)).toHaveLength(4096);
  });
});

describe('session ids', () => {
  it('are UUIDv7: version 7, RFC 9562 variant, and the clock in the first 48 bits', () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T08:00:00.123Z'), toFake: ['Date'] });
    try {
      const id = timeOrderedId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-26T08:00:00.123Z'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('sort by creation time and are distinct', () => {
    const ids: string[] = [];
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    try {
      for (let ms = 0; ms < 50; ms++) {
        vi.setSystemTime(1_000_000 + ms);
        ids.push(timeOrderedId());
      }
    } finally {
      vi.useRealTimers();
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('session nonces', () => {
  it('are the creation time as 12 hex digits, then 128 random bits in base64url', () => {
    const before = Date.now();
    const nonce = newSessionNonce();
    expect(nonce).toMatch(/^[0-9a-f]{12}[A-Za-z0-9_-]{22}$/);
    expect(parseInt(nonce.slice(0, 12), 16)).toBeGreaterThanOrEqual(before);
    expect(Buffer.from(nonce.slice(12), 'base64url')).toHaveLength(16);
  });

  it('are distinct within one millisecond', () => {
    vi.useFakeTimers({ now: 2_000_000, toFake: ['Date'] });
    try {
      const nonces = new Set(Array.from({ length: 1000 }, newSessionNonce));
      expect(nonces.size).toBe(1000);
    } finally {
      vi.useRealTimers();
    }
  });
});
