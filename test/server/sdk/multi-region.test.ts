/**
 * Multi-Region keys through the real AWS SDK v3 against one endpoint in three Regions
 * (us-east-1, eu-west-1, ap-southeast-2): CreateKey MultiRegion, ReplicateKey (Creating until
 * the virtual clock moves with KmsSandbox.AdvanceClock), cross-Region cryptography, DescribeKey's
 * MultiRegionConfiguration, UpdatePrimaryRegion, and their errors as the SDK surfaces them.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  VerifyMacCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, sandboxControl, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const START = new Date('2030-01-01T00:00:00.000Z');
const ACCOUNT = '111122223333';
const EAST = 'us-east-1';
const WEST = 'eu-west-1';
const SOUTH = 'ap-southeast-2';
/** Seconds a new replica is Creating, and both keys are Updating, in the sandbox. */
const SETTLE_SECONDS = 30;
const PLAINTEXT = new TextEncoder().encode('multi-Region secret');
const CONTEXT = { app: 'orders', stage: 'dr' };

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
const clients: Record<string, KMSClient> = {};

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  for (const region of [EAST, WEST, SOUTH]) clients[region] = kmsClient(endpoint.url, region);
});

afterAll(async () => {
  for (const client of Object.values(clients)) client.destroy();
  await endpoint?.close();
});

function kms(region: string): KMSClient {
  const client = clients[region];
  if (!client) return expect.fail(`no client for ${region}`);
  return client;
}

function arnIn(region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;
}

async function advanceClock(seconds: number): Promise<void> {
  await sandboxControl(endpoint.url, 'AdvanceClock', { Seconds: seconds });
}

async function describeIn(region: string, keyId: string) {
  const { KeyMetadata } = await kms(region).send(new DescribeKeyCommand({ KeyId: keyId }));
  if (!KeyMetadata) return expect.fail('DescribeKey returned no KeyMetadata');
  return KeyMetadata;
}

/** A multi-Region primary in us-east-1. */
async function createPrimary(input: CreateKeyCommandInput = {}): Promise<SdkKey> {
  return createSdkKey(kms(EAST), { Description: 'sdk primary', ...input, MultiRegion: true });
}

/** A primary in us-east-1 with Enabled replicas in eu-west-1 and ap-southeast-2. */
async function createKeySet(input: CreateKeyCommandInput = {}): Promise<SdkKey> {
  const primary = await createPrimary(input);
  for (const region of [WEST, SOUTH]) await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: region }));
  await advanceClock(SETTLE_SECONDS);
  return primary;
}

describe('CreateKey with MultiRegion', () => {
  it('returns an mrk- key with a PRIMARY MultiRegionConfiguration and no replicas', async () => {
    const { KeyMetadata } = await kms(EAST).send(new CreateKeyCommand({ MultiRegion: true }));

    expect(KeyMetadata?.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(KeyMetadata).toMatchObject({
      MultiRegion: true,
      MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: KeyMetadata?.Arn, Region: EAST }, ReplicaKeys: [] },
    });
  });
});

describe('ReplicateKey', () => {
  it('returns a Creating replica with the same key id, an ARN in the replica Region, its policy as a string and its tags', async () => {
    const primary = await createPrimary();

    const output = await kms(EAST).send(
      new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST, Description: 'Irish copy', Tags: [{ TagKey: 'site', TagValue: 'ie' }] }),
    );

    expect(output.ReplicaKeyMetadata).toMatchObject({
      KeyId: primary.keyId,
      Arn: arnIn(WEST, primary.keyId),
      Description: 'Irish copy',
      KeyState: 'Creating',
      Enabled: false,
      MultiRegion: true,
      MultiRegionConfiguration: {
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: primary.arn, Region: EAST },
        ReplicaKeys: [{ Arn: arnIn(WEST, primary.keyId), Region: WEST }],
      },
    });
    expect(output.ReplicaKeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(typeof output.ReplicaPolicy).toBe('string');
    expect(JSON.parse(output.ReplicaPolicy ?? '')).toMatchObject({ Statement: expect.any(Array) });
    expect(output.ReplicaTags).toEqual([{ TagKey: 'site', TagValue: 'ie' }]);
  });

  it('refuses cryptography under a Creating replica, then serves it once AdvanceClock passes the creation time', async () => {
    const primary = await createPrimary();
    await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: SOUTH }));

    const error = await expectSdkError(
      kms(SOUTH).send(new EncryptCommand({ KeyId: primary.keyId, Plaintext: PLAINTEXT })),
      'KMSInvalidStateException',
    );
    expect(error.message).toBe(`${arnIn(SOUTH, primary.keyId)} is creating.`);

    await advanceClock(SETTLE_SECONDS);

    expect(await describeIn(SOUTH, primary.keyId)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
    const { KeyId } = await kms(SOUTH).send(new EncryptCommand({ KeyId: primary.keyId, Plaintext: PLAINTEXT }));
    expect(KeyId).toBe(arnIn(SOUTH, primary.keyId));
  });

  it('shows every replica in DescribeKey from each Region: the primary lists them, each replica lists itself too', async () => {
    const primary = await createKeySet();
    const replicaKeys = [
      { Arn: arnIn(WEST, primary.keyId), Region: WEST },
      { Arn: arnIn(SOUTH, primary.keyId), Region: SOUTH },
    ];

    expect((await describeIn(EAST, primary.keyId)).MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: primary.arn, Region: EAST },
      ReplicaKeys: replicaKeys,
    });
    for (const region of [WEST, SOUTH])
      expect((await describeIn(region, primary.keyId)).MultiRegionConfiguration).toEqual({
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: primary.arn, Region: EAST },
        ReplicaKeys: replicaKeys,
      });
  });

  it('decrypts in every other Region what one Region encrypted, with the encryption context', async () => {
    const primary = await createKeySet();

    for (const from of [EAST, WEST, SOUTH]) {
      const { CiphertextBlob } = await kms(from).send(new EncryptCommand({ KeyId: primary.keyId, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT }));
      for (const to of [EAST, WEST, SOUTH].filter((r) => r !== from)) {
        const output = await kms(to).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: CONTEXT }));
        expect(output.Plaintext, `${from} → ${to}`).toEqual(PLAINTEXT);
        expect(output.KeyId).toBe(arnIn(to, primary.keyId));
      }
    }
  });

  it('refuses another Region\'s ciphertext with the wrong encryption context (InvalidCiphertextException)', async () => {
    const primary = await createKeySet();
    const { CiphertextBlob } = await kms(EAST).send(new EncryptCommand({ KeyId: primary.keyId, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT }));

    await expectSdkError(kms(WEST).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'orders' } })), 'InvalidCiphertextException');
  });

  it('makes the same MAC with a multi-Region HMAC key in each Region', async () => {
    const primary = await createKeySet({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const Message = new TextEncoder().encode('mac across Regions');

    const { Mac } = await kms(EAST).send(new GenerateMacCommand({ KeyId: primary.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    const inSydney = await kms(SOUTH).send(new GenerateMacCommand({ KeyId: primary.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    const verified = await kms(WEST).send(new VerifyMacCommand({ KeyId: primary.keyId, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' }));

    expect(inSydney.Mac).toEqual(Mac);
    expect(verified.MacValid).toBe(true);
  });

  it('fails with AlreadyExistsException for a Region that already has a replica', async () => {
    const primary = await createPrimary();
    await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST }));

    await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST })), 'AlreadyExistsException');
  });

  it("fails with AlreadyExistsException for the primary's own Region", async () => {
    const primary = await createPrimary();

    await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: EAST })), 'AlreadyExistsException');
  });

  it('fails with UnsupportedOperationException for a single-Region key', async () => {
    const key = await createSdkKey(kms(EAST));

    const error = await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: key.keyId, ReplicaRegion: WEST })), 'UnsupportedOperationException');

    expect(error.message).toContain(key.arn);
  });

  it('fails with UnsupportedOperationException for a replica', async () => {
    const primary = await createKeySet();

    const error = await expectSdkError(kms(WEST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: 'eu-central-1' })), 'UnsupportedOperationException');

    expect(error.message).toContain(arnIn(WEST, primary.keyId));
  });

  it('fails with NotFoundException for an unknown key, and for a key of another Region', async () => {
    const unknown = 'mrk-0123456789abcdef0123456789abcdef';
    const primary = await createPrimary();

    const error = await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: unknown, ReplicaRegion: WEST })), 'NotFoundException');
    expect(error.message).toBe(`Key '${arnIn(EAST, unknown)}' does not exist`);
    await expectSdkError(kms(SOUTH).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST })), 'NotFoundException');
  });

  it('fails with KMSInvalidStateException for a primary waiting for its replicas to be deleted', async () => {
    const primary = await createPrimary();
    await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST }));
    const scheduled = await kms(EAST).send(new ScheduleKeyDeletionCommand({ KeyId: primary.keyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate).toBeUndefined();

    await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: SOUTH })), 'KMSInvalidStateException', 'is pending replica deletion.');
  });
});

describe('UpdatePrimaryRegion', () => {
  it('makes the eu-west-1 replica the primary: both keys Updating and usable, then roles swapped', async () => {
    // Given a key set with its primary in us-east-1 and ciphertext made there
    const primary = await createKeySet();
    const { CiphertextBlob } = await kms(EAST).send(new EncryptCommand({ KeyId: primary.keyId, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT }));

    // When the primary moves to eu-west-1
    const output = await kms(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: primary.keyId, PrimaryRegion: WEST }));

    // Then both keys are Updating for a while, still decrypting
    expect(output.$metadata.httpStatusCode).toBe(200);
    for (const region of [EAST, WEST]) {
      expect((await describeIn(region, primary.keyId)).KeyState).toBe('Updating');
      expect((await kms(region).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: CONTEXT }))).Plaintext).toEqual(PLAINTEXT);
    }

    // And once the clock moves they are Enabled with the roles swapped, in every Region's view
    await advanceClock(SETTLE_SECONDS);
    const west = await describeIn(WEST, primary.keyId);
    expect(west).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: arnIn(WEST, primary.keyId), Region: WEST } } });
    expect(west.MultiRegionConfiguration?.ReplicaKeys?.map((r) => r.Region).sort()).toEqual([EAST, SOUTH].sort());
    for (const region of [EAST, SOUTH])
      expect(await describeIn(region, primary.keyId)).toMatchObject({
        KeyState: 'Enabled',
        MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA', PrimaryKey: { Arn: arnIn(WEST, primary.keyId), Region: WEST } },
      });

    // And the new primary can replicate while the old one cannot
    await expectSdkError(kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: 'eu-central-1' })), 'UnsupportedOperationException');
    const replicated = await kms(WEST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: 'eu-central-1' }));
    expect(replicated.ReplicaKeyMetadata?.MultiRegionConfiguration?.PrimaryKey).toEqual({ Arn: arnIn(WEST, primary.keyId), Region: WEST });
  });

  it('fails with UnsupportedOperationException when KeyId is a replica', async () => {
    const primary = await createKeySet();

    const error = await expectSdkError(kms(WEST).send(new UpdatePrimaryRegionCommand({ KeyId: primary.keyId, PrimaryRegion: SOUTH })), 'UnsupportedOperationException');

    expect(error.message).toContain(arnIn(WEST, primary.keyId));
    expect((await describeIn(EAST, primary.keyId)).MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
  });

  it('fails with UnsupportedOperationException for a single-Region key', async () => {
    const key = await createSdkKey(kms(EAST));

    await expectSdkError(kms(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: key.keyId, PrimaryRegion: WEST })), 'UnsupportedOperationException');
  });

  it('fails with NotFoundException for a Region without a replica', async () => {
    const primary = await createPrimary();
    await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: WEST }));
    await advanceClock(SETTLE_SECONDS);

    const error = await expectSdkError(kms(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: primary.keyId, PrimaryRegion: SOUTH })), 'NotFoundException');

    expect(error.message).toContain(SOUTH);
    expect((await describeIn(EAST, primary.keyId)).KeyState).toBe('Enabled');
  });

  it("fails with ValidationException for the primary's own Region", async () => {
    const primary = await createKeySet();

    await expectSdkError(kms(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: primary.keyId, PrimaryRegion: EAST })), 'ValidationException');
    expect((await describeIn(EAST, primary.keyId)).MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
  });

  it('fails with KMSInvalidStateException while the replica is still Creating', async () => {
    const primary = await createPrimary();
    await kms(EAST).send(new ReplicateKeyCommand({ KeyId: primary.keyId, ReplicaRegion: SOUTH }));

    const error = await expectSdkError(kms(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: primary.keyId, PrimaryRegion: SOUTH })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${arnIn(SOUTH, primary.keyId)} is creating.`);
  });
});

describe('multi-Region coverage', () => {
  it('exercised ReplicateKey and UpdatePrimaryRegion through the SDK with successes and AWS errors', () => {
    recorder.expectGroupExercised('multi-region');
  });
});
