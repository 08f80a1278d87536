// jose is patched (patches/jose@6.2.18.patch) to compute HMAC (HS256/384/512) with node:crypto on
// the calling thread instead of crypto.subtle, whose every call is a job on libuv's thread pool:
// signing a token that way was ~15 % of an issuance's CPU. These check that the patched path is the
// one taken, that its signatures are exactly WebCrypto's, and that jose's key checks still apply.
import { webcrypto } from 'node:crypto';
import { CompactSign, compactVerify, errors, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';

const { subtle } = webcrypto;
const text = new TextEncoder();

afterEach(() => {
  vi.restoreAllMocks();
});

async function hmacKey(hash: 'SHA-256' | 'SHA-384' | 'SHA-512', usages: webcrypto.KeyUsage[] = ['sign', 'verify']) {
  return subtle.importKey('raw', webcrypto.getRandomValues(new Uint8Array(64)), { name: 'HMAC', hash }, false, usages);
}

/** The JWS's signing input and signature bytes, to check with WebCrypto directly. */
function partsOf(jws: string) {
  const [header, payload, signature] = jws.split('.');
  return { input: text.encode(`${header}.${payload}`), signature: Buffer.from(signature!, 'base64url') };
}

describe('jose signs and verifies HMAC without WebCrypto', () => {
  for (const [alg, hash] of [
    ['HS256', 'SHA-256'],
    ['HS384', 'SHA-384'],
    ['HS512', 'SHA-512'],
  ] as const) {
    it(`${alg}: signs on the calling thread, and WebCrypto accepts the signature`, async () => {
      const key = await hmacKey(hash);
      const sign = vi.spyOn(subtle, 'sign');
      const jws = await new CompactSign(text.encode('{"jti":"n-1"}')).setProtectedHeader({ alg }).sign(key);
      expect(sign).not.toHaveBeenCalled();
      sign.mockRestore();
      const { input, signature } = partsOf(jws);
      expect(await subtle.verify('HMAC', key, signature, input)).toBe(true);
      expect(new Uint8Array(await subtle.sign('HMAC', key, input))).toEqual(new Uint8Array(signature));
    });

    it(`${alg}: verifies on the calling thread what WebCrypto signed, and refuses a changed byte`, async () => {
      const key = await hmacKey(hash);
      const header = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const payload = Buffer.from('{"jti":"n-2"}').toString('base64url');
      const signature = Buffer.from(await subtle.sign('HMAC', key, text.encode(`${header}.${payload}`))).toString('base64url');
      const verify = vi.spyOn(subtle, 'verify');
      const verified = await compactVerify(`${header}.${payload}.${signature}`, key);
      expect(new TextDecoder().decode(verified.payload)).toBe('{"jti":"n-2"}');

      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      await expect(compactVerify(`${header}.${payload}.${flipped}`, key)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
      // A truncated signature is refused too (the comparison needs equal lengths).
      await expect(compactVerify(`${header}.${payload}.${signature.slice(0, 20)}`, key)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
      expect(verify).not.toHaveBeenCalled();
    });
  }

  it('refuses a token signed with another key', async () => {
    const token = await new SignJWT({ sub: 'payer' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(await hmacKey('SHA-256'));
    await expect(jwtVerify(token, await hmacKey('SHA-256'))).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it('keeps jose key checks: a key without the sign usage, or of another hash, is refused', async () => {
    const verifyOnly = await hmacKey('SHA-256', ['verify']);
    await expect(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(verifyOnly)).rejects.toThrow(/usages must include sign/);
    const sha512 = await hmacKey('SHA-512');
    await expect(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(sha512)).rejects.toThrow(/algorithm.hash must be SHA-256/);
  });

  it('signs with a raw secret (Uint8Array) the same way', async () => {
    const secret = webcrypto.getRandomValues(new Uint8Array(32));
    const token = await new SignJWT({ sub: 'payer' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const key = await subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const { input, signature } = partsOf(token);
    expect(await subtle.verify('HMAC', key, signature, input)).toBe(true);
  });

  it('leaves other algorithms to WebCrypto (ES256)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const sign = vi.spyOn(subtle, 'sign');
    const verify = vi.spyOn(subtle, 'verify');
    const token = await new SignJWT({ sub: 'payer' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    await jwtVerify(token, publicKey);
    expect(sign).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
