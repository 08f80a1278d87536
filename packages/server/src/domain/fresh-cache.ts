// A TTL cache for rows that another process may change, read on the hot paths (API key rows,
// current signing keys, sessions): lru-cache with a `fetchMethod`. A plain LRU + TTL let every
// entry in use expire at once and be re-read by each request that met it (a burst of identical
// queries under load, and p99 spikes in the benchmark). So concurrent misses for one key share
// one read (lru-cache's fetch), and an entry still in use late in its TTL (after 80 % by default)
// is re-read in the background while it is served (a forced fetch that serves the current value).
// A value is never served more than ttlMs after it was read, so the documented delay
// (CACHE_TTL_SECONDS) holds. ttlMs 0: no caching, every get reads.
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

  // Boxed, so that "no row" (null) can be an entry.
  const entries = new LRUCache<K, { value: V | null }>({
    max: options.max,
    ttl: ttlMs,
    fetchMethod: async (key) => ({ value: await loadOne(key) }),
    // A set or delete through this process aborts a read in flight for its key: the read still
    // answers the gets that waited on it, but its (older) result is not kept.
    ignoreFetchAbort: true,
    // A failed background re-read leaves the entry to expire; a failed first read leaves nothing,
    // and its error goes to the gets that waited on it.
    noDeleteOnFetchRejection: true,
  });
  return {
    async get(key) {
      // Within its TTL (also while it is being re-read); past it, or absent, the get waits for a read.
      const entry = entries.get(key);
      if (entry && (entry.value !== null || options.rememberMissing)) {
        if (entries.getRemainingTTL(key) < refreshWhenRemainingMs) {
          // Served at once; a re-read already in flight is not started twice.
          entries.fetch(key, { forceRefresh: true, allowStale: true }).catch(() => undefined);
        }
        return entry.value;
      }
      // A row found missing is not served from memory unless asked to be: read again.
      if (entry) entries.delete(key);
      const read = await entries.fetch(key);
      return read ? read.value : null;
    },
    set(key, value) {
      entries.set(key, { value });
    },
    delete(key) {
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
