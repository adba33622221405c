/**
 * The key lifecycle operations through the real AWS SDK v3 against the endpoint: CreateKey,
 * DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion and
 * UpdateKeyDescription, their success paths and their errors as the SDK surfaces them.
 */
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
  type DescribeKeyCommandInput,
  type KeySpec,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const START = new Date('2030-01-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const ACCOUNT = '111122223333';
const UNKNOWN_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ARN_PATTERN = new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`);

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
let kms: KMSClient;

beforeAll(async () => {
  // Quotas off: this file makes many keys faster than CreateKey's 5 per second.
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  kms = kmsClient(endpoint.url);
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

async function describeKey(keyId: string) {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  if (!KeyMetadata) return expect.fail('DescribeKey returned no KeyMetadata');
  return KeyMetadata;
}

async function pendingDeletionKey(): Promise<SdkKey> {
  const key = await createSdkKey(kms);
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
  return key;
}

describe('CreateKey', () => {
  it('creates an Enabled symmetric key and returns its metadata with an ARN and a Date', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'orders' }));

    expect(KeyMetadata).toMatchObject({
      AWSAccountId: ACCOUNT,
      Description: 'orders',
      Enabled: true,
      KeyState: 'Enabled',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      MultiRegion: false,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(KeyMetadata?.Arn).toMatch(ARN_PATTERN);
    expect(KeyMetadata?.Arn?.endsWith(`/${KeyMetadata.KeyId}`)).toBe(true);
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(KeyMetadata?.CreationDate?.getTime()).toBe(endpoint.sandbox.clock.nowMs);
  });

  it('keeps the tags it is given', async () => {
    const key = await createSdkKey(kms, { Tags: [{ TagKey: 'team', TagValue: 'payments' }] });

    const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: key.keyId }));

    expect(Tags).toEqual([{ TagKey: 'team', TagValue: 'payments' }]);
  });

  it('fails with TagException for duplicate tag keys', async () => {
    const error = await expectSdkError(
      kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'team', TagValue: 'a' }, { TagKey: 'team', TagValue: 'b' }] })),
      'TagException',
    );

    expect(error.message).toBe('Duplicate tag keys');
  });

  it('fails with ValidationException for a KeySpec outside the AWS enumeration', async () => {
    await expectSdkError(
      kms.send(new CreateKeyCommand({ KeySpec: 'AES_256' as KeySpec })),
      'ValidationException',
      "1 validation error detected: Value 'AES_256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [",
    );
  });

  it('fails with MalformedPolicyDocumentException for a policy that is not JSON', async () => {
    const error = await expectSdkError(kms.send(new CreateKeyCommand({ Policy: '{"Statement": [' })), 'MalformedPolicyDocumentException');

    expect(error.message).toBe('The policy is not valid JSON.');
  });

  it('creates a multi-Region primary key with an mrk- id', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    expect(KeyMetadata?.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(KeyMetadata?.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: KeyMetadata?.Arn, Region: 'us-east-1' }, ReplicaKeys: [] });
  });
});

describe('DescribeKey', () => {
  it.each(['key id', 'key ARN'] as const)('describes a key named by its %s', async (form) => {
    const key = await createSdkKey(kms, { Description: 'described' });

    const metadata = await describeKey(form === 'key id' ? key.keyId : key.arn);

    expect(metadata).toMatchObject({ KeyId: key.keyId, Arn: key.arn, Description: 'described', KeyState: 'Enabled' });
    expect(metadata.CreationDate).toBeInstanceOf(Date);
    expect(metadata.DeletionDate).toBeUndefined();
  });

  it('fails with NotFoundException for a malformed key id', async () => {
    const error = await expectSdkError(kms.send(new DescribeKeyCommand({ KeyId: 'not-a-key' })), 'NotFoundException');

    expect(error.message).toBe("Invalid keyId 'not-a-key'");
  });

  it('fails with NotFoundException naming the key ARN for an unknown key id', async () => {
    const error = await expectSdkError(kms.send(new DescribeKeyCommand({ KeyId: UNKNOWN_KEY_ID })), 'NotFoundException');

    expect(error.message).toBe(`Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with ValidationException when KeyId is missing', async () => {
    const error = await expectSdkError(kms.send(new DescribeKeyCommand({} as DescribeKeyCommandInput)), 'ValidationException');

    expect(error.message).toBe("1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
  });
});

describe('ListKeys', () => {
  it('lists keys with their ids and ARNs, paging with Limit and NextMarker', async () => {
    const made = [await createSdkKey(kms), await createSdkKey(kms), await createSdkKey(kms)];

    const listed: { KeyId?: string; KeyArn?: string }[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await kms.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
      expect(page.Keys?.length).toBeLessThanOrEqual(2);
      listed.push(...(page.Keys ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
      if (page.Truncated) expect(page.NextMarker).toEqual(expect.any(String));
      pages += 1;
    } while (marker);

    expect(pages).toBeGreaterThanOrEqual(2);
    for (const key of made) expect(listed).toContainEqual({ KeyId: key.keyId, KeyArn: key.arn });
    expect(listed).toHaveLength(endpoint.sandbox.keys('us-east-1').length);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', async () => {
    await expectSdkError(kms.send(new ListKeysCommand({ Marker: 'not-a-marker' })), 'InvalidMarkerException', 'Invalid marker');
  });

  it('fails with ValidationException for Limit 0', async () => {
    const error = await expectSdkError(kms.send(new ListKeysCommand({ Limit: 0 })), 'ValidationException');

    expect(error.message).toBe("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });
});

describe('DisableKey', () => {
  it('disables an Enabled key', async () => {
    const key = await createSdkKey(kms);

    await kms.send(new DisableKeyCommand({ KeyId: key.arn }));

    expect(await describeKey(key.keyId)).toMatchObject({ KeyState: 'Disabled', Enabled: false });
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new DisableKeyCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for an alias name, which it does not take', async () => {
    const error = await expectSdkError(kms.send(new DisableKeyCommand({ KeyId: 'alias/anything' })), 'NotFoundException');

    expect(error.message).toBe("Invalid keyId 'alias/anything'");
  });
});

describe('EnableKey', () => {
  it('enables a Disabled key', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));

    await kms.send(new EnableKeyCommand({ KeyId: key.keyId }));

    expect(await describeKey(key.keyId)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new EnableKeyCommand({ KeyId: key.arn })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for an unknown key id', async () => {
    const error = await expectSdkError(kms.send(new EnableKeyCommand({ KeyId: UNKNOWN_KEY_ID })), 'NotFoundException');

    expect(error.message).toBe(`Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${UNKNOWN_KEY_ID}' does not exist`);
  });
});

describe('ScheduleKeyDeletion', () => {
  it('moves the key to PendingDeletion and returns its ARN and DeletionDate as a Date', async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    expect(output).toMatchObject({ KeyId: key.arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(output.DeletionDate).toBeInstanceOf(Date);
    expect(output.DeletionDate?.getTime()).toBe(endpoint.sandbox.clock.nowMs + 7 * DAY_MS);
    const metadata = await describeKey(key.keyId);
    expect(metadata.KeyState).toBe('PendingDeletion');
    expect(metadata.DeletionDate).toBeInstanceOf(Date);
    expect(metadata.DeletionDate?.getTime()).toBe(output.DeletionDate?.getTime());
  });

  it('fails with KMSInvalidStateException for a key already pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with ValidationException for a waiting period of 6 days', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 6 })), 'ValidationException');

    expect(error.message).toBe(
      "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
    );
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
  });
});

describe('CancelKeyDeletion', () => {
  it('returns a key pending deletion to Disabled and answers with its ARN', async () => {
    const key = await pendingDeletionKey();

    const output = await kms.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));

    expect(output.KeyId).toBe(key.arn);
    const metadata = await describeKey(key.keyId);
    expect(metadata.KeyState).toBe('Disabled');
    expect(metadata.DeletionDate).toBeUndefined();
  });

  it('fails with KMSInvalidStateException for a key that is not pending deletion', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new CancelKeyDeletionCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is not pending deletion.`);
  });
});

describe('UpdateKeyDescription', () => {
  it('replaces the description', async () => {
    const key = await createSdkKey(kms, { Description: 'before' });

    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.arn, Description: 'after' }));

    expect((await describeKey(key.keyId)).Description).toBe('after');
  });

  it('fails with ValidationException for a description longer than 8192 characters', async () => {
    const key = await createSdkKey(kms, { Description: 'kept' });

    await expectSdkError(
      kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.keyId, Description: 'd'.repeat(8193) })),
      'ValidationException',
      /at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/,
    );
    expect((await describeKey(key.keyId)).Description).toBe('kept');
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.keyId, Description: 'x' })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

describe('key lifecycle coverage', () => {
  it('sent every operation of the group through the SDK, with a success and an AWS error each', () => {
    recorder.expectGroupExercised('key-lifecycle');
  });
});
