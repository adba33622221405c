import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, digestFor, flipBit, type SigningAlgorithm } from '../../helpers/asymmetric.js';
import {
  createTestAlias,
  createTestKey,
  expectKmsError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
  type TestKey,
} from '../../helpers/sim.js';

const MESSAGE = Buffer.from('deploy build 8812 to production');

describe('Verify', () => {
  let sandbox: Sandbox;
  let rsa: TestKey;
  let p256: TestKey;
  let rsaSignature: Uint8Array;

  function sign(key: TestKey, algorithm: SigningAlgorithm, message: Uint8Array = MESSAGE): Uint8Array {
    return expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: message, SigningAlgorithm: algorithm })).Signature;
  }

  beforeAll(() => {
    sandbox = testSandbox();
    rsa = createSpecKey(sandbox, 'RSA_2048', 'SIGN_VERIFY');
    p256 = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    rsaSignature = sign(rsa, 'RSASSA_PSS_SHA_256');
  });

  it.each(KEY_REFERENCE_FORMS)('verifies with the key named by its %s and returns SignatureValid true and the key ARN', (form) => {
    const alias = createTestAlias(sandbox, rsa, `alias/verify-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', {
      KeyId: keyReference(rsa, form, alias), Message: MESSAGE, Signature: rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256',
    }));

    expect(output).toEqual({ KeyId: rsa.arn, SignatureValid: true, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });
  });

  describe('fails with KMSInvalidSignatureException, without a message, and never returns SignatureValid false', () => {
    it.each([
      ['another message', () => ({ Message: Buffer.from('deploy build 8813 to production'), Signature: rsaSignature })],
      ['a signature with one bit flipped', () => ({ Message: MESSAGE, Signature: flipBit(rsaSignature) })],
      ['a 1-byte signature', () => ({ Message: MESSAGE, Signature: Buffer.alloc(1, 7) })],
      ['a 6144-byte signature', () => ({ Message: MESSAGE, Signature: randomBytes(6144) })],
      ['a signature of the same key with PKCS #1 v1.5', () => ({ Message: MESSAGE, Signature: sign(rsa, 'RSASSA_PKCS1_V1_5_SHA_256') })],
      ['a signature of the same key with SHA-384', () => ({ Message: MESSAGE, Signature: sign(rsa, 'RSASSA_PSS_SHA_384') })],
      ['a digest signed as if it were the message', () => ({ Message: MESSAGE, Signature: sign(rsa, 'RSASSA_PSS_SHA_256', digestFor('RSASSA_PSS_SHA_256', MESSAGE)) })],
    ])('for %s', (_label, make) => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: rsa.keyId, SigningAlgorithm: 'RSASSA_PSS_SHA_256', ...make() });

      const error = expectKmsError(outcome, 'KMSInvalidSignatureException');
      expect(error.message).toBe('');
    });

    it('for a signature made by another key of the same spec', () => {
      const other = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      const signature = sign(other, 'ECDSA_SHA_256');

      const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: p256.keyId, Message: MESSAGE, Signature: signature, SigningAlgorithm: 'ECDSA_SHA_256' });

      expectKmsError(outcome, 'KMSInvalidSignatureException');
    });

    it('for an ECDSA signature in raw r‖s form instead of DER', () => {
      const der = Buffer.from(sign(p256, 'ECDSA_SHA_256'));
      // DER: 30 len 02 rlen r 02 slen s; raw: r and s as 32 bytes each
      const rLength = der[3] ?? 0;
      const r = der.subarray(4, 4 + rLength);
      const s = der.subarray(4 + rLength + 2);
      const raw = Buffer.concat([r.subarray(r.length - 32), s.subarray(s.length - 32)]);

      const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: p256.keyId, Message: MESSAGE, Signature: raw, SigningAlgorithm: 'ECDSA_SHA_256' });

      expectKmsError(outcome, 'KMSInvalidSignatureException');
    });
  });

  it.each([
    [randomBytes(6145), "Value at 'signature' failed to satisfy constraint: Member must have length less than or equal to 6144"],
    [new Uint8Array(), "Value at 'signature' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    [undefined, "Value null at 'signature' failed to satisfy constraint: Member must not be null"],
  ])('refuses a bad Signature member with ValidationException (%#)', (signature, constraint) => {
    const input = { KeyId: rsa.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256', ...(signature ? { Signature: signature } : {}) };

    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', input as never);

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(`1 validation error detected: ${constraint}`);
  });

  it('refuses a digest of the wrong length with ValidationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', {
      KeyId: rsa.keyId, Message: randomBytes(48), MessageType: 'DIGEST', Signature: rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256',
    });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Digest is invalid length for algorithm RSASSA_PSS_SHA_256.');
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['RSA_3072', 'ENCRYPT_DECRYPT'],
    ['HMAC_512', 'GENERATE_VERIFY_MAC'],
    ['ECC_NIST_P384', 'KEY_AGREEMENT'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = spec === 'SYMMETRIC_DEFAULT' ? createTestKey(sandbox) : createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: key.keyId, Message: MESSAGE, Signature: rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for Verify.`);
  });

  it('refuses an algorithm the key spec does not support with InvalidKeyUsageException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: p256.keyId, Message: MESSAGE, Signature: rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.');
  });

  it('refuses a disabled key with DisabledException, and a key pending deletion with KMSInvalidStateException', () => {
    const disabled = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const signature = sign(disabled, 'ECDSA_SHA_256');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    scheduleTestKeyDeletion(sandbox, deleting);

    const input = { Message: MESSAGE, Signature: signature, SigningAlgorithm: 'ECDSA_SHA_256' } as const;
    expect(expectKmsError(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: disabled.keyId, ...input }), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: deleting.keyId, ...input }), 'KMSInvalidStateException').message).toBe(
      `${deleting.arn} is pending deletion.`,
    );
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: UNKNOWN_KEY_ID, Message: MESSAGE, Signature: rsaSignature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });

    expectKmsError(outcome, 'NotFoundException');
  });

  it('answers a DryRun with DryRunOperationException without checking the signature', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', {
      KeyId: rsa.keyId, Message: MESSAGE, Signature: flipBit(rsaSignature), SigningAlgorithm: 'RSASSA_PSS_SHA_256', DryRun: true,
    });

    expectKmsError(outcome, 'DryRunOperationException');
  });
});
