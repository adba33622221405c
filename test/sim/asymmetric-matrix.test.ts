/**
 * The matrix of issue 6: every signing key spec × each of its algorithms × MessageType RAW and
 * DIGEST, and every RSA spec × each OAEP algorithm, checked offline with node:crypto against the
 * public key from GetPublicKey, as a user outside KMS would.
 */
import { constants, createHash, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sim/index.js';
import {
  createSpecKey,
  digestFor,
  flipBit,
  publicKeyOf,
  RSA_SPECS,
  SIGNING_SPECS,
  verifyOffline,
  type RsaSpec,
  type SigningAlgorithm,
  type SigningSpec,
} from '../helpers/asymmetric.js';
import { expectKmsError, expectOk, REGION, testSandbox, type TestKey } from '../helpers/sim.js';

const MESSAGE = Buffer.from('Pay 100 EUR to account DE02 1203 0000 0000 2020 51, reference 2026-11-28');

/** The message types an algorithm accepts: Ed25519 takes one each, the others both. */
function messageTypesOf(algorithm: SigningAlgorithm): readonly ('RAW' | 'DIGEST')[] {
  if (algorithm === 'ED25519_SHA_512') return ['RAW'];
  if (algorithm === 'ED25519_PH_SHA_512') return ['DIGEST'];
  return ['RAW', 'DIGEST'];
}

const SIGNING_CASES = (Object.entries(SIGNING_SPECS) as [SigningSpec, readonly SigningAlgorithm[]][]).flatMap(([spec, algorithms]) =>
  algorithms.flatMap((algorithm) => messageTypesOf(algorithm).map((messageType) => ({ spec, algorithm, messageType }))),
);

/** The modulus length in bytes of RSA specs, the signature length ECDSA never exceeds, and Ed25519's 64. */
function signatureLengthOk(spec: SigningSpec, length: number): boolean {
  if (spec in RSA_SPECS) return length === RSA_SPECS[spec as RsaSpec];
  if (spec === 'ECC_NIST_EDWARDS25519') return length === 64;
  // DER SEQUENCE { r, s }: at most 2·(field bytes + 3) + 3
  const fieldBytes = { ECC_NIST_P256: 32, ECC_SECG_P256K1: 32, ECC_NIST_P384: 48, ECC_NIST_P521: 66 }[spec as 'ECC_NIST_P256'];
  return length > 8 && length <= 2 * (fieldBytes + 3) + 3;
}

describe('Sign and Verify over every key spec, algorithm and message type', () => {
  let sandbox: Sandbox;
  const keys = new Map<SigningSpec, { key: TestKey; publicKey: KeyObject }>();

  beforeAll(() => {
    // RSA key generation is slow (RSA_4096 can take seconds): one key per spec for the file.
    sandbox = testSandbox();
    for (const spec of Object.keys(SIGNING_SPECS) as SigningSpec[]) {
      const key = createSpecKey(sandbox, spec, 'SIGN_VERIFY');
      keys.set(spec, { key, publicKey: publicKeyOf(sandbox, key).key });
    }
  });

  function keyFor(spec: SigningSpec): { key: TestKey; publicKey: KeyObject } {
    const entry = keys.get(spec);
    if (!entry) throw new Error(`no ${spec} key`);
    return entry;
  }

  it('covers 46 combinations: 3 RSA sizes × 6 × 2, 4 ECDSA curves × 2, and Ed25519 twice', () => {
    expect(SIGNING_CASES).toHaveLength(36 + 8 + 2);
  });

  describe.each(SIGNING_CASES)('$spec with $algorithm over a $messageType message', ({ spec, algorithm, messageType }) => {
    const input = messageType === 'RAW' ? MESSAGE : digestFor(algorithm, MESSAGE);

    it('signs so that node:crypto verifies the signature with the GetPublicKey key', () => {
      const { key, publicKey } = keyFor(spec);

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', {
        KeyId: key.keyId, Message: input, MessageType: messageType, SigningAlgorithm: algorithm,
      }));

      expect(output.KeyId).toBe(key.arn);
      expect(output.SigningAlgorithm).toBe(algorithm);
      expect(signatureLengthOk(spec, output.Signature.length)).toBe(true);
      expect(verifyOffline(publicKey, algorithm, MESSAGE, output.Signature)).toBe(true);
      // … and not for another message
      expect(verifyOffline(publicKey, algorithm, Buffer.from('Pay 900 EUR'), output.Signature)).toBe(false);
    });

    it('verifies its signature in the sandbox, and refuses a tampered message or signature', () => {
      const { key } = keyFor(spec);
      const base = { KeyId: key.keyId, MessageType: messageType, SigningAlgorithm: algorithm };
      const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { ...base, Message: input }));

      const verified = expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', { ...base, Message: input, Signature }));
      expect(verified).toEqual({ KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm });

      const wrongMessage = sandbox.call(REGION, sandbox.admin, 'Verify', { ...base, Message: flipBit(input, 0), Signature });
      expect(expectKmsError(wrongMessage, 'KMSInvalidSignatureException').message).toBe('');
      for (const index of [0, Math.floor(Signature.length / 2), -1]) {
        const tampered = sandbox.call(REGION, sandbox.admin, 'Verify', { ...base, Message: input, Signature: flipBit(Signature, index) });
        expectKmsError(tampered, 'KMSInvalidSignatureException');
      }
    });

    it.each([
      ['one byte short', -1],
      ['one byte long', 1],
    ])('refuses a digest %s with ValidationException', (_label, delta) => {
      const { key } = keyFor(spec);
      const digest = randomBytes(digestFor(algorithm, MESSAGE).length + delta);
      const request = { KeyId: key.keyId, Message: digest, MessageType: 'DIGEST' as const, SigningAlgorithm: algorithm };

      // ED25519_SHA_512 takes no digest at all, whatever its length
      const expected = algorithm === 'ED25519_SHA_512'
        ? 'Message type DIGEST is incompatible with algorithm ED25519_SHA_512.'
        : `Digest is invalid length for algorithm ${algorithm}.`;
      expect(expectKmsError(sandbox.call(REGION, sandbox.admin, 'Sign', request), 'ValidationException').message).toBe(expected);
      const verify = sandbox.call(REGION, sandbox.admin, 'Verify', { ...request, Signature: Buffer.alloc(64, 1) });
      expect(expectKmsError(verify, 'ValidationException').message).toBe(expected);
    });
  });

  // RAW signs the message's hash, DIGEST signs the given hash: the same bytes get signed.
  it.each(SIGNING_CASES.filter((c) => c.messageType === 'RAW' && !c.algorithm.startsWith('ED25519')))(
    'verifies a RAW signature of $spec with $algorithm when Verify is given the digest instead',
    ({ spec, algorithm }) => {
      const { key } = keyFor(spec);
      const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: algorithm }));

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', {
        KeyId: key.keyId, Message: digestFor(algorithm, MESSAGE), MessageType: 'DIGEST', Signature, SigningAlgorithm: algorithm,
      }));

      expect(output.SignatureValid).toBe(true);
    },
  );

  it('signs Ed25519ph over the given digest, hashing it again (not over the message)', () => {
    const { key, publicKey } = keyFor('ECC_NIST_EDWARDS25519');
    const digest = createHash('sha512').update(MESSAGE).digest();

    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', {
      KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_PH_SHA_512',
    }));

    // Not a PureEdDSA signature of the digest, nor of the message
    expect(verifyOffline(publicKey, 'ED25519_SHA_512', digest, Signature)).toBe(false);
    expect(verifyOffline(publicKey, 'ED25519_SHA_512', MESSAGE, Signature)).toBe(false);
    expect(verifyOffline(publicKey, 'ED25519_PH_SHA_512', MESSAGE, Signature)).toBe(true);
  });
});

describe('RSA Encrypt and Decrypt over every RSA spec and OAEP algorithm', () => {
  let sandbox: Sandbox;
  const keys = new Map<RsaSpec, { key: TestKey; publicKey: KeyObject }>();
  const OAEP = { RSAES_OAEP_SHA_1: { hash: 'sha1', hashBytes: 20 }, RSAES_OAEP_SHA_256: { hash: 'sha256', hashBytes: 32 } } as const;
  const CASES = (Object.keys(RSA_SPECS) as RsaSpec[]).flatMap((spec) =>
    (Object.keys(OAEP) as (keyof typeof OAEP)[]).map((algorithm) => ({
      spec,
      algorithm,
      // RFC 8017 §7.1.1: k − 2·hLen − 2; AWS: 214/190, 342/318, 470/446
      limit: RSA_SPECS[spec] - 2 * OAEP[algorithm].hashBytes - 2,
    })),
  );

  beforeAll(() => {
    sandbox = testSandbox();
    for (const spec of Object.keys(RSA_SPECS) as RsaSpec[]) {
      const key = createSpecKey(sandbox, spec, 'ENCRYPT_DECRYPT');
      keys.set(spec, { key, publicKey: publicKeyOf(sandbox, key).key });
    }
  });

  function keyFor(spec: RsaSpec): { key: TestKey; publicKey: KeyObject } {
    const entry = keys.get(spec);
    if (!entry) throw new Error(`no ${spec} key`);
    return entry;
  }

  it('uses the plaintext limits AWS lists', () => {
    expect(CASES.map((c) => c.limit)).toEqual([214, 190, 342, 318, 470, 446]);
  });

  describe.each(CASES)('$spec with $algorithm', ({ spec, algorithm, limit }) => {
    it(`decrypts ciphertext made offline by node:crypto, up to ${limit} bytes`, () => {
      const { key, publicKey } = keyFor(spec);
      for (const plaintext of [Buffer.from('a'), randomBytes(limit)]) {
        const ciphertext = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP[algorithm].hash }, plaintext);

        const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, CiphertextBlob: ciphertext, EncryptionAlgorithm: algorithm }));

        expect(Buffer.from(output.Plaintext).equals(plaintext)).toBe(true);
        expect(output.KeyId).toBe(key.arn);
        expect(output.EncryptionAlgorithm).toBe(algorithm);
      }
    });

    it('encrypts to raw RSA ciphertext of the modulus length that decrypts, and not with the other algorithm', () => {
      const { key } = keyFor(spec);
      const plaintext = randomBytes(limit);

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm }));

      expect(output).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: algorithm });
      expect(output.CiphertextBlob).toHaveLength(RSA_SPECS[spec]);
      const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, CiphertextBlob: output.CiphertextBlob, EncryptionAlgorithm: algorithm }));
      expect(Buffer.from(decrypted.Plaintext).equals(plaintext)).toBe(true);
      const other = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      const wrong = sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, CiphertextBlob: output.CiphertextBlob, EncryptionAlgorithm: other });
      expect(expectKmsError(wrong, 'InvalidCiphertextException').message).toBe('');
    });

    it(`refuses ${limit + 1} bytes with AWS's ValidationException`, () => {
      const { key } = keyFor(spec);

      const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: randomBytes(limit + 1), EncryptionAlgorithm: algorithm });

      expect(expectKmsError(outcome, 'ValidationException').message).toBe(
        `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
      );
    });
  });
});
