import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { expectKmsError, expectOk, REGION, testSandbox } from '../../helpers/sim.js';

/**
 * ML-DSA keys (FIPS 204; AWS since June 2025): pure ML-DSA over RAW messages, or over a
 * caller-computed µ (EXTERNAL_MU); the public key as DER SubjectPublicKeyInfo (RFC 9881).
 */
const SPECS = [
  { spec: 'ML_DSA_44', impl: ml_dsa44, spki: 1334, signature: 2420, oid: '608648016503040311' },
  { spec: 'ML_DSA_65', impl: ml_dsa65, spki: 1974, signature: 3309, oid: '608648016503040312' },
  { spec: 'ML_DSA_87', impl: ml_dsa87, spki: 2614, signature: 4627, oid: '608648016503040313' },
] as const;

describe.each(SPECS)('ML-DSA key $spec', ({ spec, impl, spki, signature, oid }) => {
  let sandbox: Sandbox;
  let keyId: string;
  let publicKey: Uint8Array;
  const message = Buffer.from('a post-quantum release note');

  beforeAll(() => {
    sandbox = testSandbox();
    const created = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }));
    keyId = created.KeyMetadata.KeyId;
    expect(created.KeyMetadata.SigningAlgorithms).toEqual(['ML_DSA_SHAKE_256']);
    const der = Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: keyId })).PublicKey as Uint8Array);
    expect(der.length).toBe(spki);
    // SEQUENCE { SEQUENCE { OID id-ml-dsa-* } BIT STRING { 0 unused bits, key } }
    expect(der.subarray(4, 17).toString('hex')).toBe(`300b0609${oid}`);
    publicKey = der.subarray(der.length - impl.lengths.publicKey!);
  });

  it('signs RAW messages with pure ML-DSA that verify offline with the exported public key', () => {
    const signed = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    expect(signed.Signature).toHaveLength(signature);
    expect(impl.verify(signed.Signature as Uint8Array, message, publicKey)).toBe(true);
    expect(impl.verify(signed.Signature as Uint8Array, Buffer.from('another note'), publicKey)).toBe(false);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keyId, Message: message, Signature: signed.Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).SignatureValid).toBe(true);
  });

  it('signs an EXTERNAL_MU: µ computed outside KMS per FIPS 204 gives a signature of the message itself', () => {
    // µ = SHAKE256(tr ‖ M′, 64), tr = SHAKE256(pk, 64), M′ = 0 ‖ |ctx| ‖ ctx ‖ M with an empty context.
    const tr = shake256(publicKey, { dkLen: 64 });
    const mu = shake256(Buffer.concat([tr, Buffer.from([0, 0]), message]), { dkLen: 64 });
    const signed = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: mu, MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    expect(impl.verify(signed.Signature as Uint8Array, message, publicKey)).toBe(true);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keyId, Message: mu, MessageType: 'EXTERNAL_MU', Signature: signed.Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).SignatureValid).toBe(true);
  });

  it('refuses DIGEST, a µ that is not 64 bytes, and a signature of another message', () => {
    expectKmsError(
      sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: Buffer.alloc(32), MessageType: 'DIGEST', SigningAlgorithm: 'ML_DSA_SHAKE_256' }),
      'ValidationException',
      `Message type DIGEST is incompatible with key spec ${spec}.`,
    );
    expectKmsError(
      sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: Buffer.alloc(32), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' }),
      'ValidationException',
      'Digest is invalid length for algorithm ML_DSA_SHAKE_256.',
    );
    const signed = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    expectKmsError(
      sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keyId, Message: Buffer.from('tampered'), Signature: signed.Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' }),
      'KMSInvalidSignatureException',
      '',
    );
  });
});

describe('EXTERNAL_MU on other keys', () => {
  it('is refused for keys that are not ML-DSA keys', () => {
    const sandbox = testSandbox();
    const keyId = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyMetadata.KeyId;
    expectKmsError(
      sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyId, Message: Buffer.alloc(64), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ECDSA_SHA_256' }),
      'ValidationException',
      'Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.',
    );
  });
});
