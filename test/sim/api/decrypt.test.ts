import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sim/index.js';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  expectError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  testSandbox,
  type TestKey,
} from '../../helpers/sim.js';

const PLAINTEXT = Buffer.from('hi');
const CONTEXT = { purpose: 'demo' };
const ACCESS_DENIED =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

function encrypted(sandbox: Sandbox, key: TestKey, context: Record<string, string> | undefined = CONTEXT): Buffer {
  const { CiphertextBlob } = expectOk(
    sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionContext: context }),
  );
  return Buffer.from(CiphertextBlob);
}

function setUp(): { sandbox: Sandbox; key: TestKey; blob: Buffer } {
  const sandbox = createSandbox();
  const key = createTestKey(sandbox);
  return { sandbox, key, blob: encrypted(sandbox, key) };
}

describe('Decrypt', () => {
  it('decrypts with the key named in the ciphertext when KeyId is omitted', () => {
    const { sandbox, key, blob } = setUp();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
    expect(output.KeyId).toBe(key.arn);
    expect(output.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(output.KeyMaterialId).toBe(sandbox.keys(REGION)[0]?.currentKeyMaterialId);
  });

  it.each(KEY_REFERENCE_FORMS)('decrypts when KeyId names the key by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/app');
    const blob = encrypted(sandbox, key);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', {
        CiphertextBlob: blob,
        EncryptionContext: CONTEXT,
        KeyId: keyReference(key, form, alias),
      }),
    );

    expect(output.KeyId).toBe(key.arn);
    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it.each<[string, (blob: Buffer) => Buffer, Record<string, string> | undefined]>([
    ['a body byte is altered', (b) => flipByte(b, b.length - 20), CONTEXT],
    ['the tag is altered', (b) => flipByte(b, b.length - 1), CONTEXT],
    ['the last byte is cut off', (b) => b.subarray(0, b.length - 1), CONTEXT],
    ['only the first 20 bytes remain', (b) => b.subarray(0, 20), CONTEXT],
    ['the blob is not a ciphertext at all', () => Buffer.from('this is not a ciphertext blob'), CONTEXT],
    ['the context has another value', (b) => b, { purpose: 'other' }],
    ['the context is missing', (b) => b, undefined],
    ['the context has an extra pair', (b) => b, { ...CONTEXT, extra: 'x' }],
    ['the context key differs in case', (b) => b, { Purpose: 'demo' }],
  ])('fails with InvalidCiphertextException when %s', (_case, mutate, context) => {
    const { sandbox, blob } = setUp();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: mutate(blob), EncryptionContext: context }));

    expect(error).toEqual({ code: 'InvalidCiphertextException', message: '', fault: false });
  });

  it('fails with IncorrectKeyException when KeyId names another key', () => {
    const { sandbox, blob } = setUp();
    const other = createTestKey(sandbox, REGION, 'other');

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT, KeyId: other.arn }),
    );

    expect(error.code).toBe('IncorrectKeyException');
    expect(error.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('fails with NotFoundException when KeyId names no key', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT, KeyId: 'alias/missing' }),
    );

    expect(error.code).toBe('NotFoundException');
  });

  it('fails with DisabledException when the key is disabled', () => {
    const { sandbox, key, blob } = setUp();
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(error).toEqual({ code: 'DisabledException', message: `${key.arn} is disabled.`, fault: false });
  });

  it('decrypts again once a disabled key is enabled', () => {
    const { sandbox, key, blob } = setUp();
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('fails with KMSInvalidStateException while the key is pending deletion', () => {
    const { sandbox, key, blob } = setUp();
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(error).toEqual({ code: 'KMSInvalidStateException', message: `${key.arn} is pending deletion.`, fault: false });
  });

  it('fails with AccessDeniedException once the key has been deleted', () => {
    const { sandbox, key, blob } = setUp();
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));
    sandbox.advanceClock(7 * DAY_MS);

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(error).toEqual({ code: 'AccessDeniedException', message: ACCESS_DENIED, fault: false });
  });

  it('fails with AccessDeniedException in another Region', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(sandbox.call('eu-west-1', sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(error).toEqual({ code: 'AccessDeniedException', message: ACCESS_DENIED, fault: false });
  });

  it('refuses an asymmetric algorithm with InvalidKeyUsageException', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', {
        CiphertextBlob: blob,
        EncryptionContext: CONTEXT,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );

    expect(error.code).toBe('InvalidKeyUsageException');
    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
  });

  it('answers a DryRun that would succeed with DryRunOperationException', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: CONTEXT, DryRun: true }),
    );

    expect(error.code).toBe('DryRunOperationException');
    expect(error.message).toBe('The request would have succeeded, but the DryRun option is set.');
  });

  it('answers a DryRun with IGNORE_CIPHERTEXT and a KeyId without needing a ciphertext', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    );

    expect(error.code).toBe('DryRunOperationException');
  });

  it('checks the key of a DryRun with IGNORE_CIPHERTEXT', () => {
    const sandbox = createSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    );

    expect(error.code).toBe('DisabledException');
  });

  it('refuses IGNORE_CIPHERTEXT without a KeyId with a ValidationException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('KeyId');
  });

  it('refuses a request without CiphertextBlob with a ValidationException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', {}));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
  });

  it('refuses a CiphertextBlob over 6144 bytes with a ValidationException', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: Buffer.alloc(6145, 1) }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144",
    );
  });

  it('refuses a Recipient with UnsupportedOperationException', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', {
        CiphertextBlob: blob,
        EncryptionContext: CONTEXT,
        Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: 'ZG9j' },
      }),
    );

    expect(error.code).toBe('UnsupportedOperationException');
  });
});

function flipByte(blob: Buffer, index: number): Buffer {
  const copy = Buffer.from(blob);
  copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}
