// The cache behind API key rows, current signing keys and sessions: bounded staleness, one read
// per key at a time, and hot entries re-read before they expire (see src/domain/fresh-cache.ts).
import { describe, expect, it } from 'vitest';
import { freshCache } from '../src/domain/fresh-cache.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store whose reads the test answers by hand, and counts. */
function controlledStore() {
  const pending: { key: string; resolve: (v: string | null) => void; reject: (e: Error) => void }[] = [];
  return {
    pending,
    reads: () => pending.length,
    load: (key: string) => new Promise<string | null>((resolve, reject) => pending.push({ key, resolve, reject })),
    answer: (i: number, value: string | null) => pending[i]!.resolve(value),
  };
}

describe('fresh cache', () => {
  it('concurrent misses for one key share one read', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 5000, load: store.load });
    const gets = [cache.get('k'), cache.get('k'), cache.get('k')];
    expect(store.reads()).toBe(1);
    store.answer(0, 'v1');
    expect(await Promise.all(gets)).toEqual(['v1', 'v1', 'v1']);
    expect(await cache.get('k')).toBe('v1');
    expect(store.reads()).toBe(1);
  });

  it('serves from memory within the TTL and reads again once it has passed', async () => {
    let reads = 0;
    const cache = freshCache<string, string>({ max: 10, ttlMs: 300, load: async () => `v${++reads}` });
    expect(await cache.get('k')).toBe('v1');
    expect(await cache.get('k')).toBe('v1');
    await pause(350);
    expect(await cache.get('k')).toBe('v2');
  });

  it('re-reads an entry in use late in its TTL in the background, serving the current value meanwhile', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 1000, load: store.load, refreshAfter: 0.5 });
    const early = cache.get('k');
    store.answer(0, 'early');
    await early;
    await pause(200);
    // Before refreshAfter: no read.
    expect(await cache.get('k')).toBe('early');
    expect(store.reads()).toBe(1);
    cache.delete('k');
    store.pending.length = 0;
    const first = cache.get('k');
    store.answer(0, 'old');
    expect(await first).toBe('old');
    await pause(600);
    // Answered at once although the background read has not been answered.
    expect(await cache.get('k')).toBe('old');
    expect(store.reads()).toBe(2);
    expect(await cache.get('k')).toBe('old');
    expect(store.reads()).toBe(2);
    store.answer(1, 'new');
    await pause(0);
    expect(await cache.get('k')).toBe('new');
  });

  it('never serves a value older than the TTL, even when the background read fails', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 400, load: store.load, refreshAfter: 0.5 });
    const first = cache.get('k');
    store.answer(0, 'v1');
    await first;
    await pause(250);
    expect(await cache.get('k')).toBe('v1');
    store.pending[1]!.reject(new Error('database down'));
    await pause(200);
    const late = cache.get('k');
    expect(store.reads()).toBe(3);
    store.pending[2]!.reject(new Error('database down'));
    await expect(late).rejects.toThrow('database down');
  });

  it('a failed background re-read leaves the entry served until its TTL', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 1000, load: store.load, refreshAfter: 0.5 });
    const first = cache.get('k');
    store.answer(0, 'v1');
    await first;
    await pause(600);
    expect(await cache.get('k')).toBe('v1');
    store.pending[1]!.reject(new Error('database down'));
    await pause(0);
    // Still answered from memory at once (not a get waiting on a read).
    expect(await Promise.race([cache.get('k'), pause(100).then(() => 'waited for a read')])).toBe('v1');
  });

  it('a write through this process wins over a read that began before it', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 5000, load: store.load });
    const reading = cache.get('k');
    cache.set('k', 'written');
    store.answer(0, 'read before the write');
    expect(await reading).toBe('read before the write');
    expect(await cache.get('k')).toBe('written');
    cache.delete('k');
    const after = cache.get('k');
    store.answer(1, 'fresh');
    expect(await after).toBe('fresh');
  });

  it('remembers a missing row only when asked to', async () => {
    let reads = 0;
    const load = async () => {
      reads++;
      return null;
    };
    const remembering = freshCache<string, string>({ max: 10, ttlMs: 5000, load, rememberMissing: true });
    await remembering.get('unknown');
    await remembering.get('unknown');
    expect(reads).toBe(1);
    const forgetting = freshCache<string, string>({ max: 10, ttlMs: 5000, load });
    await forgetting.get('unknown');
    await forgetting.get('unknown');
    expect(reads).toBe(3);
  });

  it('with a TTL of 0 every get reads, and reads are not shared', async () => {
    const store = controlledStore();
    const cache = freshCache<string, string>({ max: 10, ttlMs: 0, load: store.load });
    const gets = [cache.get('k'), cache.get('k')];
    expect(store.reads()).toBe(2);
    store.answer(0, 'a');
    store.answer(1, 'b');
    expect(await Promise.all(gets)).toEqual(['a', 'b']);
  });

  describe('with loadMany', () => {
    /** Runs after the check phase the cache's batch was scheduled in (setImmediate runs in order). */
    const nextTurn = () => new Promise((r) => setImmediate(r));

    /** loadMany whose calls the test answers by hand, and records. */
    function batchStore() {
      const calls: { keys: string[]; resolve: (found: Map<string, string>) => void; reject: (e: Error) => void }[] = [];
      const loadMany = (keys: string[]) => new Promise<Map<string, string>>((resolve, reject) => calls.push({ keys, resolve, reject }));
      return { calls, loadMany };
    }

    it('the misses of one turn of the event loop share one read; a key without a row is null', async () => {
      const store = batchStore();
      const cache = freshCache<string, string>({ max: 10, ttlMs: 5000, loadMany: store.loadMany });
      const gets = [cache.get('a'), cache.get('b'), cache.get('a'), cache.get('c')];
      await nextTurn();
      expect(store.calls.map((c) => c.keys)).toEqual([['a', 'b', 'c']]);
      store.calls[0]!.resolve(new Map([['a', 'A'], ['c', 'C']]));
      expect(await Promise.all(gets)).toEqual(['A', null, 'A', 'C']);
      // Cached now: no further read.
      expect(await cache.get('c')).toBe('C');
      expect(store.calls).toHaveLength(1);
    });

    it('with a TTL of 0 nothing is kept: the gets of each turn are read again, in one call, each key once', async () => {
      const store = batchStore();
      const cache = freshCache<string, string>({ max: 10, ttlMs: 0, loadMany: store.loadMany });
      const first = [cache.get('a'), cache.get('b'), cache.get('a')];
      await nextTurn();
      store.calls[0]!.resolve(new Map([['a', 'A1'], ['b', 'B1']]));
      expect(await Promise.all(first)).toEqual(['A1', 'B1', 'A1']);
      const again = cache.get('a');
      await nextTurn();
      expect(store.calls.map((c) => c.keys)).toEqual([['a', 'b'], ['a']]);
      store.calls[1]!.resolve(new Map([['a', 'A2']]));
      expect(await again).toBe('A2');
    });

    it('a failed read fails every get that waited on it, and the next get reads again', async () => {
      const store = batchStore();
      const cache = freshCache<string, string>({ max: 10, ttlMs: 5000, loadMany: store.loadMany });
      const gets = [cache.get('a'), cache.get('b')].map((p) => p.catch((e: Error) => e.message));
      await nextTurn();
      store.calls[0]!.reject(new Error('database unavailable'));
      expect(await Promise.all(gets)).toEqual(['database unavailable', 'database unavailable']);
      const again = cache.get('a');
      await nextTurn();
      expect(store.calls[1]!.keys).toEqual(['a']);
      store.calls[1]!.resolve(new Map([['a', 'A']]));
      expect(await again).toBe('A');
    });

    it('entries in use late in their TTL are re-read together in the background', async () => {
      const store = batchStore();
      const cache = freshCache<string, string>({ max: 10, ttlMs: 1000, loadMany: store.loadMany, refreshAfter: 0.5 });
      const first = [cache.get('a'), cache.get('b')];
      await nextTurn();
      store.calls[0]!.resolve(new Map([['a', 'A1'], ['b', 'B1']]));
      await Promise.all(first);
      await pause(600);
      // Served at once from memory; both re-reads go out in one call.
      expect([await cache.get('a'), await cache.get('b')]).toEqual(['A1', 'B1']);
      await nextTurn();
      expect(store.calls.map((c) => c.keys)).toEqual([['a', 'b'], ['a', 'b']]);
      store.calls[1]!.resolve(new Map([['a', 'A2']]));
      await nextTurn();
      expect(await cache.get('a')).toBe('A2');
      // b's row is gone: no longer served from memory, so the next get reads it again.
      const b = cache.get('b');
      await nextTurn();
      expect(store.calls[2]!.keys).toEqual(['b']);
      store.calls[2]!.resolve(new Map());
      expect(await b).toBeNull();
    });
  });
});
