/**
 * The cryptographic operations through the real AWS SDK v3 against the endpoint: Encrypt,
 * Decrypt, ReEncrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext and GenerateRandom.
 * Blobs go out and come back as Uint8Array; outputs name keys by ARN.
 */
import {
  CreateAliasCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  type EncryptionAlgorithmSpec,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const PLAINTEXT = new TextEncoder().encode('the quick brown fox');
const CONTEXT = { purpose: 'sdk-test' };
const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';
const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
let kms: KMSClient;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  kms = kmsClient(endpoint.url);
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

async function encrypted(key: SdkKey, plaintext: Uint8Array = PLAINTEXT, context: Record<string, string> = CONTEXT): Promise<Uint8Array> {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: plaintext, EncryptionContext: context }));
  if (!CiphertextBlob) return expect.fail('Encrypt returned no CiphertextBlob');
  return CiphertextBlob;
}

async function disabledKey(): Promise<SdkKey> {
  const key = await createSdkKey(kms);
  await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));
  return key;
}

async function pendingDeletionKey(): Promise<SdkKey> {
  const key = await createSdkKey(kms);
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
  return key;
}

function flipLastByte(blob: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(blob);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
  return copy;
}

describe('Encrypt', () => {
  it.each(['key id', 'key ARN', 'alias name'] as const)('encrypts under a key named by its %s and answers with the key ARN', async (form) => {
    const key = await createSdkKey(kms);
    const alias = `alias/encrypt-${key.keyId}`;
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.keyId }));
    const keyId = { 'key id': key.keyId, 'key ARN': key.arn, 'alias name': alias }[form];

    const output = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT }));

    expect(output.KeyId).toBe(key.arn);
    expect(output.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(output.CiphertextBlob).toBeInstanceOf(Uint8Array);
    expect(output.CiphertextBlob?.length).toBeGreaterThan(PLAINTEXT.length);
    expect(Buffer.from(output.CiphertextBlob ?? []).includes(Buffer.from(PLAINTEXT))).toBe(false);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await disabledKey();

    const error = await expectSdkError(kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for an unknown alias', async () => {
    const error = await expectSdkError(kms.send(new EncryptCommand({ KeyId: 'alias/missing', Plaintext: PLAINTEXT })), 'NotFoundException');

    expect(error.message).toBe(`Alias arn:aws:kms:us-east-1:${endpoint.sandbox.accountId}:alias/missing is not found.`);
  });

  it('fails with ValidationException for a plaintext over 4096 bytes', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(
      kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array(4097) })),
      'ValidationException',
      "at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('fails with InvalidKeyUsageException for an asymmetric algorithm on a symmetric key', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(
      kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' as EncryptionAlgorithmSpec })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
  });

  it('answers a DryRun that would succeed with DryRunOperationException', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT, DryRun: true })), 'DryRunOperationException');

    expect(error.message).toBe(DRY_RUN);
  });
});

describe('Decrypt', () => {
  it('round-trips Encrypt: the plaintext comes back as the same bytes in a Uint8Array, with the key ARN', async () => {
    const key = await createSdkKey(kms);
    const blob = await encrypted(key);

    const output = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT }));

    expect(output.Plaintext).toBeInstanceOf(Uint8Array);
    expect(output.Plaintext).toEqual(PLAINTEXT);
    expect(output.KeyId).toBe(key.arn);
    expect(output.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
  });

  it('round-trips every byte value', async () => {
    const key = await createSdkKey(kms);
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

    const output = await kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key, everyByte), EncryptionContext: CONTEXT, KeyId: key.arn }));

    expect(output.Plaintext).toEqual(everyByte);
  });

  it('fails with InvalidCiphertextException for a tampered ciphertext', async () => {
    const key = await createSdkKey(kms);
    const blob = await encrypted(key);

    await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: flipLastByte(blob), EncryptionContext: CONTEXT })), 'InvalidCiphertextException');
  });

  it('fails with InvalidCiphertextException for another encryption context', async () => {
    const key = await createSdkKey(kms);
    const blob = await encrypted(key);

    await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'other' } })), 'InvalidCiphertextException');
  });

  it('fails with IncorrectKeyException when KeyId names another key', async () => {
    const key = await createSdkKey(kms);
    const other = await createSdkKey(kms);
    const blob = await encrypted(key);

    const error = await expectSdkError(
      kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT, KeyId: other.arn })),
      'IncorrectKeyException',
    );

    expect(error.message).toBe(INCORRECT_KEY);
  });

  it('fails with DisabledException once the key is disabled', async () => {
    const key = await createSdkKey(kms);
    const blob = await encrypted(key);
    await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));

    const error = await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('answers a DryRun that would succeed with DryRunOperationException', async () => {
    const key = await createSdkKey(kms);
    const blob = await encrypted(key);

    const error = await expectSdkError(
      kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT, DryRun: true })),
      'DryRunOperationException',
    );

    expect(error.message).toBe(DRY_RUN);
  });
});

describe('ReEncrypt', () => {
  it('moves a ciphertext to another key and context; Decrypt then gives the same plaintext', async () => {
    const source = await createSdkKey(kms);
    const destination = await createSdkKey(kms);
    const blob = await encrypted(source);

    const output = await kms.send(
      new ReEncryptCommand({ CiphertextBlob: blob, SourceEncryptionContext: CONTEXT, DestinationKeyId: destination.keyId, DestinationEncryptionContext: { stage: 'two' } }),
    );

    expect(output).toMatchObject({ SourceKeyId: source.arn, KeyId: destination.arn });
    expect(output.CiphertextBlob).toBeInstanceOf(Uint8Array);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: output.CiphertextBlob, EncryptionContext: { stage: 'two' } }));
    expect(decrypted.Plaintext).toEqual(PLAINTEXT);
    expect(decrypted.KeyId).toBe(destination.arn);
  });

  it('fails with InvalidCiphertextException for a tampered ciphertext', async () => {
    const source = await createSdkKey(kms);
    const blob = await encrypted(source);

    await expectSdkError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: flipLastByte(blob), SourceEncryptionContext: CONTEXT, DestinationKeyId: source.keyId })),
      'InvalidCiphertextException',
    );
  });

  it('fails with IncorrectKeyException when SourceKeyId names another key', async () => {
    const source = await createSdkKey(kms);
    const other = await createSdkKey(kms);
    const blob = await encrypted(source);

    const error = await expectSdkError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceEncryptionContext: CONTEXT, SourceKeyId: other.keyId, DestinationKeyId: source.keyId })),
      'IncorrectKeyException',
    );

    expect(error.message).toBe(INCORRECT_KEY);
  });

  it('fails with DisabledException when the destination key is disabled', async () => {
    const source = await createSdkKey(kms);
    const destination = await disabledKey();
    const blob = await encrypted(source);

    const error = await expectSdkError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceEncryptionContext: CONTEXT, DestinationKeyId: destination.keyId })),
      'DisabledException',
    );

    expect(error.message).toBe(`${destination.arn} is disabled.`);
  });
});

describe('GenerateDataKey', () => {
  it.each([
    ['AES_128', 16],
    ['AES_256', 32],
  ] as const)('makes a %s data key of %i bytes whose CiphertextBlob decrypts to the same Plaintext', async (keySpec, length) => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: keySpec, EncryptionContext: CONTEXT }));

    expect(output.KeyId).toBe(key.arn);
    expect(output.Plaintext).toBeInstanceOf(Uint8Array);
    expect(output.Plaintext).toHaveLength(length);
    expect(output.CiphertextBlob).toBeInstanceOf(Uint8Array);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: output.CiphertextBlob, EncryptionContext: CONTEXT }));
    expect(decrypted.Plaintext).toEqual(output.Plaintext);
  });

  it('makes a data key of NumberOfBytes 16 as the Encryption SDK asks for AES-128 suites', async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new GenerateDataKeyCommand({ KeyId: key.arn, NumberOfBytes: 16 }));

    expect(output.Plaintext).toHaveLength(16);
    expect(output.KeyId).toBe(key.arn);
  });

  it('fails with ValidationException when neither KeySpec nor NumberOfBytes is given', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId })), 'ValidationException');

    expect(error.message).toBe('Please specify either number of bytes or key spec.');
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('answers a DryRun that would succeed with DryRunOperationException', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256', DryRun: true })), 'DryRunOperationException');

    expect(error.message).toBe(DRY_RUN);
  });
});

describe('GenerateDataKeyWithoutPlaintext', () => {
  it('returns only a CiphertextBlob, which Decrypt opens to a 32-byte data key', async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }));

    expect(output.KeyId).toBe(key.arn);
    expect(output).not.toHaveProperty('Plaintext');
    expect(output.CiphertextBlob).toBeInstanceOf(Uint8Array);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: output.CiphertextBlob, EncryptionContext: CONTEXT }));
    expect(decrypted.Plaintext).toHaveLength(32);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await disabledKey();

    const error = await expectSdkError(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.keyId, KeySpec: 'AES_128' })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });
});

describe('GenerateRandom', () => {
  it.each([1, 32, 1024])('returns %i random bytes as a Uint8Array', async (n) => {
    const output = await kms.send(new GenerateRandomCommand({ NumberOfBytes: n }));

    expect(output.Plaintext).toBeInstanceOf(Uint8Array);
    expect(output.Plaintext).toHaveLength(n);
  });

  it('returns different bytes on every call', async () => {
    const first = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    const second = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));

    expect(first.Plaintext).not.toEqual(second.Plaintext);
  });

  it('fails with ValidationException for NumberOfBytes 1025', async () => {
    const error = await expectSdkError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })), 'ValidationException');

    expect(error.message).toBe(
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
  });
});

describe('cryptography coverage', () => {
  it('sent every operation of the group through the SDK, with a success and an AWS error each', () => {
    recorder.expectGroupExercised('cryptography');
  });
});
