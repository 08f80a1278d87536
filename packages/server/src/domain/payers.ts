// Payers are resolved by identity on every token request. A payer row never changes or
// disappears, so the identity → payer mapping can be remembered without expiry (bounded).
import { LRUCache } from 'lru-cache';
import type { Payer, PayerIdentity, Repositories } from '../storage/index.js';

const identityKey = (identity: PayerIdentity) =>
  identity.kind === 'email' ? `e:${identity.email}` : `p:${identity.phoneCountryCode}:${identity.phone}`;

export function createPayerResolver(deps: { payers: Repositories['payers']; cacheSize?: number }) {
  const known = new LRUCache<string, Payer>({ max: deps.cacheSize ?? 10_000 });
  return async function resolvePayer(identity: PayerIdentity): Promise<Payer> {
    const key = identityKey(identity);
    const cached = known.get(key);
    if (cached) return cached;
    const payer = await deps.payers.findOrCreate(identity);
    known.set(key, payer);
    return payer;
  };
}
export type ResolvePayer = ReturnType<typeof createPayerResolver>;
