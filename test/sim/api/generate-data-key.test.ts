import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import {
  createTestAlias,
  createTestKey,
  expectError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  testSandbox,
} from '../../helpers/sim.js';

const CONTEXT = { bucket: 'reports' };

describe('GenerateDataKey', () => {
  it.each([
    ['KeySpec AES_128', { KeySpec: 'AES_128' as const }, 16],
    ['KeySpec AES_256', { KeySpec: 'AES_256' as const }, 32],
    ['NumberOfBytes 1', { NumberOfBytes: 1 }, 1],
    ['NumberOfBytes 24', { NumberOfBytes: 24 }, 24],
    ['NumberOfBytes 1024', { NumberOfBytes: 1024 }, 1024],
  ])('makes a data key of the right length for %s', (_case, length, bytes) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, ...length }));

    expect(output.Plaintext).toHaveLength(bytes);
    expect(output.KeyId).toBe(key.arn);
  });

  it('returns a CiphertextBlob that Decrypt turns back into the same Plaintext', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    );

    const decrypted = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.CiphertextBlob, EncryptionContext: CONTEXT }),
    );
    expect(Buffer.from(decrypted.Plaintext).equals(Buffer.from(output.Plaintext))).toBe(true);
    expect(decrypted.KeyId).toBe(key.arn);
    expect(output.KeyMaterialId).toBe(decrypted.KeyMaterialId);
    expect(expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.CiphertextBlob })).code).toBe(
      'InvalidCiphertextException',
    );
  });

  it('makes a fresh data key on every call', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256' }));
    const second = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256' }));

    expect(Buffer.from(first.Plaintext).equals(Buffer.from(second.Plaintext))).toBe(false);
  });

  it.each(KEY_REFERENCE_FORMS)('uses the key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/data');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: keyReference(key, form, alias), NumberOfBytes: 32 }),
    );

    expect(output.KeyId).toBe(key.arn);
  });

  it.each([
    ['neither KeySpec nor NumberOfBytes', {}],
    ['both KeySpec and NumberOfBytes', { KeySpec: 'AES_256' as const, NumberOfBytes: 32 }],
  ])('refuses %s with a ValidationException', (_case, length) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, ...length }));

    expect(error).toEqual({ code: 'ValidationException', message: 'Please specify either number of bytes or key spec.', fault: false });
  });

  it.each([
    [0, 'Member must have value greater than or equal to 1'],
    [1025, 'Member must have value less than or equal to 1024'],
  ])('refuses NumberOfBytes %i with a ValidationException', (n, constraint) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, NumberOfBytes: n }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(`1 validation error detected: Value '${n}' at 'numberOfBytes' failed to satisfy constraint: ${constraint}`);
  });

  it('refuses an unknown KeySpec with a ValidationException naming the allowed values', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_512' }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]",
    );
  });

  it('refuses a disabled key with DisabledException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256' }));

    expect(error).toEqual({ code: 'DisabledException', message: `${key.arn} is disabled.`, fault: false });
  });

  it('refuses a key pending deletion with KMSInvalidStateException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256' }));

    expect(error).toEqual({ code: 'KMSInvalidStateException', message: `${key.arn} is pending deletion.`, fault: false });
  });

  it('refuses an unknown key with NotFoundException', () => {
    const sandbox = createSandbox();
    const keyId = '0f0e0d0c-0b0a-4908-8706-050403020100';

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' }));

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Key 'arn:aws:kms:${REGION}:${sandbox.accountId}:key/${keyId}' does not exist`);
  });

  it('answers a DryRun that would succeed with DryRunOperationException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256', DryRun: true }));

    expect(error.code).toBe('DryRunOperationException');
    expect(error.message).toBe('The request would have succeeded, but the DryRun option is set.');
  });

  it('refuses a Recipient with UnsupportedOperationException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', {
        KeyId: key.keyId,
        KeySpec: 'AES_256',
        Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: 'ZG9j' },
      }),
    );

    expect(error.code).toBe('UnsupportedOperationException');
  });
});
