// Rate limits (rate-limiter-flexible): per API key on token creation, per checkout token on
// SDK calls, and per client address on failed authentication (a brute-force guard). In memory
// by default; shared by every instance through Redis when one is configured. If Redis fails,
// each instance falls back to its own in-memory limiter rather than failing requests.
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors.js';

export interface RateLimitSettings {
  /** Token creations per API key per minute; 0 disables. */
  tokensPerMinute: number;
  /** SDK calls per checkout token per minute; 0 disables. */
  sdkCallsPerMinute: number;
  /** Failed authentications per client address per window; 0 disables. */
  authFailures: number;
  authFailureWindowSeconds: number;
}

export interface Quota {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export function quotaHeaders(quota: Quota | undefined): Record<string, string> {
  if (!quota) return {};
  return {
    'RateLimit-Limit': String(quota.limit),
    'RateLimit-Remaining': String(quota.remaining),
    'RateLimit-Reset': String(quota.resetSeconds),
  };
}

export class RateLimited extends AppError {
  override name = 'RateLimited';
  constructor(quota: Quota, message = 'Too many requests, retry later') {
    super(429, message, { headers: { 'Retry-After': String(Math.max(1, quota.resetSeconds)), ...quotaHeaders(quota) }, code: 'rate_limited' });
  }
}

function toQuota(limit: number, res: RateLimiterRes): Quota {
  return { limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
}

export function createRateLimits(settings: RateLimitSettings, redis?: { client: Redis; keyPrefix: string }) {
  function limiter(name: string, points: number, duration: number, blockDuration = 0): RateLimiterAbstract | undefined {
    if (points <= 0) return undefined;
    const options = { keyPrefix: `${redis?.keyPrefix ?? 'checkout'}:${name}`, points, duration, blockDuration };
    const memory = new RateLimiterMemory(options);
    if (!redis) return memory;
    return new RateLimiterRedis({ ...options, storeClient: redis.client, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }

  const tokens = limiter('tokens', settings.tokensPerMinute, 60);
  const sdk = limiter('sdk', settings.sdkCallsPerMinute, 60);
  const failures = limiter('authfail', settings.authFailures, settings.authFailureWindowSeconds, settings.authFailureWindowSeconds);

  async function consume(l: RateLimiterAbstract | undefined, limit: number, key: string): Promise<Quota | undefined> {
    if (!l) return undefined;
    try {
      return toQuota(limit, await l.consume(key));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimited(toQuota(limit, rejection));
      throw rejection;
    }
  }

  return {
    /** One token creation by this API key; throws RateLimited when its minute is used up. */
    tokenCreation: (apiKeyId: string) => consume(tokens, settings.tokensPerMinute, apiKeyId),

    /** One SDK call with this checkout token (by its nonce). */
    sdkCall: (tokenId: string) => consume(sdk, settings.sdkCallsPerMinute, tokenId),

    /** Refuses a client address that failed authentication too often (before any credential is checked). */
    async assertNotBlocked(address: string): Promise<void> {
      if (!failures) return;
      const state = await failures.get(address);
      if (state && state.consumedPoints >= settings.authFailures) {
        throw new RateLimited(toQuota(settings.authFailures, state), 'Too many failed authentication attempts, retry later');
      }
    },

    async recordAuthFailure(address: string): Promise<void> {
      if (!failures) return;
      // Reaching the limit blocks the address for the window; the attempt itself still answers 401.
      await failures.consume(address).catch((rejection) => {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
      });
    },
  };
}
export type RateLimits = ReturnType<typeof createRateLimits>;
