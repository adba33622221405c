/**
 * Multi-Region keys across the simulator: shared key id and material (ciphertext, signatures,
 * MACs and public keys valid in every Region), independent Regional properties, shared rotation,
 * deletion of replicas and of a primary that waits for them, imported material, and the audit.
 */
import { createPublicKey, verify as verifyOffline } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sim/index.js';
import { newKeyMaterial } from '../helpers/key-import.js';
import {
  createPrimaryKey,
  decryptIn,
  describeIn,
  encryptIn,
  MRK_ID,
  mrkArn,
  replicate,
  replicateReady,
  REPLICA_REGION,
  SETTLE_MS,
  THIRD_REGION,
  tryImportIn,
  tryReplicate,
  type RegionalKey,
} from '../helpers/multi-region.js';
import { createTestAlias, createTestKey, DAY_MS, expectKmsError, expectOk, REGION, scheduleTestKeyDeletion, testSandbox } from '../helpers/sim.js';

const PLAINTEXT = Buffer.from('one key, three Regions');
const CONTEXT = { purpose: 'dr-test', tenant: '42' };

/** A primary in REGION with Enabled replicas in REPLICA_REGION and THIRD_REGION. */
function keySet(sandbox: Sandbox, input: Parameters<typeof createPrimaryKey>[1] = {}): [RegionalKey, RegionalKey, RegionalKey] {
  const primary = createPrimaryKey(sandbox, input);
  const [ireland, sydney] = replicateReady(sandbox, primary, REPLICA_REGION, THIRD_REGION) as [RegionalKey, RegionalKey];
  return [primary, ireland, sydney];
}

function plaintextOf(outcome: ReturnType<typeof decryptIn>): Buffer {
  return Buffer.from(expectOk(outcome).Plaintext);
}

describe('CreateKey with MultiRegion', () => {
  it('makes a PRIMARY key with an mrk- id, its own ARN and an empty ReplicaKeys list', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { MultiRegion: true }));

    expect(KeyMetadata.KeyId).toMatch(MRK_ID);
    expect(KeyMetadata).toMatchObject({
      Arn: mrkArn(sandbox, REGION, KeyMetadata.KeyId),
      KeyState: 'Enabled',
      MultiRegion: true,
      MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: KeyMetadata.Arn, Region: REGION }, ReplicaKeys: [] },
    });
  });

  it('keeps single-Region keys single-Region: a UUID id, MultiRegion false and no configuration', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { MultiRegion: false }));

    expect(KeyMetadata.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(KeyMetadata.MultiRegion).toBe(false);
    expect(KeyMetadata).not.toHaveProperty('MultiRegionConfiguration');
  });

  it('gives each multi-Region key a different id', () => {
    const sandbox = testSandbox();

    const ids = new Set(Array.from({ length: 5 }, () => createPrimaryKey(sandbox).keyId));

    expect(ids.size).toBe(5);
  });
});

describe('Independent Regional properties', () => {
  it('disables a replica alone: the primary and the other replica still encrypt and decrypt', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT);

    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'DisableKey', { KeyId: ireland.keyId }));

    expect(describeIn(sandbox, primary).KeyState).toBe('Enabled');
    expect(plaintextOf(decryptIn(sandbox, REGION, encryptIn(sandbox, primary, PLAINTEXT)))).toEqual(PLAINTEXT);
    expect(plaintextOf(decryptIn(sandbox, THIRD_REGION, ciphertext))).toEqual(PLAINTEXT);
    const error = expectKmsError(decryptIn(sandbox, REPLICA_REGION, ciphertext), 'DisabledException');
    expect(error.message).toBe(`${ireland.arn} is disabled.`);
    expect(describeIn(sandbox, sydney).KeyState).toBe('Enabled');
  });

  it('disables the primary alone: the replicas still decrypt its ciphertext', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: primary.keyId }));

    expect(describeIn(sandbox, ireland)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, ciphertext))).toEqual(PLAINTEXT);
    expectKmsError(decryptIn(sandbox, REGION, ciphertext), 'DisabledException', `${primary.arn} is disabled.`);
  });

  it('keeps descriptions, policies and tags per Region', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox, { Description: 'primary' });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Id: 'irish',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });

    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: ireland.keyId, Description: 'replica' }));
    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: ireland.keyId, PolicyName: 'default', Policy: policy }));
    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'TagResource', { KeyId: ireland.keyId, Tags: [{ TagKey: 'site', TagValue: 'ie' }] }));

    expect(describeIn(sandbox, primary).Description).toBe('primary');
    expect(describeIn(sandbox, ireland).Description).toBe('replica');
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: primary.keyId, PolicyName: 'default' })).Policy).not.toBe(policy);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: ireland.keyId, PolicyName: 'default' })).Policy).toBe(policy);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: primary.keyId })).Tags).toEqual([]);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListResourceTags', { KeyId: ireland.keyId })).Tags).toEqual([{ TagKey: 'site', TagValue: 'ie' }]);
  });

  it('keeps aliases per Region: an alias made in one Region does not exist in another', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    createTestAlias(sandbox, primary, 'alias/orders', REGION);
    createTestAlias(sandbox, ireland, 'alias/orders-dr', REPLICA_REGION);

    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/orders-dr', Plaintext: PLAINTEXT })).KeyId).toBe(ireland.arn);
    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/orders', Plaintext: PLAINTEXT }), 'NotFoundException');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/orders-dr', Plaintext: PLAINTEXT }), 'NotFoundException');
    const aliasesIn = (region: string) =>
      expectOk(sandbox.call(region, sandbox.admin, 'ListAliases', { KeyId: primary.keyId })).Aliases.map((a) => a.AliasName);
    expect(aliasesIn(REGION)).toEqual(['alias/orders']);
    expect(aliasesIn(REPLICA_REGION)).toEqual(['alias/orders-dr']);
    expect(aliasesIn(THIRD_REGION)).toEqual([]);
  });

  it('lists each key of the set in its own Region only, with the same key id', () => {
    const sandbox = testSandbox();
    const [primary] = keySet(sandbox);

    for (const region of [REGION, REPLICA_REGION, THIRD_REGION]) {
      const keys = expectOk(sandbox.call(region, sandbox.admin, 'ListKeys', {})).Keys;
      expect(keys).toEqual([{ KeyId: primary.keyId, KeyArn: mrkArn(sandbox, region, primary.keyId) }]);
    }
    expect(expectOk(sandbox.call('eu-central-1', sandbox.admin, 'ListKeys', {})).Keys).toEqual([]);
  });
});

describe('Shared key material: cryptography across Regions', () => {
  it('decrypts ciphertext from the primary Region under each replica, with the encryption context', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT, CONTEXT);

    for (const replica of [ireland, sydney]) {
      const output = expectOk(decryptIn(sandbox, replica.region, ciphertext, { context: CONTEXT }));
      expect(Buffer.from(output.Plaintext)).toEqual(PLAINTEXT);
      expect(output.KeyId).toBe(replica.arn);
    }
  });

  it('decrypts ciphertext from a replica Region under the primary and the other replica', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, ireland, PLAINTEXT, CONTEXT);

    expect(expectOk(decryptIn(sandbox, REGION, ciphertext, { context: CONTEXT })).KeyId).toBe(primary.arn);
    expect(plaintextOf(decryptIn(sandbox, REGION, ciphertext, { context: CONTEXT }))).toEqual(PLAINTEXT);
    expect(plaintextOf(decryptIn(sandbox, THIRD_REGION, ciphertext, { context: CONTEXT, keyId: sydney.arn }))).toEqual(PLAINTEXT);
  });

  it('refuses another Region\'s ciphertext without its encryption context (InvalidCiphertextException)', () => {
    const sandbox = testSandbox();
    const [primary] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT, CONTEXT);

    expectKmsError(decryptIn(sandbox, REPLICA_REGION, ciphertext), 'InvalidCiphertextException');
    expectKmsError(decryptIn(sandbox, REPLICA_REGION, ciphertext, { context: { ...CONTEXT, tenant: '43' } }), 'InvalidCiphertextException');
  });

  it('decrypts in a replica ciphertext made before the replica existed', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT, CONTEXT);

    replicateReady(sandbox, primary, REPLICA_REGION);

    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, ciphertext, { context: CONTEXT }))).toEqual(PLAINTEXT);
  });

  it('decrypts a data key made in one Region in another', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const dataKey = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: primary.keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }));

    const output = expectOk(decryptIn(sandbox, REPLICA_REGION, dataKey.CiphertextBlob, { context: CONTEXT, keyId: ireland.keyId }));

    expect(Buffer.from(output.Plaintext)).toEqual(Buffer.from(dataKey.Plaintext));
  });

  it('re-encrypts in a replica Region ciphertext made in the primary Region', () => {
    const sandbox = testSandbox();
    const [primary] = keySet(sandbox);
    const local = createTestKey(sandbox, REPLICA_REGION);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT, CONTEXT);

    const reEncrypted = expectOk(
      sandbox.call(REPLICA_REGION, sandbox.admin, 'ReEncrypt', { CiphertextBlob: ciphertext, SourceEncryptionContext: CONTEXT, DestinationKeyId: local.keyId }),
    );

    expect(reEncrypted.SourceKeyId).toBe(mrkArn(sandbox, REPLICA_REGION, primary.keyId));
    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, reEncrypted.CiphertextBlob))).toEqual(PLAINTEXT);
  });

  it('does not decrypt a single-Region key\'s ciphertext in another Region even when a multi-Region set exists there', () => {
    const sandbox = testSandbox();
    keySet(sandbox);
    const single = createTestKey(sandbox);
    const ciphertext = encryptIn(sandbox, { ...single, region: REGION }, PLAINTEXT);

    expectKmsError(
      decryptIn(sandbox, REPLICA_REGION, ciphertext),
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  });

  it('verifies in one Region an ECDSA signature made in another, with the same public key everywhere', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const message = Buffer.from('signed in Virginia');
    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: primary.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));

    const verified = expectOk(
      sandbox.call(REPLICA_REGION, sandbox.admin, 'Verify', { KeyId: ireland.keyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );

    expect(verified).toMatchObject({ SignatureValid: true, KeyId: ireland.arn });
    const publicKeys = [primary, ireland, sydney].map((key) =>
      Buffer.from(expectOk(sandbox.call(key.region, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId })).PublicKey),
    );
    expect(publicKeys[1]).toEqual(publicKeys[0]);
    expect(publicKeys[2]).toEqual(publicKeys[0]);
    const sydneyKey = createPublicKey({ key: publicKeys[2] as Buffer, format: 'der', type: 'spki' });
    expect(verifyOffline('sha256', message, sydneyKey, Buffer.from(Signature))).toBe(true);
  });

  it('signs in a replica Region with a signature the primary verifies', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    const message = Buffer.from('signed in Ireland');
    const { Signature } = expectOk(
      sandbox.call(REPLICA_REGION, sandbox.admin, 'Sign', { KeyId: ireland.keyId, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
    );

    expect(
      expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: primary.keyId, Message: message, Signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })).SignatureValid,
    ).toBe(true);
  });

  it('decrypts under the primary RSA ciphertext made under a replica', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    const { CiphertextBlob } = expectOk(
      sandbox.call(REPLICA_REGION, sandbox.admin, 'Encrypt', { KeyId: ireland.keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: primary.keyId, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );

    expect(Buffer.from(output.Plaintext)).toEqual(PLAINTEXT);
  });

  it('makes the same MAC with an HMAC key in every Region, and verifies it across Regions', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const message = Buffer.from('mac me');

    const macs = [primary, ireland, sydney].map((key) =>
      Buffer.from(expectOk(sandbox.call(key.region, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' })).Mac),
    );

    expect(macs[1]).toEqual(macs[0]);
    expect(macs[2]).toEqual(macs[0]);
    const verified = expectOk(
      sandbox.call(THIRD_REGION, sandbox.admin, 'VerifyMac', { KeyId: sydney.keyId, Message: message, Mac: macs[0] as Buffer, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(verified.MacValid).toBe(true);
  });
});

describe('Shared rotation', () => {
  it('rotates on demand on the primary: new material is current in every Region, and old and new ciphertext decrypt everywhere', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    const before = encryptIn(sandbox, primary, PLAINTEXT, CONTEXT);
    const firstMaterial = describeIn(sandbox, primary).CurrentKeyMaterialId;

    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: primary.keyId }));

    const current = describeIn(sandbox, primary).CurrentKeyMaterialId;
    expect(current).not.toBe(firstMaterial);
    for (const key of [ireland, sydney]) expect(describeIn(sandbox, key).CurrentKeyMaterialId).toBe(current);
    const afterInReplica = encryptIn(sandbox, ireland, PLAINTEXT, CONTEXT);
    for (const region of [REGION, REPLICA_REGION, THIRD_REGION]) {
      expect(plaintextOf(decryptIn(sandbox, region, before, { context: CONTEXT }))).toEqual(PLAINTEXT);
      expect(plaintextOf(decryptIn(sandbox, region, afterInReplica, { context: CONTEXT }))).toEqual(PLAINTEXT);
    }
  });

  it('lists the rotation with ListKeyRotations in each replica, as in the primary', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: primary.keyId }));

    const list = (key: RegionalKey) =>
      expectOk(sandbox.call(key.region, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })).Rotations;
    const inPrimary = list(primary);
    expect(inPrimary).toHaveLength(2);
    expect(list(ireland)).toEqual(inPrimary);
    expect(list(ireland)[1]).toMatchObject({ KeyMaterialState: 'CURRENT', RotationType: 'ON_DEMAND', KeyMaterialId: describeIn(sandbox, primary).CurrentKeyMaterialId });
  });

  it('rotates automatically from the primary schedule into every replica', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const before = encryptIn(sandbox, ireland, PLAINTEXT);
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: primary.keyId, RotationPeriodInDays: 90 }));

    sandbox.advanceClock(91 * DAY_MS);

    const rotations = expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListKeyRotations', { KeyId: ireland.keyId })).Rotations;
    expect(rotations).toEqual([expect.objectContaining({ RotationType: 'AUTOMATIC', KeyMaterialId: describeIn(sandbox, primary).CurrentKeyMaterialId })]);
    expect(describeIn(sandbox, ireland).CurrentKeyMaterialId).toBe(describeIn(sandbox, primary).CurrentKeyMaterialId);
    expect(plaintextOf(decryptIn(sandbox, REGION, before))).toEqual(PLAINTEXT);
  });

  it('gives a new replica of a rotated primary every earlier key material', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const old = encryptIn(sandbox, primary, PLAINTEXT);
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: primary.keyId }));

    const [ireland] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, old))).toEqual(PLAINTEXT);
    expect(describeIn(sandbox, ireland).CurrentKeyMaterialId).toBe(describeIn(sandbox, primary).CurrentKeyMaterialId);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListKeyRotations', { KeyId: ireland.keyId })).Rotations).toHaveLength(1);
  });

  it("reports the primary's rotation status from a replica", () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: ireland.keyId })).KeyRotationEnabled).toBe(false);

    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: primary.keyId, RotationPeriodInDays: 180 }));

    const status = expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: ireland.keyId }));
    const primaryStatus = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: primary.keyId }));
    expect(status).toEqual({ ...primaryStatus, KeyId: ireland.arn });
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
  });

  it.each(['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand'] as const)('refuses %s on a replica with UnsupportedOperationException', (operation) => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const before = describeIn(sandbox, primary).CurrentKeyMaterialId;

    const error = expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, operation, { KeyId: ireland.keyId }), 'UnsupportedOperationException');

    expect(error.message).toContain(ireland.arn);
    expect(describeIn(sandbox, ireland).CurrentKeyMaterialId).toBe(before);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: primary.keyId })).KeyRotationEnabled).toBe(false);
  });
});

describe('Deletion', () => {
  it('deletes a replica alone, like a single-Region key: the primary and the other replica stay', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, ireland, PLAINTEXT);

    const scheduled = expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: ireland.keyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: ireland.arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7, DeletionDate: expect.any(Date) });
    expect(describeIn(sandbox, primary).KeyState).toBe('Enabled');

    sandbox.advanceClock(7 * DAY_MS);

    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'DescribeKey', { KeyId: ireland.keyId }), 'NotFoundException');
    expect(describeIn(sandbox, primary)).toMatchObject({
      KeyState: 'Enabled',
      MultiRegionConfiguration: { ReplicaKeys: [{ Arn: sydney.arn, Region: THIRD_REGION }] },
    });
    expect(describeIn(sandbox, sydney).MultiRegionConfiguration?.ReplicaKeys).toEqual([{ Arn: sydney.arn, Region: THIRD_REGION }]);
    expect(plaintextOf(decryptIn(sandbox, REGION, ciphertext))).toEqual(PLAINTEXT);
  });

  it('can replicate into a Region again once its replica is deleted, and the new replica decrypts old ciphertext', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT);
    scheduleTestKeyDeletion(sandbox, ireland, 7, REPLICA_REGION);
    sandbox.advanceClock(7 * DAY_MS);

    replicateReady(sandbox, primary, REPLICA_REGION);

    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, ciphertext))).toEqual(PLAINTEXT);
  });

  it('puts a primary with replicas in PendingReplicaDeletion, with a waiting period but no deletion date', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: primary.keyId, PendingWindowInDays: 10 }));

    expect(output).toEqual({ KeyId: primary.arn, KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 10 });
    const metadata = describeIn(sandbox, primary);
    expect(metadata).toMatchObject({ KeyState: 'PendingReplicaDeletion', Enabled: false, PendingDeletionWindowInDays: 10 });
    expect(metadata).not.toHaveProperty('DeletionDate');
    expectKmsError(decryptIn(sandbox, REGION, ciphertext), 'KMSInvalidStateException', `${primary.arn} is pending replica deletion.`);
    expect(describeIn(sandbox, ireland).KeyState).toBe('Enabled');
    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, ciphertext))).toEqual(PLAINTEXT);
  });

  it('keeps a waiting primary as long as it has replicas, whatever the time', () => {
    const sandbox = testSandbox();
    const [primary] = keySet(sandbox);
    scheduleTestKeyDeletion(sandbox, primary, 7);

    sandbox.advanceClock(60 * DAY_MS);

    expect(describeIn(sandbox, primary).KeyState).toBe('PendingReplicaDeletion');
  });

  it('starts the primary\'s waiting period when its last replica is deleted, then deletes it', () => {
    // Given a primary waiting (10 days) for two replicas deleted after 7 and 9 days
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    scheduleTestKeyDeletion(sandbox, primary, 10);
    scheduleTestKeyDeletion(sandbox, ireland, 7, REPLICA_REGION);
    scheduleTestKeyDeletion(sandbox, sydney, 9, THIRD_REGION);

    // When the first replica is gone, the primary still waits
    sandbox.advanceClock(7 * DAY_MS);
    expect(describeIn(sandbox, primary)).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingDeletionWindowInDays: 10 });
    expect(describeIn(sandbox, primary).MultiRegionConfiguration?.ReplicaKeys).toEqual([{ Arn: sydney.arn, Region: THIRD_REGION }]);

    // When the last one is gone, the primary is PendingDeletion with a date 10 days on
    sandbox.advanceClock(2 * DAY_MS);
    const lastReplicaGone = sandbox.clock.nowMs;
    const metadata = describeIn(sandbox, primary);
    expect(metadata).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false, MultiRegionConfiguration: { ReplicaKeys: [] } });
    expect(metadata.DeletionDate?.getTime()).toBe(lastReplicaGone + 10 * DAY_MS);
    expect(metadata).not.toHaveProperty('PendingDeletionWindowInDays');

    // Then it is deleted when that period ends, not before
    sandbox.advanceClock(10 * DAY_MS - 1);
    expect(describeIn(sandbox, primary).KeyState).toBe('PendingDeletion');
    sandbox.advanceClock(1);
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: primary.keyId }), 'NotFoundException');
    expect(sandbox.keys()).toEqual([]);
  });

  it('sends a primary without replicas straight to PendingDeletion with a deletion date', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: primary.keyId, PendingWindowInDays: 7 }));

    expect(output).toEqual({ KeyId: primary.arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7, DeletionDate: new Date(sandbox.clock.nowMs + 7 * DAY_MS) });
    expect(describeIn(sandbox, primary)).not.toHaveProperty('PendingDeletionWindowInDays');
  });

  it('cancels a PendingReplicaDeletion: the primary is Disabled and stays when its replicas are deleted later', () => {
    const sandbox = testSandbox();
    const [primary, ireland, sydney] = keySet(sandbox);
    scheduleTestKeyDeletion(sandbox, primary, 7);

    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: primary.keyId }))).toEqual({ KeyId: primary.arn });

    const metadata = describeIn(sandbox, primary);
    expect(metadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(metadata).not.toHaveProperty('PendingDeletionWindowInDays');
    expect(metadata).not.toHaveProperty('DeletionDate');
    scheduleTestKeyDeletion(sandbox, ireland, 7, REPLICA_REGION);
    scheduleTestKeyDeletion(sandbox, sydney, 7, THIRD_REGION);
    sandbox.advanceClock(30 * DAY_MS);
    expect(describeIn(sandbox, primary)).toMatchObject({ KeyState: 'Disabled', MultiRegionConfiguration: { ReplicaKeys: [] } });
  });

  it('cancels a replica\'s deletion: the replica is Disabled and still in the set', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    scheduleTestKeyDeletion(sandbox, ireland, 7, REPLICA_REGION);

    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: ireland.keyId }));
    sandbox.advanceClock(30 * DAY_MS);

    expect(describeIn(sandbox, ireland).KeyState).toBe('Disabled');
    expect(describeIn(sandbox, primary).MultiRegionConfiguration?.ReplicaKeys.map((r) => r.Region)).toContain(REPLICA_REGION);
  });
});

describe('EXTERNAL multi-Region keys', () => {
  it('refuses to replicate an EXTERNAL primary still pending import (KMSInvalidStateException)', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { Origin: 'EXTERNAL' });
    expect(describeIn(sandbox, primary).KeyState).toBe('PendingImport');

    expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'KMSInvalidStateException', `${primary.arn} is pending import.`);
    expect(sandbox.keys(REPLICA_REGION)).toEqual([]);
  });

  it('makes the replica of an EXTERNAL primary Creating, then PendingImport with no key material', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { Origin: 'EXTERNAL' });
    expectOk(tryImportIn(sandbox, primary, newKeyMaterial()));

    const replica = replicate(sandbox, primary, REPLICA_REGION);
    expect(describeIn(sandbox, replica)).toMatchObject({ KeyState: 'Creating', Origin: 'EXTERNAL' });
    sandbox.advanceClock(SETTLE_MS);

    expect(describeIn(sandbox, replica)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(describeIn(sandbox, replica)).not.toHaveProperty('CurrentKeyMaterialId');
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListKeyRotations', { KeyId: replica.keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })).Rotations).toEqual([]);
  });

  it('accepts the same material in the replica (also as EXISTING_KEY_MATERIAL), and ciphertext then crosses Regions', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { Origin: 'EXTERNAL' });
    const material = newKeyMaterial();
    const { KeyMaterialId } = expectOk(tryImportIn(sandbox, primary, material));
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expect(describeIn(sandbox, replica).KeyState).toBe('PendingImport');

    const imported = expectOk(tryImportIn(sandbox, replica, material, { ImportType: 'EXISTING_KEY_MATERIAL' }));

    expect(imported).toEqual({ KeyId: replica.arn, KeyMaterialId });
    expect(describeIn(sandbox, replica).KeyState).toBe('Enabled');
    const ciphertext = encryptIn(sandbox, replica, PLAINTEXT, CONTEXT);
    expect(plaintextOf(decryptIn(sandbox, REGION, ciphertext, { context: CONTEXT }))).toEqual(PLAINTEXT);
    expect(plaintextOf(decryptIn(sandbox, REPLICA_REGION, encryptIn(sandbox, primary, PLAINTEXT)))).toEqual(PLAINTEXT);
  });

  it('refuses different material in the replica with IncorrectKeyMaterialException; the replica stays PendingImport', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { Origin: 'EXTERNAL' });
    expectOk(tryImportIn(sandbox, primary, newKeyMaterial()));
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

    expectKmsError(tryImportIn(sandbox, replica, newKeyMaterial()), 'IncorrectKeyMaterialException');

    expect(describeIn(sandbox, replica).KeyState).toBe('PendingImport');
    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'Encrypt', { KeyId: replica.keyId, Plaintext: PLAINTEXT }), 'KMSInvalidStateException', 'is pending import.');
  });
});

describe('Audit', () => {
  it('records ReplicateKey in the primary Region and a CreateKey service event in the replica Region', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const before = sandbox.audit.size;

    const replica = replicate(sandbox, primary, REPLICA_REGION);

    const records = sandbox.audit.items.slice(before);
    const replicateRecord = records.find((r) => r.eventName === 'ReplicateKey');
    expect(replicateRecord).toMatchObject({
      awsRegion: REGION,
      eventType: 'AwsApiCall',
      requestParameters: { keyId: primary.keyId, replicaRegion: REPLICA_REGION },
      resources: [{ ARN: primary.arn }],
      userIdentity: { arn: sandbox.admin.arn },
    });
    expect(replicateRecord?.errorCode).toBeUndefined();
    const createRecord = records.find((r) => r.eventName === 'CreateKey');
    expect(createRecord).toMatchObject({ awsRegion: REPLICA_REGION, eventType: 'AwsServiceEvent', resources: [{ ARN: replica.arn }] });
    expect(records.filter((r) => r.awsRegion === REPLICA_REGION).map((r) => r.eventName)).toEqual(['CreateKey']);
  });

  it('records a refused ReplicateKey with its error in the primary Region, and no CreateKey', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    replicate(sandbox, primary, REPLICA_REGION);
    const before = sandbox.audit.size;

    expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'AlreadyExistsException');

    const records = sandbox.audit.items.slice(before);
    expect(records.map((r) => [r.eventName, r.awsRegion, r.errorCode])).toEqual([['ReplicateKey', REGION, 'AlreadyExistsException']]);
  });

  it('records a cross-Region Decrypt only in the Region that decrypted, naming the replica', () => {
    const sandbox = testSandbox();
    const [primary, ireland] = keySet(sandbox);
    const ciphertext = encryptIn(sandbox, primary, PLAINTEXT);
    const before = sandbox.audit.size;

    expectOk(decryptIn(sandbox, REPLICA_REGION, ciphertext));

    const records = sandbox.audit.items.slice(before);
    expect(records.map((r) => [r.eventName, r.awsRegion])).toEqual([['Decrypt', REPLICA_REGION]]);
    expect(records[0]?.resources).toEqual([expect.objectContaining({ ARN: ireland.arn })]);
  });
});
