// Forging tokens for attack tests: real keys where the attack needs them.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';

export interface Claims {
  [claim: string]: unknown;
}

/** Signs arbitrary header/claims with HS256 and the given secret. */
export function signHs256(claims: Claims, secret: Uint8Array, header: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...header }).sign(secret);
}

/** A copy of a real token with some claims replaced, re-signed with `secret`. */
export async function resign(token: string, secret: Uint8Array, changes: Claims, headerChanges: Record<string, unknown> = {}) {
  const header = { ...decodeProtectedHeader(token), ...headerChanges };
  return signHs256({ ...decodeJwt(token), ...changes }, secret, header);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `alg: none` with an empty signature. */
export function unsigned(token: string): string {
  return `${b64({ ...decodeProtectedHeader(token), alg: 'none' })}.${token.split('.')[1]}.`;
}

/** RS256 signed with an attacker's key pair (the server must refuse the algorithm). */
export async function rs256(token: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new SignJWT(decodeJwt(token)).setProtectedHeader({ ...decodeProtectedHeader(token), alg: 'RS256' }).sign(privateKey);
}

/** HS512 with the right secret: still refused, the algorithm is pinned. */
export function hs512(token: string, secret: Uint8Array): string {
  const head = b64({ ...decodeProtectedHeader(token), alg: 'HS512' });
  const body = token.split('.')[1];
  const signature = createHmac('sha512', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
