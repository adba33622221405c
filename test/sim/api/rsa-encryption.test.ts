/**
 * Encrypt, Decrypt and ReEncrypt with RSA ENCRYPT_DECRYPT keys (RSAES_OAEP_SHA_1/SHA_256): raw
 * RSA ciphertext, no encryption context, the algorithm named on both sides.
 */
import { constants, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationInput, Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, publicKeyOf } from '../../helpers/asymmetric.js';
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
  type TestKey,
} from '../../helpers/sim.js';

type EncryptionAlgorithm = NonNullable<OperationInput<'Encrypt'>['EncryptionAlgorithm']>;
const PLAINTEXT = Buffer.from('db password: correct horse battery staple');

let sandbox: Sandbox;
let rsa: TestKey;
let rsaPublic: KeyObject;
let otherRsa: TestKey;
let rsaSigning: TestKey;
let symmetric: TestKey;

beforeAll(() => {
  sandbox = testSandbox();
  rsa = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
  rsaPublic = publicKeyOf(sandbox, rsa).key;
  otherRsa = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
  rsaSigning = createSpecKey(sandbox, 'RSA_2048', 'SIGN_VERIFY');
  symmetric = createTestKey(sandbox);
});

function encrypt(key: TestKey, algorithm: EncryptionAlgorithm, plaintext: Uint8Array = PLAINTEXT): Uint8Array {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm })).CiphertextBlob;
}

function offlineEncrypt(plaintext: Uint8Array, hash: 'sha1' | 'sha256'): Buffer {
  return publicEncrypt({ key: rsaPublic, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, plaintext);
}

describe('Encrypt with an RSA key', () => {
  it.each(KEY_REFERENCE_FORMS)('encrypts with the key named by its %s', (form) => {
    const alias = createTestAlias(sandbox, rsa, `alias/rsa-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyReference(rsa, form, alias), Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));

    expect(output).toMatchObject({ KeyId: rsa.arn, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(Object.keys(output).sort()).toEqual(['CiphertextBlob', 'EncryptionAlgorithm', 'KeyId']);
  });

  it('makes different ciphertext each time (OAEP is randomised)', () => {
    expect(Buffer.from(encrypt(rsa, 'RSAES_OAEP_SHA_1')).equals(Buffer.from(encrypt(rsa, 'RSAES_OAEP_SHA_1')))).toBe(false);
  });

  it('refuses an RSA key without EncryptionAlgorithm, which means SYMMETRIC_DEFAULT', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: rsa.keyId, Plaintext: PLAINTEXT });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });

  it.each([
    ['SM2PKE', () => rsa, 'RSA_2048'],
    ['RSAES_OAEP_SHA_256', () => symmetric, 'SYMMETRIC_DEFAULT'],
    ['RSAES_OAEP_SHA_1', () => symmetric, 'SYMMETRIC_DEFAULT'],
  ] as const)('refuses %s on a %s key with InvalidKeyUsageException', (algorithm, key, spec) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key().keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: algorithm });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  });

  it('refuses an RSA SIGN_VERIFY key with InvalidKeyUsageException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: rsaSigning.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${rsaSigning.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);
  });

  it.each([
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
    ['ECC_NIST_P256', 'KEY_AGREEMENT'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for Encrypt.`);
  });

  it('refuses an encryption context, which binds only symmetric ciphertext', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: rsa.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { a: 'b' } });

    expectKmsError(outcome, 'ValidationException');
  });

  it('refuses an unknown EncryptionAlgorithm with ValidationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: rsa.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_PKCS1_V1_5' as EncryptionAlgorithm });

    const error = expectKmsError(outcome, 'ValidationException', "1 validation error detected: Value 'RSAES_PKCS1_V1_5' at 'encryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [");
    expect(/\[(.*)\]$/.exec(error.message)?.[1]?.split(', ').sort()).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE', 'SYMMETRIC_DEFAULT']);
  });

  it('refuses a disabled RSA key with DisabledException before the algorithm', () => {
    const key = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT });

    expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
  });
});

describe('Decrypt with an RSA key', () => {
  it.each([
    ['RSAES_OAEP_SHA_1', 'sha1'],
    ['RSAES_OAEP_SHA_256', 'sha256'],
  ] as const)('decrypts %s ciphertext made offline and answers without KeyMaterialId', (algorithm, hash) => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsa.keyId, CiphertextBlob: offlineEncrypt(PLAINTEXT, hash), EncryptionAlgorithm: algorithm }));

    expect(output).toEqual({ KeyId: rsa.arn, Plaintext: expect.anything(), EncryptionAlgorithm: algorithm });
    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('decrypts with the key named by an alias', () => {
    const alias = createTestAlias(sandbox, rsa, 'alias/rsa-decrypt');

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: alias, CiphertextBlob: encrypt(rsa, 'RSAES_OAEP_SHA_256'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));

    expect(output.KeyId).toBe(rsa.arn);
  });

  it('reads RSA ciphertext without EncryptionAlgorithm as symmetric ciphertext: InvalidCiphertextException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsa.keyId, CiphertextBlob: encrypt(rsa, 'RSAES_OAEP_SHA_256') });

    expect(expectKmsError(outcome, 'InvalidCiphertextException').message).toBe('');
  });

  it.each([
    ['256 bytes of 0x01', () => Buffer.alloc(256, 1)],
    ['10 bytes', () => randomBytes(10)],
    ['ciphertext of another RSA key', () => encrypt(otherRsa, 'RSAES_OAEP_SHA_256')],
    ['ciphertext with one bit flipped', () => {
      const blob = Buffer.from(encrypt(rsa, 'RSAES_OAEP_SHA_256'));
      blob[100] = (blob[100] ?? 0) ^ 1;
      return blob;
    }],
  ])('refuses %s with InvalidCiphertextException without a message', (_label, make) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsa.keyId, CiphertextBlob: make(), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidCiphertextException').message).toBe('');
  });

  it('refuses symmetric ciphertext with the KeyId of an RSA key: IncorrectKeyException', () => {
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: symmetric.keyId, Plaintext: PLAINTEXT }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsa.keyId, CiphertextBlob });

    expect(expectKmsError(outcome, 'IncorrectKeyException').message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('refuses an RSA SIGN_VERIFY key with InvalidKeyUsageException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsaSigning.keyId, CiphertextBlob: Buffer.alloc(256, 1), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${rsaSigning.arn} key usage is SIGN_VERIFY which is not valid for Decrypt.`);
  });

  it('refuses a disabled RSA key with DisabledException, and one pending deletion with KMSInvalidStateException', () => {
    const disabled = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const blob = encrypt(disabled, 'RSAES_OAEP_SHA_1');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const deletingBlob = encrypt(deleting, 'RSAES_OAEP_SHA_1');
    scheduleTestKeyDeletion(sandbox, deleting);

    const call = (key: TestKey, CiphertextBlob: Uint8Array) => sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' });
    expect(expectKmsError(call(disabled, blob), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(call(deleting, deletingBlob), 'KMSInvalidStateException').message).toBe(`${deleting.arn} is pending deletion.`);
  });
});

describe('ReEncrypt with RSA keys', () => {
  it('re-encrypts symmetric ciphertext under an RSA key', () => {
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: symmetric.keyId, Plaintext: PLAINTEXT, EncryptionContext: { app: 'x' } }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
      CiphertextBlob, SourceEncryptionContext: { app: 'x' }, DestinationKeyId: rsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    }));

    expect(output).toMatchObject({
      SourceKeyId: symmetric.arn, KeyId: rsa.arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect(output.DestinationKeyMaterialId).toBeUndefined();
    expect(output.CiphertextBlob).toHaveLength(256);
    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: rsa.keyId, CiphertextBlob: output.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    expect(Buffer.from(decrypted.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('re-encrypts ciphertext made offline with the RSA public key under a symmetric key', () => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
      CiphertextBlob: offlineEncrypt(PLAINTEXT, 'sha1'), SourceKeyId: rsa.keyId, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DestinationKeyId: symmetric.keyId,
    }));

    expect(output).toMatchObject({ SourceKeyId: rsa.arn, KeyId: symmetric.arn, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(output.SourceKeyMaterialId).toBeUndefined();
    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.CiphertextBlob }));
    expect(Buffer.from(decrypted.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('re-encrypts from one RSA key and algorithm to another', () => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
      CiphertextBlob: encrypt(rsa, 'RSAES_OAEP_SHA_256'), SourceKeyId: rsa.keyId, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      DestinationKeyId: otherRsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
    }));

    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: otherRsa.keyId, CiphertextBlob: output.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));
    expect(Buffer.from(decrypted.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('refuses an RSA destination without DestinationEncryptionAlgorithm', () => {
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: symmetric.keyId, Plaintext: PLAINTEXT }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob, DestinationKeyId: rsa.keyId });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });

  it('refuses a plaintext longer than the RSA destination can take', () => {
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: symmetric.keyId, Plaintext: randomBytes(191) }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob, DestinationKeyId: rsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.');
  });
});
