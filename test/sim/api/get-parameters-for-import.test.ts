import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import {
  createExternalKey,
  createImportedKey,
  importParameters,
  newKeyMaterial,
  WRAPPING_ALGORITHMS,
  wrapKeyMaterial,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../../helpers/key-import.js';
import { decryptBlob, encryptUnder, rotationSandbox, START } from '../../helpers/rotation.js';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  describeTestKey,
  expectKmsError,
  expectOk,
  KEY_ID_FORMS,
  keyReference,
  REGION,
  scheduleTestKeyDeletion,
  UNKNOWN_KEY_ID,
} from '../../helpers/sim.js';

// Every algorithm with RSA_2048 and RSA_3072; two with RSA_4096, whose key generation is slow.
const CASES: readonly { spec: WrappingKeySpec; algorithm: WrappingAlgorithm }[] = [
  ...(['RSA_2048', 'RSA_3072'] as const).flatMap((spec) => WRAPPING_ALGORITHMS.map((algorithm) => ({ spec, algorithm }))),
  { spec: 'RSA_4096', algorithm: 'RSAES_OAEP_SHA_256' },
  { spec: 'RSA_4096', algorithm: 'RSA_AES_KEY_WRAP_SHA_1' },
];

describe('GetParametersForImport', () => {
  it.each(CASES)('returns a $spec DER SPKI public key and a token with $algorithm that import 32 random bytes', ({ spec, algorithm }) => {
    // Given an EXTERNAL key pending import
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    sandbox.advanceClock(DAY_MS / 2);

    // When the import parameters are fetched
    const output = importParameters(sandbox, key, algorithm, spec);

    // Then the public key is an RSA key of the requested size, valid for 24 hours with the token
    const publicKey = createPublicKey({ key: Buffer.from(output.PublicKey), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(Number(spec.slice(4)));
    expect(output.KeyId).toBe(key.arn);
    expect(output.ImportToken.byteLength).toBeGreaterThan(0);
    expect(output.ParametersValidTo).toEqual(new Date(START.getTime() + DAY_MS / 2 + DAY_MS));

    // And material wrapped with them imports: the key is Enabled and encrypts and decrypts
    const material = newKeyMaterial();
    const EncryptedKeyMaterial = wrapKeyMaterial(output.PublicKey, algorithm, material);
    expectOk(
      sandbox.call(REGION, sandbox.admin, 'ImportKeyMaterial', {
        KeyId: key.keyId,
        ImportToken: output.ImportToken,
        EncryptedKeyMaterial,
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
    const encryption = encryptUnder(sandbox, key);
    expect(Buffer.from(decryptBlob(sandbox, encryption.ciphertext).Plaintext).equals(encryption.plaintext)).toBe(true);
  });

  it.each(KEY_ID_FORMS)('accepts the key named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', {
        KeyId: keyReference(key, form, ''),
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );

    expect(output.KeyId).toBe(key.arn);
  });

  it('returns a new wrapping key and token on every call', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const first = importParameters(sandbox, key);
    const second = importParameters(sandbox, key);

    expect(Buffer.from(first.PublicKey).equals(Buffer.from(second.PublicKey))).toBe(false);
    expect(Buffer.from(first.ImportToken).equals(Buffer.from(second.ImportToken))).toBe(false);
  });

  it('works on an Enabled key with imported material, for a re-import', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox);

    expect(importParameters(sandbox, key).KeyId).toBe(key.arn);
  });

  it('refuses RSAES_PKCS1_V1_5, unsupported since October 2023', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' });

    expectKmsError(outcome, 'UnsupportedOperationException', 'RSAES_PKCS1_V1_5');
  });

  it('refuses SM2 wrapping, which exists only in the China Regions', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'SM2' });

    expectKmsError(outcome, 'UnsupportedOperationException', 'China');
  });

  it('fails with ValidationException for an unknown wrapping key spec', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_1024' });

    expectKmsError(outcome, 'ValidationException', 'wrappingKeySpec');
  });

  it('refuses a key whose material KMS generated with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });

    expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is AWS_KMS which is not valid for this operation.`);
  });

  it('fails with KMSInvalidStateException on an EXTERNAL key pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('is throttled at its quota of one request every four seconds', () => {
    // Quotas on, as in AWS: GetParametersForImport allows 0.25 requests per second
    const sandbox = createSandbox({ start: START });
    const key = createExternalKey(sandbox);
    const input = { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' } as const;

    expectOk(sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', input));
    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', input);

    expectKmsError(outcome, 'ThrottlingException');
  });

  it('never puts the wrapping key or token in CloudTrail', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const { PublicKey, ImportToken } = importParameters(sandbox, key);

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'GetParametersForImport', readOnly: true, responseElements: null });
    const trail = JSON.stringify(sandbox.audit.items);
    expect(trail).not.toContain(Buffer.from(PublicKey).toString('base64').slice(40, 100));
    expect(trail).not.toContain(Buffer.from(ImportToken).toString('base64').slice(0, 60));
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    createTestAlias(sandbox, key, 'alias/imported');
    const keyId = keyReference(key, form, 'alias/imported');

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: UNKNOWN_KEY_ID, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });

    expectKmsError(outcome, 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
