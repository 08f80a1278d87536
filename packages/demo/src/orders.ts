// The demo shop's orders and the checkout token each one was given. One order id keeps
// one token while it is valid (a reload shows the same session: "already completed" once
// paid); an expired one is replaced. Kept in DATA_DIR/demo-orders.json across restarts.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CartLine {
  name: string;
  amount: number;
}

/** Every demo order is this cart. */
export const CART: { lines: CartLine[]; total: number; currency: string; email: string } = {
  lines: [
    { name: 'Single-origin coffee beans, 1 kg', amount: 39 },
    { name: 'Shipping', amount: 10.99 },
  ],
  total: 49.99,
  currency: 'USD',
  email: 'jane@example.com',
};

export const ORDER_ID = /^ord_[A-Za-z0-9_-]{6,40}$/;

export interface OrderToken {
  checkout_token: string;
  expires_at: string;
}

/** A token that expires within this margin is not handed out again (the page needs time to use it). */
const REUSE_MARGIN_MS = 10_000;

export function createOrderBook(options: { dataDir: string; mint: (orderId: string) => Promise<OrderToken>; now?: () => number }) {
  const file = join(options.dataDir, 'demo-orders.json');
  const now = options.now ?? Date.now;
  const tokens = new Map<string, OrderToken>(Object.entries(readTokens(file)));
  const minting = new Map<string, Promise<OrderToken>>();

  function save() {
    for (const [id, token] of tokens) if (Date.parse(token.expires_at) <= now()) tokens.delete(id);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(Object.fromEntries(tokens), null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }

  return {
    /** The order's token: the one it already has while valid, else a newly minted one. */
    tokenFor(orderId: string): Promise<OrderToken> {
      const known = tokens.get(orderId);
      if (known && Date.parse(known.expires_at) - now() > REUSE_MARGIN_MS) return Promise.resolve(known);
      // Concurrent first requests for one order share one mint.
      let pending = minting.get(orderId);
      if (!pending) {
        pending = options
          .mint(orderId)
          .then((token) => {
            tokens.set(orderId, token);
            save();
            return token;
          })
          .finally(() => minting.delete(orderId));
        minting.set(orderId, pending);
      }
      return pending;
    },
  };
}
export type OrderBook = ReturnType<typeof createOrderBook>;

function readTokens(file: string): Record<string, OrderToken> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, OrderToken>;
  } catch {
    return {};
  }
}
