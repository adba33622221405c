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
  UNKNOWN_KEY_ID,
} from '../../helpers/sim.js';

const PLAINTEXT = Buffer.from('hi');

describe('Encrypt', () => {
  it.each(KEY_REFERENCE_FORMS)('encrypts under the key named by its %s and returns the key ARN', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/app');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keyReference(key, form, alias), Plaintext: PLAINTEXT }),
    );

    expect(output.KeyId).toBe(key.arn);
    expect(output.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(Buffer.from(output.CiphertextBlob).includes(PLAINTEXT)).toBe(false);
    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: output.CiphertextBlob }));
    expect(Buffer.from(decrypted.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('binds the encryption context, so Decrypt needs the same context', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    const context = { purpose: 'demo', team: 'payments' };

    const { CiphertextBlob } = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionContext: context }),
    );

    const withContext = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(withContext.Plaintext).equals(PLAINTEXT)).toBe(true);
    const without = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob }));
    expect(without.code).toBe('InvalidCiphertextException');
  });

  it.each([1, 4096])('encrypts a plaintext of %i bytes', (length) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    const plaintext = Buffer.alloc(length, 7);

    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext }));

    const decrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob }));
    expect(Buffer.from(decrypted.Plaintext).equals(plaintext)).toBe(true);
  });

  it.each([
    [0, 'Member must have length greater than or equal to 1'],
    [4097, 'Member must have length less than or equal to 4096'],
  ])('refuses a plaintext of %i bytes with a ValidationException that does not show the value', (length, constraint) => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.alloc(length, 0x41) }),
    );

    expect(error).toEqual({
      code: 'ValidationException',
      message: `1 validation error detected: Value at 'plaintext' failed to satisfy constraint: ${constraint}`,
      fault: false,
    });
  });

  it('refuses a request without KeyId with a ValidationException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { Plaintext: PLAINTEXT }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe("1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
  });

  it('refuses a disabled key with DisabledException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT }));

    expect(error).toEqual({ code: 'DisabledException', message: `${key.arn} is disabled.`, fault: false });
  });

  it('refuses a key pending deletion with KMSInvalidStateException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT }));

    expect(error.code).toBe('KMSInvalidStateException');
    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('refuses an unknown key id with NotFoundException naming its ARN', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: UNKNOWN_KEY_ID, Plaintext: PLAINTEXT }));

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Key 'arn:aws:kms:${REGION}:${sandbox.accountId}:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('refuses an unknown alias with NotFoundException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/missing', Plaintext: PLAINTEXT }));

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Alias arn:aws:kms:${REGION}:${sandbox.accountId}:alias/missing is not found.`);
  });

  it('refuses a malformed key id with NotFoundException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: 'fake-key-id', Plaintext: PLAINTEXT }));

    expect(error).toEqual({ code: 'NotFoundException', message: "Invalid keyId 'fake-key-id'", fault: false });
  });

  it('refuses an asymmetric algorithm on a symmetric key with InvalidKeyUsageException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );

    expect(error.code).toBe('InvalidKeyUsageException');
    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
  });

  it('accepts SYMMETRIC_DEFAULT named explicitly', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
    );

    expect(output.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
  });

  it('answers a DryRun that would succeed with DryRunOperationException', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, DryRun: true }));

    expect(error).toEqual({
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      fault: false,
    });
  });

  it('reports the real error of a DryRun that would fail', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, DryRun: true }));

    expect(error.code).toBe('DisabledException');
  });
});
