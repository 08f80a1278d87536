// Type tests, checked by `tsc` (the typecheck task): the client only accepts what the spec allows.
import { createCheckoutClient, errorCodeOf, isErrorEnvelope, isValidationError } from '../src/index.js';

const client = createCheckoutClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'k', apiSecret: 's' });

export async function typeTests() {
  // A valid request compiles, and the 200 data is typed.
  const { data, error } = await client.createDeveloperToken({ amount: 10, email: 'jane@example.com' });
  if (data) {
    const token: string | undefined = data.data?.checkout_token;
    const when: number | null = data.queryGeneratedTime;
    void token;
    void when;
  }
  if (error) {
    // The error is the union of the documented error bodies (envelope or 422 list).
    if ('detail' in error) {
      const first = error.detail[0];
      void first?.loc;
    } else {
      const message: string = error.message;
      void message;
    }
  }

  // The guards narrow the error union: a 422 list on one side, the envelope on the other.
  const minted = await client.createDeveloperToken({ amount: 10, email: 'jane@example.com' }, { idempotencyKey: 'order-1', signal: AbortSignal.timeout(1000) });
  if (isValidationError(minted.error)) {
    const loc: (string | number)[] = minted.error.detail[0]!.loc;
    void loc;
  } else if (minted.error) {
    const message: string = minted.error.message;
    const code: string | undefined = errorCodeOf(minted.error);
    void message;
    void code;
  }
  if (isErrorEnvelope(minted.error)) {
    const code: string | undefined = minted.error.error_code;
    void code;
  }

  // @ts-expect-error amount is required
  await client.createDeveloperToken({ email: 'jane@example.com' });
  // @ts-expect-error amount must be a number
  await client.createDeveloperToken({ amount: '10' });
  // @ts-expect-error unknown fields are not part of the contract
  await client.createDeveloperToken({ amount: 10, colour: 'red' });
  // @ts-expect-error paths outside the spec do not exist
  await client.raw.GET('/api/not-in-the-spec');
}

export async function sdkTypeTests() {
  const browser = createCheckoutClient({ baseUrl: 'https://api.example.com' });
  const { data } = await browser.getSession('token');
  if (data?.data) {
    const status: 'open' | 'completed' | 'expired' = data.data.status;
    const amount: number = data.data.amount;
    const masked: string | null = data.data.payer.email;
    void status;
    void amount;
    void masked;
  }
  const confirmed = await browser.confirm('token');
  if (confirmed.error) {
    // 401 and 409 share the error envelope.
    const message: string = confirmed.error.message;
    void message;
  }
  // @ts-expect-error a token is required
  await browser.getSession();
}
