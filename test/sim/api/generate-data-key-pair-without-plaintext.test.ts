import { createPrivateKey, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, DATA_KEY_PAIR_SPECS } from '../../helpers/asymmetric.js';
import {
  createTestAlias,
  createTestKey,
  describeTestKey,
  expectKmsError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  testSandbox,
  UNKNOWN_KEY_ID,
  type TestKey,
} from '../../helpers/sim.js';

describe('GenerateDataKeyPairWithoutPlaintext', () => {
  let sandbox: Sandbox;
  let wrapping: TestKey;

  beforeAll(() => {
    sandbox = testSandbox();
    wrapping = createTestKey(sandbox);
  });

  it.each(DATA_KEY_PAIR_SPECS)('returns a %s public key and only the encrypted private key, which Decrypt opens', (spec) => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: wrapping.keyId, KeyPairSpec: spec }));

    expect(Object.keys(output).sort()).toEqual(['KeyId', 'KeyMaterialId', 'KeyPairSpec', 'PrivateKeyCiphertextBlob', 'PublicKey']);
    expect(output).toMatchObject({ KeyId: wrapping.arn, KeyPairSpec: spec, KeyMaterialId: describeTestKey(sandbox, wrapping.keyId).CurrentKeyMaterialId });
    // Later, Decrypt gives the PKCS #8 private key of the same pair
    const { Plaintext } = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.PrivateKeyCiphertextBlob }));
    const privateKey = createPrivateKey({ key: Buffer.from(Plaintext), format: 'der', type: 'pkcs8' });
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(Buffer.from(output.PublicKey))).toBe(true);
  });

  it('binds the encryption context to the encrypted private key', () => {
    const context = { purpose: 'tls' };

    const { PrivateKeyCiphertextBlob } = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: context }),
    );

    expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: PrivateKeyCiphertextBlob, EncryptionContext: context }));
    const wrong = sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: PrivateKeyCiphertextBlob, EncryptionContext: { purpose: 'ssh' } });
    expectKmsError(wrong, 'InvalidCiphertextException');
  });

  it.each(KEY_REFERENCE_FORMS)('finds the symmetric key by its %s', (form) => {
    const alias = createTestAlias(sandbox, wrapping, `alias/sealed-pairs-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: keyReference(wrapping, form, alias), KeyPairSpec: 'ECC_SECG_P256K1' }));

    expect(output.KeyId).toBe(wrapping.arn);
  });

  it('refuses an RSA encryption key with InvalidKeyUsageException', () => {
    const key = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: key.keyId, KeyPairSpec: 'RSA_2048' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('You cannot generate a data key pair with an asymmetric CMK');
  });

  it.each([
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
    ['HMAC_384', 'GENERATE_VERIFY_MAC'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException naming the operation', (spec, usage) => {
    const key = createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for GenerateDataKeyPairWithoutPlaintext.`);
  });

  it('refuses a disabled key with DisabledException', () => {
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' });

    expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: UNKNOWN_KEY_ID, KeyPairSpec: 'ECC_NIST_P256' });

    expectKmsError(outcome, 'NotFoundException');
  });

  it('answers a DryRun with DryRunOperationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256', DryRun: true });

    expectKmsError(outcome, 'DryRunOperationException');
  });
});
