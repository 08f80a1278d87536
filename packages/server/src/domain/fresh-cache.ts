// A TTL cache for rows that another process may change, read on the hot paths (API key rows,
// current signing keys, sessions). Plain LRU + TTL let every entry in use expire at once and be
// re-read by each request that met it: in the benchmark, a session or API key expiring under 50
// concurrent requests made a burst of identical queries and the p99 spikes. So here concurrent
// misses for one key share one read, and an entry still in use late in its TTL (after 80 % by
// default; earlier costs more reads: a session read through Prisma is ~1 ms of CPU on SQLite) is
// re-read in the background while it is served. A value is never served more than ttlMs after it was read,
// so the documented delay (CACHE_TTL_SECONDS) is unchanged. ttlMs 0: no caching, every get reads.
import { LRUCache } from 'lru-cache';

export interface FreshCache<K, V> {
  get(key: K): Promise<V | null>;
  /** A value written through this process: newer than any read in flight, which will not replace it. */
  set(key: K, value: V): void;
  delete(key: K): void;
}

/** How the cache reads: one key a call, or (loadMany) the keys one turn of the event loop asks for. */
export type Loader<K, V> =
  | { load: (key: K) => Promise<V | null>; loadMany?: never }
  | {
      load?: never;
      /**
       * Reads several keys in one call (a key without a row is absent from the result). The reads
       * one turn of the event loop asks for — misses and background re-reads alike — share one
       * call: entries cached together come due together, and on SQLite each separate read blocked
       * the event loop for its whole fixed cost.
       */
      loadMany: (keys: K[]) => Promise<Map<K, V>>;
    };

export function freshCache<K extends NonNullable<unknown>, V>(
  options: {
    max: number;
    ttlMs: number;
    /** Remember that a key has no row (so a flood of unknown keys is not a flood of queries). */
    rememberMissing?: boolean;
    /** Fraction of the TTL after which a read entry is re-read in the background (default 0.8). */
    refreshAfter?: number;
  } & Loader<K, V>,
): FreshCache<K, V> {
  const { ttlMs } = options;
  const refreshWhenRemainingMs = ttlMs * (1 - (options.refreshAfter ?? 0.8));
  const loadOne = options.loadMany ? batchedLoader(options.loadMany) : options.load;
  if (ttlMs <= 0) return { get: loadOne, set() {}, delete() {} };

  const entries = new LRUCache<K, { value: V | null }>({ max: options.max, ttl: ttlMs });
  const inFlight = new Map<K, Promise<V | null>>();
  // Bumped by every set/delete: a read that began before a write through this process does not
  // store its (older) result, even for a key it was missing. Global, so nothing grows per key.
  let writes = 0;

  function read(key: K): Promise<V | null> {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const before = entries.peek(key);
    const writesBefore = writes;
    const reading = loadOne(key)
      .then((value) => {
        // Only over what was there when the read began: a write meanwhile is newer than this read.
        if (writes === writesBefore && entries.peek(key) === before) {
          if (value !== null || options.rememberMissing) entries.set(key, { value });
          else entries.delete(key);
        }
        return value;
      })
      .finally(() => {
        if (inFlight.get(key) === reading) inFlight.delete(key);
      });
    inFlight.set(key, reading);
    return reading;
  }

  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return read(key);
      // A failed background read leaves the entry to expire; the next miss reports the error.
      if (entries.getRemainingTTL(key) < refreshWhenRemainingMs && !inFlight.has(key)) read(key).catch(() => undefined);
      return entry.value;
    },
    set(key, value) {
      writes++;
      inFlight.delete(key);
      entries.set(key, { value });
    },
    delete(key) {
      writes++;
      inFlight.delete(key);
      entries.delete(key);
    },
  };
}

/** Gathers the keys asked for until the event loop's next check phase, then reads them together. */
function batchedLoader<K, V>(loadMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | null> {
  type Waiting = { key: K; resolve: (value: V | null) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  const flush = () => {
    const taken = waiting;
    waiting = [];
    // Without caching (TTL 0) nothing else shares a key's reads: ask for each key once.
    loadMany([...new Set(taken.map((w) => w.key))]).then(
      (found) => {
        for (const w of taken) w.resolve(found.get(w.key) ?? null);
      },
      (error: unknown) => {
        for (const w of taken) w.reject(error);
      },
    );
  };
  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
