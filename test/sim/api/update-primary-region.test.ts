import { describe, expect, it } from 'vitest';
import {
  createPrimaryKey,
  decryptIn,
  describeIn,
  encryptIn,
  replicate,
  replicateReady,
  REPLICA_REGION,
  SETTLE_MS,
  THIRD_REGION,
  type RegionalKey,
} from '../../helpers/multi-region.js';
import { createTestKey, DAY_MS, expectKmsError, expectOk, REGION, scheduleTestKeyDeletion, testSandbox } from '../../helpers/sim.js';
import type { Sandbox } from '../../../src/sim/index.js';

const PLAINTEXT = Buffer.from('moving primary');

function updatePrimary(sandbox: Sandbox, primary: RegionalKey, primaryRegion: string) {
  return sandbox.call(primary.region, sandbox.admin, 'UpdatePrimaryRegion', { KeyId: primary.keyId, PrimaryRegion: primaryRegion });
}

describe('UpdatePrimaryRegion', () => {
  it('returns an empty output and leaves both keys Updating, still usable for cryptography', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

    const output = expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));

    expect(output).toEqual({});
    for (const key of [primary, replica]) {
      expect(describeIn(sandbox, key).KeyState).toBe('Updating');
      const ciphertext = encryptIn(sandbox, key, PLAINTEXT);
      const other = key === primary ? REPLICA_REGION : REGION;
      expect(Buffer.from(expectOk(decryptIn(sandbox, other, ciphertext)).Plaintext)).toEqual(PLAINTEXT);
    }
  });

  it('refuses EnableKey, DisableKey and ReplicateKey on the new primary while it is Updating', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));
    const updating = `${replica.arn} is updating.`;

    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'EnableKey', { KeyId: replica.keyId }), 'KMSInvalidStateException', updating);
    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'DisableKey', { KeyId: replica.keyId }), 'KMSInvalidStateException', updating);
    expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'ReplicateKey', { KeyId: replica.keyId, ReplicaRegion: THIRD_REGION }), 'KMSInvalidStateException', updating);
  });

  it('swaps the roles: the replica becomes PRIMARY, the old primary a REPLICA, both Enabled again on the clock', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));
    sandbox.advanceClock(SETTLE_MS);

    expect(describeIn(sandbox, replica)).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      Arn: replica.arn,
      MultiRegionConfiguration: {
        MultiRegionKeyType: 'PRIMARY',
        PrimaryKey: { Arn: replica.arn, Region: REPLICA_REGION },
        ReplicaKeys: [{ Arn: primary.arn, Region: REGION }],
      },
    });
    expect(describeIn(sandbox, primary)).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      Arn: primary.arn,
      MultiRegionConfiguration: {
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: replica.arn, Region: REPLICA_REGION },
        ReplicaKeys: [{ Arn: primary.arn, Region: REGION }],
      },
    });
  });

  it('makes the other replicas replicas of the new primary, and leaves them Enabled', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [ireland, sydney] = replicateReady(sandbox, primary, REPLICA_REGION, THIRD_REGION) as [RegionalKey, RegionalKey];

    expectOk(updatePrimary(sandbox, primary, THIRD_REGION));

    expect(describeIn(sandbox, ireland)).toMatchObject({
      KeyState: 'Enabled',
      MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA', PrimaryKey: { Arn: sydney.arn, Region: THIRD_REGION } },
    });
    sandbox.advanceClock(SETTLE_MS);
    expect(describeIn(sandbox, sydney).MultiRegionConfiguration?.ReplicaKeys.map((r) => r.Region).sort()).toEqual([REGION, REPLICA_REGION].sort());
  });

  it('keeps the independent properties of each key (description, tags, enabled state of the others)', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { Description: 'was primary', Tags: [{ TagKey: 'k', TagValue: 'v' }] });
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: replica.keyId, Description: 'was replica' }));

    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));
    sandbox.advanceClock(SETTLE_MS);

    expect(describeIn(sandbox, primary).Description).toBe('was primary');
    expect(describeIn(sandbox, replica).Description).toBe('was replica');
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: primary.keyId })).Tags).toEqual([{ TagKey: 'k', TagValue: 'v' }]);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListResourceTags', { KeyId: replica.keyId })).Tags).toEqual([]);
  });

  it('moves the shared properties: rotation is managed from the new primary and refused on the old one', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: primary.keyId, RotationPeriodInDays: 90 }));

    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));
    sandbox.advanceClock(SETTLE_MS);

    for (const key of [primary, replica])
      expect(expectOk(sandbox.call(key.region, sandbox.admin, 'GetKeyRotationStatus', { KeyId: key.keyId }))).toMatchObject({
        KeyRotationEnabled: true,
        RotationPeriodInDays: 90,
        KeyId: key.arn,
      });
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: primary.keyId }), 'UnsupportedOperationException');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: primary.keyId }), 'UnsupportedOperationException');
    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: replica.keyId }));
    expect(describeIn(sandbox, primary).CurrentKeyMaterialId).toBe(describeIn(sandbox, replica).CurrentKeyMaterialId);
  });

  it('rotates automatically from the new primary, into the old one too', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: primary.keyId, RotationPeriodInDays: 90 }));
    const before = describeIn(sandbox, primary).CurrentKeyMaterialId;
    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));

    sandbox.advanceClock(91 * DAY_MS);

    const after = describeIn(sandbox, replica).CurrentKeyMaterialId;
    expect(after).not.toBe(before);
    expect(describeIn(sandbox, primary).CurrentKeyMaterialId).toBe(after);
    const rotations = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: primary.keyId })).Rotations;
    expect(rotations).toEqual([expect.objectContaining({ KeyMaterialId: after, RotationType: 'AUTOMATIC' })]);
  });

  it('can move the primary back once the update is over', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];
    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));
    sandbox.advanceClock(SETTLE_MS);

    expectOk(updatePrimary(sandbox, replica, REGION));
    sandbox.advanceClock(SETTLE_MS);

    expect(describeIn(sandbox, primary).MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
    expect(describeIn(sandbox, replica).MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
  });

  it('records UpdatePrimaryRegion in the Region of the old primary', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    replicateReady(sandbox, primary, REPLICA_REGION);

    expectOk(updatePrimary(sandbox, primary, REPLICA_REGION));

    const record = sandbox.audit.items.findLast((r) => r.eventName === 'UpdatePrimaryRegion');
    expect(record).toMatchObject({ awsRegion: REGION, eventType: 'AwsApiCall', requestParameters: { keyId: primary.keyId, primaryRegion: REPLICA_REGION } });
    expect(record?.errorCode).toBeUndefined();
    expect(record?.resources?.map((r) => r.ARN)).toContain(primary.arn);
  });

  describe('errors', () => {
    it('fails with UnsupportedOperationException for a replica KeyId, and changes nothing', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

      const error = expectKmsError(updatePrimary(sandbox, replica, REPLICA_REGION), 'UnsupportedOperationException');

      expect(error.message).toContain(replica.arn);
      expect(describeIn(sandbox, primary)).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } });
      expect(describeIn(sandbox, replica)).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' } });
    });

    it('fails with UnsupportedOperationException for a single-Region key', () => {
      const sandbox = testSandbox();
      const key = createTestKey(sandbox);

      const error = expectKmsError(
        sandbox.call(REGION, sandbox.admin, 'UpdatePrimaryRegion', { KeyId: key.keyId, PrimaryRegion: REPLICA_REGION }),
        'UnsupportedOperationException',
      );

      expect(error.message).toContain(key.arn);
    });

    it('fails with NotFoundException for a Region without a replica, and changes nothing', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      replicateReady(sandbox, primary, REPLICA_REGION);

      const error = expectKmsError(updatePrimary(sandbox, primary, THIRD_REGION), 'NotFoundException');

      expect(error.message).toContain(THIRD_REGION);
      expect(describeIn(sandbox, primary)).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } });
    });

    it("fails for the primary's own Region, and the key stays Enabled and primary", () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      replicateReady(sandbox, primary, REPLICA_REGION);

      expectKmsError(updatePrimary(sandbox, primary, REGION), 'ValidationException');

      expect(describeIn(sandbox, primary)).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } });
    });

    it('fails with KMSInvalidStateException while the target replica is still Creating', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const replica = replicate(sandbox, primary, REPLICA_REGION);

      const error = expectKmsError(updatePrimary(sandbox, primary, REPLICA_REGION), 'KMSInvalidStateException');

      expect(error.message).toBe(`${replica.arn} is creating.`);
      expect(describeIn(sandbox, primary).KeyState).toBe('Enabled');
    });

    it('fails with DisabledException when the primary or the target replica is disabled', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const [replica] = replicateReady(sandbox, primary, REPLICA_REGION) as [RegionalKey];

      expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'DisableKey', { KeyId: replica.keyId }));
      expectKmsError(updatePrimary(sandbox, primary, REPLICA_REGION), 'DisabledException', `${replica.arn} is disabled.`);
      expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'EnableKey', { KeyId: replica.keyId }));
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: primary.keyId }));
      expectKmsError(updatePrimary(sandbox, primary, REPLICA_REGION), 'DisabledException', `${primary.arn} is disabled.`);
      expect(describeIn(sandbox, primary).MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
    });

    it('fails with KMSInvalidStateException for a primary waiting for its replicas to be deleted', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      replicateReady(sandbox, primary, REPLICA_REGION);
      scheduleTestKeyDeletion(sandbox, primary);

      expectKmsError(updatePrimary(sandbox, primary, REPLICA_REGION), 'KMSInvalidStateException', `${primary.arn} is pending replica deletion.`);
    });
  });
});
