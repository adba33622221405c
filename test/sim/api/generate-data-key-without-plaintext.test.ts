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

const CONTEXT = { volume: 'vol-1' };

describe('GenerateDataKeyWithoutPlaintext', () => {
  it.each([
    ['KeySpec AES_128', { KeySpec: 'AES_128' as const }, 16],
    ['KeySpec AES_256', { KeySpec: 'AES_256' as const }, 32],
    ['NumberOfBytes 48', { NumberOfBytes: 48 }, 48],
  ])('returns only an encrypted data key, %s long once decrypted', (_case, length, bytes) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, EncryptionContext: CONTEXT, ...length }),
    );

    expect(output).not.toHaveProperty('Plaintext');
    expect(output.KeyId).toBe(key.arn);
    const decrypted = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.CiphertextBlob, EncryptionContext: CONTEXT }),
    );
    expect(decrypted.Plaintext).toHaveLength(bytes);
    expect(decrypted.KeyMaterialId).toBe(output.KeyMaterialId);
  });

  it('makes a different data key on every call', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    const dataKey = () => {
      const { CiphertextBlob } = expectOk(
        sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, KeySpec: 'AES_256' }),
      );
      return Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob })).Plaintext);
    };

    expect(dataKey().equals(dataKey())).toBe(false);
  });

  it.each(KEY_REFERENCE_FORMS)('uses the key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/data');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: keyReference(key, form, alias), KeySpec: 'AES_128' }),
    );

    expect(output.KeyId).toBe(key.arn);
  });

  it.each([
    ['neither KeySpec nor NumberOfBytes', {}],
    ['both KeySpec and NumberOfBytes', { KeySpec: 'AES_128' as const, NumberOfBytes: 16 }],
  ])('refuses %s with a ValidationException', (_case, length) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, ...length }));

    expect(error).toEqual({ code: 'ValidationException', message: 'Please specify either number of bytes or key spec.', fault: false });
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [1025, 'less than or equal to 1024'],
  ])('refuses NumberOfBytes %i with a ValidationException', (n, bound) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, NumberOfBytes: n }));

    expect(error.message).toBe(`1 validation error detected: Value '${n}' at 'numberOfBytes' failed to satisfy constraint: Member must have value ${bound}`);
  });

  it('refuses a disabled key with DisabledException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, KeySpec: 'AES_256' }));

    expect(error).toEqual({ code: 'DisabledException', message: `${key.arn} is disabled.`, fault: false });
  });

  it('refuses a key pending deletion with KMSInvalidStateException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, KeySpec: 'AES_256' }));

    expect(error).toEqual({ code: 'KMSInvalidStateException', message: `${key.arn} is pending deletion.`, fault: false });
  });

  it('refuses an unknown alias with NotFoundException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: 'alias/none', KeySpec: 'AES_256' }));

    expect(error.code).toBe('NotFoundException');
  });

  it('answers a DryRun that would succeed with DryRunOperationException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: key.keyId, KeySpec: 'AES_256', DryRun: true }),
    );

    expect(error.code).toBe('DryRunOperationException');
  });
});
