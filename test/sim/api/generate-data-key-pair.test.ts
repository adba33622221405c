import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationInput, Sandbox } from '../../../src/sim/index.js';
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
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
  type TestKey,
} from '../../helpers/sim.js';

type KeyPairSpec = OperationInput<'GenerateDataKeyPair'>['KeyPairSpec'];

/** What node:crypto reads from each data key pair spec's keys. */
const EXPECTED: Record<(typeof DATA_KEY_PAIR_SPECS)[number], { type: string; details: object }> = {
  RSA_2048: { type: 'rsa', details: { modulusLength: 2048 } },
  RSA_3072: { type: 'rsa', details: { modulusLength: 3072 } },
  RSA_4096: { type: 'rsa', details: { modulusLength: 4096 } },
  ECC_NIST_P256: { type: 'ec', details: { namedCurve: 'prime256v1' } },
  ECC_NIST_P384: { type: 'ec', details: { namedCurve: 'secp384r1' } },
  ECC_NIST_P521: { type: 'ec', details: { namedCurve: 'secp521r1' } },
  ECC_SECG_P256K1: { type: 'ec', details: { namedCurve: 'secp256k1' } },
  ECC_NIST_EDWARDS25519: { type: 'ed25519', details: {} },
};

describe('GenerateDataKeyPair', () => {
  let sandbox: Sandbox;
  let wrapping: TestKey;

  beforeAll(() => {
    sandbox = testSandbox();
    wrapping = createTestKey(sandbox);
  });

  it.each(DATA_KEY_PAIR_SPECS)('makes a %s key pair: PKCS #8 private key, SPKI public key, and the private key encrypted', (spec) => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: spec }));

    // The private key is DER PKCS #8 and the public key DER SPKI of the same pair
    const privateKey = createPrivateKey({ key: Buffer.from(output.PrivateKeyPlaintext ?? []), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(output.PublicKey), format: 'der', type: 'spki' });
    expect(privateKey.asymmetricKeyType).toBe(EXPECTED[spec].type);
    expect(publicKey.asymmetricKeyDetails).toMatchObject(EXPECTED[spec].details);
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(Buffer.from(output.PublicKey))).toBe(true);
    const hash = EXPECTED[spec].type === 'ed25519' ? null : 'sha256';
    const message = Buffer.from('signed with a data key pair');
    expect(verify(hash, message, publicKey, sign(hash, message, privateKey))).toBe(true);
    // The ciphertext is ordinary symmetric KMS ciphertext of the same PKCS #8 bytes
    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.PrivateKeyCiphertextBlob }));
    expect(Buffer.from(decrypted.Plaintext).equals(Buffer.from(output.PrivateKeyPlaintext ?? []))).toBe(true);
    expect(decrypted.KeyId).toBe(wrapping.arn);
    expect(output).toMatchObject({ KeyId: wrapping.arn, KeyPairSpec: spec, KeyMaterialId: describeTestKey(sandbox, wrapping.keyId).CurrentKeyMaterialId });
  });

  it('makes a fresh key pair on every call', () => {
    const pair = () => expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256' }));

    const [a, b] = [pair(), pair()];

    expect(Buffer.from(a.PublicKey).equals(Buffer.from(b.PublicKey))).toBe(false);
    expect(Buffer.from(a.PrivateKeyPlaintext ?? []).equals(Buffer.from(b.PrivateKeyPlaintext ?? []))).toBe(false);
  });

  it('binds the encryption context to the encrypted private key', () => {
    const context = { app: 'signer', stage: 'prod' };

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P384', EncryptionContext: context }));

    const withContext = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.PrivateKeyCiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(withContext.Plaintext).equals(Buffer.from(output.PrivateKeyPlaintext ?? []))).toBe(true);
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.PrivateKeyCiphertextBlob }), 'InvalidCiphertextException');
  });

  it.each(KEY_REFERENCE_FORMS)('finds the symmetric key by its %s', (form) => {
    const alias = createTestAlias(sandbox, wrapping, `alias/pairs-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: keyReference(wrapping, form, alias), KeyPairSpec: 'ECC_NIST_EDWARDS25519' }));

    expect(output.KeyId).toBe(wrapping.arn);
  });

  it('refuses an RSA encryption key: data key pairs are made only under symmetric keys', () => {
    const key = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' });

    // AWS's message has no full stop
    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('You cannot generate a data key pair with an asymmetric CMK');
  });

  it.each([
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
    ['ECC_NIST_P521', 'KEY_AGREEMENT'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for GenerateDataKeyPair.`);
  });

  it('refuses an unknown KeyPairSpec with ValidationException, and a missing one', () => {
    const unknown = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'RSA_1024' as KeyPairSpec });
    expectKmsError(unknown, 'ValidationException', "1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [");

    const missing = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId } as never);
    expect(expectKmsError(missing, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyPairSpec' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses SM2, which only the China Regions offer, with UnsupportedOperationException', () => {
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'SM2' }), 'UnsupportedOperationException');
  });

  it('refuses a disabled key with DisabledException, and a key pending deletion with KMSInvalidStateException', () => {
    const disabled = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, deleting);

    const call = (key: TestKey) => sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(expectKmsError(call(disabled), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(call(deleting), 'KMSInvalidStateException').message).toBe(`${deleting.arn} is pending deletion.`);
  });

  it('refuses a Recipient (Nitro Enclaves attestation), which the sandbox cannot verify, with UnsupportedOperationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', {
      KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256', Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: 'ZG9j' },
    });

    expectKmsError(outcome, 'UnsupportedOperationException', 'Nitro Enclaves');
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: UNKNOWN_KEY_ID, KeyPairSpec: 'ECC_NIST_P256' }), 'NotFoundException');
  });

  it('answers a DryRun with DryRunOperationException and no key pair', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256', DryRun: true });

    expectKmsError(outcome, 'DryRunOperationException');
  });

  it('records the call in CloudTrail with the key pair spec, never the private key', () => {
    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyPair', { KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256' }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'GenerateDataKeyPair', resources: [{ ARN: wrapping.arn }] });
    expect(record?.requestParameters).toMatchObject({ keyId: wrapping.keyId, keyPairSpec: 'ECC_NIST_P256' });
    const trail = JSON.stringify(record);
    const privateKey = Buffer.from(output.PrivateKeyPlaintext ?? []);
    expect(trail).not.toContain(privateKey.toString('base64').slice(20, 80));
    expect(trail).not.toContain(privateKey.toString('hex').slice(40, 120));
  });
});
