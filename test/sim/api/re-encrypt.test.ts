import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../../../src/sim/index.js';
import {
  createTestAlias,
  createTestKey,
  expectError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  testSandbox,
  type TestKey,
} from '../../helpers/sim.js';

const PLAINTEXT = Buffer.from('hi');
const OLD_CONTEXT = { purpose: 'old' };
const NEW_CONTEXT = { purpose: 'new' };

interface Fixture {
  readonly sandbox: Sandbox;
  readonly source: TestKey;
  readonly destination: TestKey;
  readonly blob: Buffer;
}

function setUp(): Fixture {
  const sandbox = testSandbox();
  const source = createTestKey(sandbox, REGION, 'source');
  const destination = createTestKey(sandbox, REGION, 'destination');
  const { CiphertextBlob } = expectOk(
    sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: source.keyId, Plaintext: PLAINTEXT, EncryptionContext: OLD_CONTEXT }),
  );
  return { sandbox, source, destination, blob: Buffer.from(CiphertextBlob) };
}

function decrypt(sandbox: Sandbox, blob: Uint8Array, context?: Record<string, string>, region = REGION) {
  return sandbox.call(region, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: context });
}

describe('ReEncrypt', () => {
  it('moves a ciphertext to another key and context without exposing the plaintext', () => {
    const { sandbox, source, destination, blob } = setUp();

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: destination.keyId,
        DestinationEncryptionContext: NEW_CONTEXT,
      }),
    );

    expect(output).not.toHaveProperty('Plaintext');
    expect(output.KeyId).toBe(destination.arn);
    expect(output.SourceKeyId).toBe(source.arn);
    expect(output.SourceEncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(output.DestinationEncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const views = sandbox.keys(REGION);
    expect(output.SourceKeyMaterialId).toBe(views.find((k) => k.keyId === source.keyId)?.currentKeyMaterialId);
    expect(output.DestinationKeyMaterialId).toBe(views.find((k) => k.keyId === destination.keyId)?.currentKeyMaterialId);
    const decrypted = expectOk(decrypt(sandbox, output.CiphertextBlob, NEW_CONTEXT));
    expect(decrypted.KeyId).toBe(destination.arn);
    expect(Buffer.from(decrypted.Plaintext).equals(PLAINTEXT)).toBe(true);
    expect(expectError(decrypt(sandbox, output.CiphertextBlob, OLD_CONTEXT)).code).toBe('InvalidCiphertextException');
  });

  it('changes only the context when the destination is the same key', () => {
    const { sandbox, source, blob } = setUp();

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: source.arn,
        DestinationEncryptionContext: NEW_CONTEXT,
      }),
    );

    expect(output.KeyId).toBe(source.arn);
    expect(Buffer.from(output.CiphertextBlob).equals(blob)).toBe(false);
    expect(Buffer.from(expectOk(decrypt(sandbox, output.CiphertextBlob, NEW_CONTEXT)).Plaintext).equals(PLAINTEXT)).toBe(true);
    expect(expectError(decrypt(sandbox, output.CiphertextBlob, OLD_CONTEXT)).code).toBe('InvalidCiphertextException');
    expect(expectError(decrypt(sandbox, output.CiphertextBlob)).code).toBe('InvalidCiphertextException');
  });

  it.each(KEY_REFERENCE_FORMS)('re-encrypts under a DestinationKeyId given as its %s', (form) => {
    const { sandbox, destination, blob } = setUp();
    const alias = createTestAlias(sandbox, destination, 'alias/destination');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: keyReference(destination, form, alias),
      }),
    );

    expect(output.KeyId).toBe(destination.arn);
    expect(Buffer.from(expectOk(decrypt(sandbox, output.CiphertextBlob)).Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it.each(KEY_REFERENCE_FORMS)('accepts a SourceKeyId given as its %s', (form) => {
    const { sandbox, source, destination, blob } = setUp();
    const alias = createTestAlias(sandbox, source, 'alias/source');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        SourceKeyId: keyReference(source, form, alias),
        DestinationKeyId: destination.keyId,
      }),
    );

    expect(output.SourceKeyId).toBe(source.arn);
  });

  it.each<[string, Record<string, string> | undefined]>([
    ['wrong', { purpose: 'other' }],
    ['missing', undefined],
    ['has an extra pair', { ...OLD_CONTEXT, extra: 'x' }],
  ])('fails with InvalidCiphertextException when the source context is %s', (_case, context) => {
    const { sandbox, destination, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: context, DestinationKeyId: destination.keyId }),
    );

    expect(error).toEqual({ code: 'InvalidCiphertextException', message: '', fault: false });
  });

  it('fails with InvalidCiphertextException for a tampered ciphertext', () => {
    const { sandbox, destination, blob } = setUp();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff;

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: tampered, SourceEncryptionContext: OLD_CONTEXT, DestinationKeyId: destination.keyId }),
    );

    expect(error.code).toBe('InvalidCiphertextException');
  });

  it('fails with IncorrectKeyException when SourceKeyId names another key', () => {
    const { sandbox, destination, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        SourceKeyId: destination.keyId,
        DestinationKeyId: destination.keyId,
      }),
    );

    expect(error.code).toBe('IncorrectKeyException');
    expect(error.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('fails with NotFoundException when the destination key does not exist', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: OLD_CONTEXT, DestinationKeyId: 'alias/missing' }),
    );

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Alias arn:aws:kms:${REGION}:${sandbox.accountId}:alias/missing is not found.`);
  });

  it.each(['source', 'destination'] as const)('fails with DisabledException when the %s key is disabled', (which) => {
    const fixture = setUp();
    const { sandbox, destination, blob } = fixture;
    const disabled = fixture[which];
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: OLD_CONTEXT, DestinationKeyId: destination.keyId }),
    );

    expect(error).toEqual({ code: 'DisabledException', message: `${disabled.arn} is disabled.`, fault: false });
  });

  it.each(['source', 'destination'] as const)('fails with KMSInvalidStateException when the %s key is pending deletion', (which) => {
    const fixture = setUp();
    const { sandbox, destination, blob } = fixture;
    const pending = fixture[which];
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: pending.keyId, PendingWindowInDays: 7 }));

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: OLD_CONTEXT, DestinationKeyId: destination.keyId }),
    );

    expect(error).toEqual({ code: 'KMSInvalidStateException', message: `${pending.arn} is pending deletion.`, fault: false });
  });

  it('fails with AccessDeniedException for a ciphertext of another Region', () => {
    const { sandbox, blob } = setUp();
    const euKey = createTestKey(sandbox, 'eu-west-1');

    const error = expectError(
      sandbox.call('eu-west-1', sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: OLD_CONTEXT, DestinationKeyId: euKey.keyId }),
    );

    expect(error.code).toBe('AccessDeniedException');
    expect(error.message).toBe(
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  });

  it('refuses an asymmetric destination algorithm with InvalidKeyUsageException', () => {
    const { sandbox, destination, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: destination.keyId,
        DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );

    expect(error.code).toBe('InvalidKeyUsageException');
    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
  });

  it('refuses an asymmetric source algorithm with InvalidKeyUsageException', () => {
    const { sandbox, destination, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: destination.keyId,
        SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );

    expect(error.code).toBe('InvalidKeyUsageException');
  });

  it('answers a DryRun that would succeed with DryRunOperationException', () => {
    const { sandbox, destination, blob } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: OLD_CONTEXT,
        DestinationKeyId: destination.keyId,
        DryRun: true,
      }),
    );

    expect(error.code).toBe('DryRunOperationException');
    expect(error.message).toBe('The request would have succeeded, but the DryRun option is set.');
  });

  it('answers a DryRun with IGNORE_CIPHERTEXT and a SourceKeyId without needing a ciphertext', () => {
    const { sandbox, source, destination } = setUp();

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        SourceKeyId: source.keyId,
        DestinationKeyId: destination.keyId,
        DryRun: true,
        DryRunModifiers: ['IGNORE_CIPHERTEXT'],
      }),
    );

    expect(error.code).toBe('DryRunOperationException');
  });

  it('checks the destination key of a DryRun with IGNORE_CIPHERTEXT', () => {
    const { sandbox, source, destination } = setUp();
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: destination.keyId }));

    const error = expectError(
      sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
        SourceKeyId: source.keyId,
        DestinationKeyId: destination.keyId,
        DryRun: true,
        DryRunModifiers: ['IGNORE_CIPHERTEXT'],
      }),
    );

    expect(error).toEqual({ code: 'DisabledException', message: `${destination.arn} is disabled.`, fault: false });
  });

  it('refuses a request without DestinationKeyId with a ValidationException', () => {
    const { sandbox, blob } = setUp();

    const error = expectError(sandbox.call(REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext: OLD_CONTEXT }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value null at 'destinationKeyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
