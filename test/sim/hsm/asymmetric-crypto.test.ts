import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signMessage, verifySignature, type KeyPair } from '../../../src/sim/hsm/asymmetric-crypto.js';

/** RFC 8032 §7.3, "TEST abc": Ed25519ph. https://datatracker.ietf.org/doc/html/rfc8032#section-7.3 */
const RFC_8032_ED25519PH = {
  secretKey: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
  publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
  message: '616263',
  signature:
    '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41' +
    '31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
};

/** A node:crypto Ed25519 key pair from a 32-byte seed and its public key (RFC 8037 JWK). */
function ed25519KeyPair(seedHex: string, publicHex: string): KeyPair {
  const jwk = { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seedHex, 'hex').toString('base64url'), x: Buffer.from(publicHex, 'hex').toString('base64url') };
  return { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }), publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }) };
}

describe('signMessage', () => {
  it('signs ED25519_PH_SHA_512 as Ed25519ph: the RFC 8032 §7.3 test vector', () => {
    const keys = ed25519KeyPair(RFC_8032_ED25519PH.secretKey, RFC_8032_ED25519PH.publicKey);
    // The JWK's public key is the one the seed derives
    expect(Buffer.from(createPublicKey(keys.privateKey).export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex')).toBe(RFC_8032_ED25519PH.publicKey);

    // KMS hashes the bytes it is given (the caller's digest) once more: Ed25519ph over them
    const signature = signMessage(keys, 'ED25519_PH_SHA_512', Buffer.from(RFC_8032_ED25519PH.message, 'hex'), 'DIGEST');

    expect(signature.toString('hex')).toBe(RFC_8032_ED25519PH.signature);
  });

  it('verifies the RFC 8032 §7.3 signature, and not one with a flipped bit', () => {
    const { publicKey } = ed25519KeyPair(RFC_8032_ED25519PH.secretKey, RFC_8032_ED25519PH.publicKey);
    const message = Buffer.from(RFC_8032_ED25519PH.message, 'hex');
    const signature = Buffer.from(RFC_8032_ED25519PH.signature, 'hex');

    expect(verifySignature(publicKey, 'ED25519_PH_SHA_512', message, 'DIGEST', signature)).toBe(true);
    signature[10] = (signature[10] ?? 0) ^ 1;
    expect(verifySignature(publicKey, 'ED25519_PH_SHA_512', message, 'DIGEST', signature)).toBe(false);
  });

  it('signs ED25519_SHA_512 as PureEdDSA: the RFC 8032 §7.1 TEST 2 vector', () => {
    const keys = ed25519KeyPair(
      '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    );

    const signature = signMessage(keys, 'ED25519_SHA_512', Buffer.from('72', 'hex'), 'RAW');

    expect(signature.toString('hex')).toBe(
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    );
  });

  it('never throws in verifySignature for garbage signatures of any algorithm family', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (const [publicKey, algorithm] of [[rsa.publicKey, 'RSASSA_PSS_SHA_256'], [rsa.publicKey, 'RSASSA_PKCS1_V1_5_SHA_256'], [ec.publicKey, 'ECDSA_SHA_256']] as const) {
      for (const signature of [Buffer.alloc(1), Buffer.alloc(256, 0xff), Buffer.alloc(6144, 7)]) {
        expect(verifySignature(publicKey, algorithm, Buffer.alloc(32), 'DIGEST', signature)).toBe(false);
        expect(verifySignature(publicKey, algorithm, Buffer.alloc(32), 'RAW', signature)).toBe(false);
      }
    }
  });
});
