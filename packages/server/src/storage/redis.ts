// The Redis connection for shared rate limits. Commands fail fast while it is down
// (no offline queue), so limits fall back to memory instead of stalling requests.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/** Connects and waits (up to `waitMs`) until Redis is ready; a Redis that is down does not stop start-up. */
export async function connectRedis(url: string, onError: (error: Error) => void, waitMs = 2000): Promise<Redis> {
  // Loaded only when REDIS_URL is set (it costs ~45 ms of start-up and a few MB).
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
  });
  redis.on('error', onError);
  if (redis.status !== 'ready') {
    const ac = new AbortController();
    await Promise.race([once(redis, 'ready', { signal: ac.signal }).catch(() => {}), sleep(waitMs, undefined, { signal: ac.signal }).catch(() => {})]);
    ac.abort();
  }
  return redis;
}
