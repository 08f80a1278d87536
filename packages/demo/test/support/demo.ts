// The real demo (API server + shop) in-process, on free ports, in a test environment of its own
// (a temp DATA_DIR and master key, from @checkout/test-support): never the developer's ./data.
import { createHmac, randomBytes } from 'node:crypto';
import { testEnvironment } from '@checkout/test-support';
import { type Demo, startDemo } from '../../src/demo.js';

export interface TestDemo extends Demo {
  /** Where a new order's checkout page lives. */
  newOrderUrl(): string;
}

/** `env` overrides the defaults; a DATA_DIR given there is the caller's to remove. */
export async function startTestDemo(env: Record<string, string> = {}): Promise<TestDemo> {
  const environment = testEnvironment({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', OPENAPI_VALIDATE_RESPONSES: 'true', ...env });
  let demo: Demo;
  try {
    demo = await startDemo({ env: environment.env, merchantPort: 0 });
  } catch (error) {
    environment.cleanup();
    throw error;
  }
  return {
    ...demo,
    newOrderUrl: () => `${demo.merchantUrl}/orders/ord_${randomBytes(6).toString('hex')}`,
    async close() {
      await demo.close();
      environment.cleanup();
    },
  };
}

/** A copy of a real checkout token with its claims changed, signed with the merchant's real key. */
export function resignToken(token: string, secret: Uint8Array, changes: Record<string, unknown>): string {
  const [header, payload] = token.split('.') as [string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...changes };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** What the shop's backend hands its page for this order (the same token while it is valid). */
export async function orderToken(demo: Demo, orderUrl: string): Promise<{ checkout_token: string; expires_at: string; api_base_url: string }> {
  const response = await fetch(`${orderUrl}/checkout-token`, { method: 'POST' });
  if (!response.ok) throw new Error(`the shop answered ${response.status}`);
  return (await response.json()) as { checkout_token: string; expires_at: string; api_base_url: string };
}
