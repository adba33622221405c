import { describe, expect, it } from 'vitest';
import type { AuditRecord, Sandbox, ServiceOutcome } from '../../../src/sim/index.js';
import {
  createTestAlias,
  createTestKey,
  describeTestKey,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  OTHER_REGION,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  type TestKey,
} from '../../helpers/sim.js';

const EC2 = 'ec2.amazonaws.com';
const KMS = 'kms.amazonaws.com';
const ZONE = `${REGION}a`;

type Output = Record<string, unknown>;

function ec2(sandbox: Sandbox, operation: string, input: Output, region = REGION): ServiceOutcome {
  return sandbox.callService(region, sandbox.admin, 'ec2', operation, input);
}

function ok(outcome: ServiceOutcome): Output {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

function failed(outcome: ServiceOutcome, code: string, message?: string): string {
  if (outcome.ok) expect.fail(`expected ${code}, got ${JSON.stringify(outcome.output)}`);
  expect(outcome.error.code, outcome.error.message).toBe(code);
  if (message !== undefined) expect(outcome.error.message).toContain(message);
  return outcome.error.message;
}

/** Runs `act` and returns the KMS audit records it appended. */
function kmsCallsOf(sandbox: Sandbox, act: () => void): AuditRecord[] {
  const before = sandbox.audit.size;
  act();
  return sandbox.audit.items.slice(before).filter((r) => r.eventSource === KMS);
}

function encryptedVolume(sandbox: Sandbox, key: TestKey | string, region = REGION): Output {
  const KmsKeyId = typeof key === 'string' ? key : key.keyId;
  return ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: `${region}a`, Size: 8, Encrypted: true, KmsKeyId }, region));
}

function snapshotOf(sandbox: Sandbox, volume: Output, region = REGION): Output {
  return ok(ec2(sandbox, 'CreateSnapshot', { VolumeId: volume['VolumeId'], Description: 'test' }, region));
}

function describedSnapshot(sandbox: Sandbox, snapshotId: unknown, region = REGION): Output {
  const { Snapshots } = ok(ec2(sandbox, 'DescribeSnapshots', { SnapshotIds: [snapshotId] }, region)) as { Snapshots: Output[] };
  return Snapshots[0] ?? expect.fail('no snapshot');
}

function describedVolume(sandbox: Sandbox, volumeId: unknown, region = REGION): Output {
  const { Volumes } = ok(ec2(sandbox, 'DescribeVolumes', { VolumeIds: [volumeId] }, region)) as { Volumes: Output[] };
  return Volumes[0] ?? expect.fail('no volume');
}

function ebsManagedKeyArn(sandbox: Sandbox, region = REGION): string {
  return describeTestKey(sandbox, 'alias/aws/ebs', region).Arn ?? expect.fail('no aws/ebs');
}

function expectByEc2(record: AuditRecord | undefined, eventName: string, region: string, context: string): void {
  expect(record?.eventName).toBe(eventName);
  expect(record?.awsRegion).toBe(region);
  expect(record?.userIdentity.invokedBy).toBe(EC2);
  expect(record?.userIdentity.arn).toContain(':user/Admin');
  expect(record?.requestParameters?.['encryptionContext']).toEqual({ 'aws:ebs:id': context });
  expect(record?.errorCode).toBeUndefined();
}

describe('CreateVolume', () => {
  it.each(KEY_REFERENCE_FORMS)('encrypts a volume under a data key of the key named by %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const keyId = keyReference(key, form, createTestAlias(sandbox, key, 'alias/ebs-volumes'));

    let volume: Output = {};
    const calls = kmsCallsOf(sandbox, () => (volume = encryptedVolume(sandbox, keyId)));

    expect(volume).toMatchObject({ Encrypted: true, KmsKeyId: key.arn, Size: 8, AvailabilityZone: ZONE, State: 'creating', SnapshotId: '' });
    expect(volume['VolumeId']).toMatch(/^vol-0[0-9a-f]{16}$/);
    expect(volume['CreateTime']).toBeInstanceOf(Date);
    // GenerateDataKeyWithoutPlaintext with the key as the caller named it, then Decrypt to write the volume.
    expectByEc2(calls[0], 'GenerateDataKeyWithoutPlaintext', REGION, String(volume['VolumeId']));
    expect(calls[0]?.requestParameters).toMatchObject({ keyId, numberOfBytes: 64 });
    expect(calls[0]?.resources?.[0]?.ARN).toBe(key.arn);
    expectByEc2(calls[1], 'Decrypt', REGION, String(volume['VolumeId']));
    expect(calls).toHaveLength(2);
    expect(describedVolume(sandbox, volume['VolumeId'])).toMatchObject({ State: 'available', Encrypted: true, KmsKeyId: key.arn });
  });

  it('records the call itself as an EC2 event in its Region', () => {
    const sandbox = testSandbox();
    const volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 4 }));
    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventSource: EC2, eventName: 'CreateVolume', awsRegion: REGION });
    expect(record?.responseElements?.['volumeId']).toBe(volume['VolumeId']);
  });

  it.each([undefined, false])('refuses KmsKeyId when Encrypted is %s', (Encrypted) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const calls = kmsCallsOf(sandbox, () =>
      failed(
        ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, KmsKeyId: key.keyId, ...(Encrypted === undefined ? {} : { Encrypted }) }),
        'InvalidParameterDependency',
        'The parameter KmsKeyId requires the parameter Encrypted to be set.',
      ),
    );
    expect(calls).toEqual([]);
  });

  it('creates an unencrypted volume without calling KMS', () => {
    const sandbox = testSandbox();
    let volume: Output = {};
    expect(kmsCallsOf(sandbox, () => (volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 }))))).toEqual([]);
    expect(volume['Encrypted']).toBe(false);
    expect(volume).not.toHaveProperty('KmsKeyId');
  });

  it('uses the AWS managed key aws/ebs, created on first use, when Encrypted names no key', () => {
    const sandbox = testSandbox();
    let volume: Output = {};
    const calls = kmsCallsOf(sandbox, () => (volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true }))));
    expect(calls[0]?.requestParameters?.['keyId']).toBe('alias/aws/ebs');
    expect(volume['KmsKeyId']).toBe(ebsManagedKeyArn(sandbox));
    expect(describeTestKey(sandbox, 'alias/aws/ebs').KeyManager).toBe('AWS');
  });

  it('lets only EBS use aws/ebs: the caller calling KMS directly is denied', () => {
    const sandbox = testSandbox();
    ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true }));
    const direct = sandbox.call(REGION, sandbox.admin, 'GenerateDataKeyWithoutPlaintext', { KeyId: 'alias/aws/ebs', NumberOfBytes: 64 });
    expect(direct.ok ? 'ok' : direct.error.code).toBe('AccessDeniedException');
  });

  it('encrypts by default with the default KMS key once encryption by default is on', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    ok(ec2(sandbox, 'EnableEbsEncryptionByDefault', {}));
    expect(ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 }))['KmsKeyId']).toBe(ebsManagedKeyArn(sandbox));

    ok(ec2(sandbox, 'ModifyEbsDefaultKmsKeyId', { KmsKeyId: key.keyId }));
    let volume: Output = {};
    const calls = kmsCallsOf(sandbox, () => (volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 }))));
    expect(volume).toMatchObject({ Encrypted: true, KmsKeyId: key.arn });
    expect(calls[0]?.requestParameters?.['keyId']).toBe(key.arn);
    // Other Regions keep their own setting.
    expect(ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: `${OTHER_REGION}b`, Size: 8 }, OTHER_REGION))['Encrypted']).toBe(false);
  });

  it('refuses an asymmetric KMS key: EBS supports symmetric encryption keys only', () => {
    const sandbox = testSandbox();
    const rsa = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })).KeyMetadata;
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true, KmsKeyId: rsa.KeyId }), 'InvalidParameterValue', 'symmetric');
    expect(ok(ec2(sandbox, 'DescribeVolumes', {}))['Volumes']).toEqual([]);
  });

  it('fails with the KMS message when the key is disabled or pending deletion', () => {
    const sandbox = testSandbox();
    const disabled = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const pending = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, pending);

    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true, KmsKeyId: disabled.keyId }), 'InvalidKMSKey.InvalidState', `${disabled.arn} is disabled.`);
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true, KmsKeyId: pending.keyId }), 'InvalidKMSKey.InvalidState', `${pending.arn} is pending deletion.`);
    expect(ok(ec2(sandbox, 'DescribeVolumes', {}))['Volumes']).toEqual([]);
  });

  it('refuses a key ARN of another Region', () => {
    const sandbox = testSandbox();
    const elsewhere = createTestKey(sandbox, OTHER_REGION);
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8, Encrypted: true, KmsKeyId: elsewhere.arn }), 'InvalidParameterValue', `is in ${OTHER_REGION}, not in ${REGION}`);
  });

  it('refuses a zone of another Region and a volume with neither size nor snapshot', () => {
    const sandbox = testSandbox();
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: 'eu-west-1a', Size: 8 }), 'InvalidParameterValue', 'Invalid availability zone: [eu-west-1a]');
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE }), 'MissingParameter');
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 0 }), 'InvalidParameterValue', 'too small');
  });
});

describe('CreateVolume from a snapshot', () => {
  it('gives the volume its snapshot\'s key and data key when no key is named', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const source = encryptedVolume(sandbox, key);
    const snapshot = snapshotOf(sandbox, source);

    let volume: Output = {};
    const calls = kmsCallsOf(sandbox, () => (volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: `${REGION}b`, SnapshotId: snapshot['SnapshotId'] }))));

    expect(volume).toMatchObject({ Encrypted: true, KmsKeyId: key.arn, Size: 8, SnapshotId: snapshot['SnapshotId'] });
    // No new data key: the shared one is decrypted, with the source volume's context.
    expect(calls.map((c) => c.eventName)).toEqual(['Decrypt']);
    expectByEc2(calls[0], 'Decrypt', REGION, String(source['VolumeId']));
  });

  it('re-encrypts the volume under a new data key when another key is named', () => {
    const sandbox = testSandbox();
    const first = createTestKey(sandbox);
    const second = createTestKey(sandbox);
    const snapshot = snapshotOf(sandbox, encryptedVolume(sandbox, first));

    let volume: Output = {};
    const calls = kmsCallsOf(sandbox, () => (volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, SnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: second.arn, Size: 10 }))));

    expect(volume).toMatchObject({ KmsKeyId: second.arn, Size: 10 });
    expect(calls.map((c) => `${c.eventName} ${c.resources?.[0]?.ARN}`)).toEqual([`Decrypt ${first.arn}`, `GenerateDataKeyWithoutPlaintext ${second.arn}`, `Decrypt ${second.arn}`]);
    expect(calls[1]?.requestParameters?.['encryptionContext']).toEqual({ 'aws:ebs:id': volume['VolumeId'] });
  });

  it('encrypts a volume made from an unencrypted snapshot when asked, and stays encrypted when Encrypted is false', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const plain = snapshotOf(sandbox, ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 })));
    expect(ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, SnapshotId: plain['SnapshotId'], Encrypted: true, KmsKeyId: key.keyId }))['KmsKeyId']).toBe(key.arn);

    const encrypted = snapshotOf(sandbox, encryptedVolume(sandbox, key));
    expect(ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, SnapshotId: encrypted['SnapshotId'], Encrypted: false }))['Encrypted']).toBe(true);
  });

  it('refuses a size smaller than the snapshot and an unknown snapshot', () => {
    const sandbox = testSandbox();
    const snapshot = snapshotOf(sandbox, ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 })));
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, SnapshotId: snapshot['SnapshotId'], Size: 4 }), 'InvalidParameterValue', 'minimum is 8GiB');
    failed(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, SnapshotId: 'snap-0123456789abcdef0' }), 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist.");
  });
});

describe('DescribeVolumes', () => {
  it('lists the Region\'s volumes only, and refuses an unknown id', () => {
    const sandbox = testSandbox();
    const volume = ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 }));
    expect((ok(ec2(sandbox, 'DescribeVolumes', {}))['Volumes'] as Output[]).map((v) => v['VolumeId'])).toEqual([volume['VolumeId']]);
    expect(ok(ec2(sandbox, 'DescribeVolumes', {}, OTHER_REGION))['Volumes']).toEqual([]);
    failed(ec2(sandbox, 'DescribeVolumes', { VolumeIds: ['vol-0123456789abcdef0'] }), 'InvalidVolume.NotFound', "The volume 'vol-0123456789abcdef0' does not exist.");
  });
});

describe('CreateSnapshot', () => {
  it('keeps the volume\'s key and data key without calling KMS', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const volume = encryptedVolume(sandbox, key);
    let snapshot: Output = {};
    expect(kmsCallsOf(sandbox, () => (snapshot = snapshotOf(sandbox, volume)))).toEqual([]);

    expect(snapshot).toMatchObject({ Encrypted: true, KmsKeyId: key.arn, State: 'pending', VolumeId: volume['VolumeId'], VolumeSize: 8, OwnerId: sandbox.accountId });
    expect(snapshot['SnapshotId']).toMatch(/^snap-0[0-9a-f]{16}$/);
    expect(describedSnapshot(sandbox, snapshot['SnapshotId'])).toMatchObject({ State: 'completed', Progress: '100%', KmsKeyId: key.arn, Description: 'test' });
  });

  it('refuses an unknown volume', () => {
    const sandbox = testSandbox();
    failed(ec2(sandbox, 'CreateSnapshot', { VolumeId: 'vol-0123456789abcdef0' }), 'InvalidVolume.NotFound');
  });
});

describe('CopySnapshot', () => {
  function encryptedSnapshot(sandbox: Sandbox, key: TestKey): { volume: Output; snapshot: Output } {
    const volume = encryptedVolume(sandbox, key);
    return { volume, snapshot: snapshotOf(sandbox, volume) };
  }

  it('copies across Regions under a key of the destination: Decrypt in the source Region, the new data key in the destination', () => {
    // Given key 1 in us-east-1, key 2 in eu-west-1 and a snapshot under key 1
    const sandbox = testSandbox();
    const key1 = createTestKey(sandbox, REGION);
    const key2 = createTestKey(sandbox, OTHER_REGION);
    const { volume, snapshot } = encryptedSnapshot(sandbox, key1);

    // When it is copied to eu-west-1 under key 2
    let copy: Output = {};
    const calls = kmsCallsOf(sandbox, () =>
      (copy = ok(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: key2.arn, Description: 'DR copy' }, OTHER_REGION))),
    );

    // Then the copy is under key 2, with a data key bound to the copy's id
    expect(Object.keys(copy)).toEqual(['SnapshotId']);
    const newId = String(copy['SnapshotId']);
    expect(describedSnapshot(sandbox, newId, OTHER_REGION)).toMatchObject({ Encrypted: true, KmsKeyId: key2.arn, VolumeId: 'vol-ffffffff', VolumeSize: 8, Description: 'DR copy', State: 'completed' });
    expectByEc2(calls[0], 'Decrypt', REGION, String(volume['VolumeId']));
    expect(calls[0]?.resources?.[0]?.ARN).toBe(key1.arn);
    expectByEc2(calls[1], 'GenerateDataKeyWithoutPlaintext', OTHER_REGION, newId);
    expect(calls[1]?.requestParameters).toMatchObject({ keyId: key2.arn, numberOfBytes: 64 });
    expectByEc2(calls[2], 'Decrypt', OTHER_REGION, newId);
    expect(calls).toHaveLength(3);
    // And the copy serves a volume in eu-west-1 whose bytes decrypt there
    expect(ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: `${OTHER_REGION}a`, SnapshotId: newId }, OTHER_REGION))['KmsKeyId']).toBe(key2.arn);
  });

  it('fails as AWS does when the copy names the source Region\'s key, without calling KMS', () => {
    const sandbox = testSandbox();
    const key1 = createTestKey(sandbox, REGION);
    const { snapshot } = encryptedSnapshot(sandbox, key1);
    const calls = kmsCallsOf(sandbox, () =>
      failed(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: key1.arn }, OTHER_REGION), 'InvalidParameterValue', `${key1.arn} is in ${REGION}, not in ${OTHER_REGION}`),
    );
    expect(calls).toEqual([]);
    expect(ok(ec2(sandbox, 'DescribeSnapshots', {}, OTHER_REGION))['Snapshots']).toEqual([]);
    expect(sandbox.audit.items.at(-2)).toMatchObject({ eventSource: EC2, eventName: 'CopySnapshot', awsRegion: OTHER_REGION, errorCode: 'InvalidParameterValue' });
  });

  it('fails when the source key is named by its bare id: KMS finds no such key in the destination', () => {
    const sandbox = testSandbox();
    const key1 = createTestKey(sandbox, REGION);
    const { snapshot } = encryptedSnapshot(sandbox, key1);
    let calls: AuditRecord[] = [];
    calls = kmsCallsOf(sandbox, () =>
      failed(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: key1.keyId }, OTHER_REGION), 'InvalidKMSKey.InvalidState', 'does not exist'),
    );
    expect(calls.at(-1)).toMatchObject({ eventName: 'GenerateDataKeyWithoutPlaintext', awsRegion: OTHER_REGION, errorCode: 'NotFoundException' });
  });

  it('uses the destination Region\'s default key when no key is named', () => {
    const sandbox = testSandbox();
    const { snapshot } = encryptedSnapshot(sandbox, createTestKey(sandbox));
    const copy = ok(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'] }, OTHER_REGION));
    expect(describedSnapshot(sandbox, copy['SnapshotId'], OTHER_REGION)['KmsKeyId']).toBe(ebsManagedKeyArn(sandbox, OTHER_REGION));
  });

  it('copies within a Region under a new data key bound to the copy\'s id', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const other = createTestKey(sandbox);
    const { snapshot } = encryptedSnapshot(sandbox, key);
    let copy: Output = {};
    const calls = kmsCallsOf(sandbox, () => (copy = ok(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: other.keyId }))));
    expect(describedSnapshot(sandbox, copy['SnapshotId'])['KmsKeyId']).toBe(other.arn);
    expectByEc2(calls[1], 'GenerateDataKeyWithoutPlaintext', REGION, String(copy['SnapshotId']));
  });

  it('keeps an unencrypted copy unencrypted unless asked, and encrypts it when asked', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, OTHER_REGION);
    const snapshot = snapshotOf(sandbox, ok(ec2(sandbox, 'CreateVolume', { AvailabilityZone: ZONE, Size: 8 })));
    const plain = ok(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'] }, OTHER_REGION));
    expect(describedSnapshot(sandbox, plain['SnapshotId'], OTHER_REGION)['Encrypted']).toBe(false);
    const encrypted = ok(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: key.keyId }, OTHER_REGION));
    expect(describedSnapshot(sandbox, encrypted['SnapshotId'], OTHER_REGION)['KmsKeyId']).toBe(key.arn);
  });

  it('fails with the KMS message when the source or the destination key is disabled', () => {
    const sandbox = testSandbox();
    const key1 = createTestKey(sandbox, REGION);
    const key2 = createTestKey(sandbox, OTHER_REGION);
    const { snapshot } = encryptedSnapshot(sandbox, key1);
    const copy = { SourceRegion: REGION, SourceSnapshotId: snapshot['SnapshotId'], Encrypted: true, KmsKeyId: key2.arn };

    expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'DisableKey', { KeyId: key2.keyId }));
    failed(ec2(sandbox, 'CopySnapshot', copy, OTHER_REGION), 'InvalidKMSKey.InvalidState', `${key2.arn} is disabled.`);
    expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'EnableKey', { KeyId: key2.keyId }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key1.keyId }));
    failed(ec2(sandbox, 'CopySnapshot', copy, OTHER_REGION), 'InvalidKMSKey.InvalidState', `${key1.arn} is disabled.`);
    expect(ok(ec2(sandbox, 'DescribeSnapshots', {}, OTHER_REGION))['Snapshots']).toEqual([]);
  });

  it('refuses KmsKeyId without Encrypted, an unknown snapshot and an unknown Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    failed(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: 'snap-0123456789abcdef0', KmsKeyId: key.keyId }), 'InvalidParameterDependency');
    failed(ec2(sandbox, 'CopySnapshot', { SourceRegion: REGION, SourceSnapshotId: 'snap-0123456789abcdef0' }, OTHER_REGION), 'InvalidSnapshot.NotFound');
    failed(ec2(sandbox, 'CopySnapshot', { SourceRegion: 'mars-north-1', SourceSnapshotId: 'snap-0123456789abcdef0' }), 'InvalidParameterValue', 'SourceRegion');
  });
});

describe('EBS encryption by default', () => {
  it('is off until enabled, per Region, and can be disabled again', () => {
    const sandbox = testSandbox();
    expect(ok(ec2(sandbox, 'GetEbsEncryptionByDefault', {}))).toEqual({ EbsEncryptionByDefault: false });
    expect(ok(ec2(sandbox, 'EnableEbsEncryptionByDefault', {}))).toEqual({ EbsEncryptionByDefault: true });
    expect(ok(ec2(sandbox, 'GetEbsEncryptionByDefault', {}))).toEqual({ EbsEncryptionByDefault: true });
    expect(ok(ec2(sandbox, 'GetEbsEncryptionByDefault', {}, OTHER_REGION))).toEqual({ EbsEncryptionByDefault: false });
    expect(ok(ec2(sandbox, 'DisableEbsEncryptionByDefault', {}))).toEqual({ EbsEncryptionByDefault: false });
  });

  it('has alias/aws/ebs as default key until modified, and resets to the aws/ebs key ARN', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const alias = createTestAlias(sandbox, key, 'alias/ebs-default');
    expect(ok(ec2(sandbox, 'GetEbsDefaultKmsKeyId', {}))).toEqual({ KmsKeyId: 'alias/aws/ebs' });

    expect(ok(ec2(sandbox, 'ModifyEbsDefaultKmsKeyId', { KmsKeyId: alias }))).toEqual({ KmsKeyId: key.arn });
    expect(ok(ec2(sandbox, 'GetEbsDefaultKmsKeyId', {}))).toEqual({ KmsKeyId: key.arn });
    expect(ok(ec2(sandbox, 'GetEbsDefaultKmsKeyId', {}, OTHER_REGION))).toEqual({ KmsKeyId: 'alias/aws/ebs' });

    const reset = ok(ec2(sandbox, 'ResetEbsDefaultKmsKeyId', {}));
    expect(reset).toEqual({ KmsKeyId: ebsManagedKeyArn(sandbox) });
    expect(ok(ec2(sandbox, 'GetEbsDefaultKmsKeyId', {}))).toEqual({ KmsKeyId: 'alias/aws/ebs' });
  });

  it('refuses an asymmetric key, an unknown key and a key of another Region as the default', () => {
    const sandbox = testSandbox();
    const rsa = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })).KeyMetadata;
    failed(ec2(sandbox, 'ModifyEbsDefaultKmsKeyId', { KmsKeyId: rsa.KeyId }), 'InvalidParameterValue', 'symmetric');
    failed(ec2(sandbox, 'ModifyEbsDefaultKmsKeyId', { KmsKeyId: 'alias/none' }), 'InvalidKMSKey.InvalidState', 'is not found');
    failed(ec2(sandbox, 'ModifyEbsDefaultKmsKeyId', { KmsKeyId: createTestKey(sandbox, OTHER_REGION).arn }), 'InvalidParameterValue', 'not in us-east-1');
    expect(ok(ec2(sandbox, 'GetEbsDefaultKmsKeyId', {}))).toEqual({ KmsKeyId: 'alias/aws/ebs' });
  });
});
