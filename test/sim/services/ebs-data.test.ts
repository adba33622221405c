/**
 * EBS on real bytes: what the simulated EBS stores for a volume and its copies, checked from the
 * inside (the simulator's state), with KMS as EBS uses it.
 */
import { describe, expect, it } from 'vitest';
import { adminPrincipal, type Principal } from '../../../src/sim/access/principal.js';
import { dispatch } from '../../../src/sim/api/dispatcher.js';
import { SimCore } from '../../../src/sim/core.js';
import { openBlocks } from '../../../src/sim/services/ec2/ebs-blocks.js';
import { withDataKey } from '../../../src/sim/services/ec2/ebs-kms.js';
import { ebsState, type EbsEncryption } from '../../../src/sim/services/ec2/ebs-state.js';
import { findServiceOperation } from '../../../src/sim/services/registry.js';
import { dispatchService, type ServiceContext } from '../../../src/sim/services/service.js';

const SOURCE = 'us-east-1';
const DESTINATION = 'eu-west-1';

function setUp(): { core: SimCore; admin: Principal; viaEc2: Principal } {
  const core = new SimCore({ quotas: { enforce: false } });
  const admin = adminPrincipal(core.accountId);
  return { core, admin, viaEc2: { ...admin, invokedBy: 'ec2.amazonaws.com' } };
}

function ec2(core: SimCore, admin: Principal, region: string, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const def = findServiceOperation('ec2', operation) ?? expect.fail(`no ${operation}`);
  const outcome = dispatchService(core, region, admin, def, input);
  if (!outcome.ok) expect.fail(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

function createKey(core: SimCore, admin: Principal, region: string): string {
  const outcome = dispatch(core, region, admin, 'CreateKey', {});
  if (!outcome.ok) expect.fail(outcome.error.message);
  return (outcome.output as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn;
}

/** Decrypts a data key as EC2 would, in its Region with its context. */
function dataKeyOf(core: SimCore, viaEc2: Principal, encryption: EbsEncryption, contextId = encryption.contextId): Uint8Array {
  const outcome = dispatch(core, encryption.region, viaEc2, 'Decrypt', { CiphertextBlob: encryption.encryptedDataKey, EncryptionContext: { 'aws:ebs:id': contextId } });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return (outcome.output as { Plaintext: Uint8Array }).Plaintext;
}

describe('EBS data', () => {
  it('stores a volume\'s blocks encrypted under its data key, and a cross-Region copy re-encrypted to the same bytes', () => {
    // Given an encrypted volume and its snapshot in us-east-1
    const { core, admin, viaEc2 } = setUp();
    const key1 = createKey(core, admin, SOURCE);
    const key2 = createKey(core, admin, DESTINATION);
    const volume = ec2(core, admin, SOURCE, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 8, Encrypted: true, KmsKeyId: key1 });
    const volumeId = String(volume['VolumeId']);
    const snapshotId = String(ec2(core, admin, SOURCE, 'CreateSnapshot', { VolumeId: volumeId })['SnapshotId']);
    const stored = ebsState(core).in(SOURCE).volumes.get(volumeId) ?? expect.fail('no volume');
    const encryption = stored.encryption ?? expect.fail('not encrypted');

    // Then the stored blocks hold no plaintext, and the data key (64 bytes) opens them
    expect(Buffer.concat(stored.blocks.map((b) => Buffer.from(b))).toString('latin1')).not.toContain('kms-sandbox EBS volume');
    const dataKey = dataKeyOf(core, viaEc2, encryption);
    expect(dataKey).toHaveLength(64);
    const [label] = openBlocks(dataKey, volumeId, stored.blocks);
    expect(Buffer.from(label ?? []).toString('utf8')).toContain(`kms-sandbox EBS volume ${volumeId}, 8 GiB`);
    // The data key is bound to its context: another aws:ebs:id does not decrypt it.
    expect(() => dataKeyOf(core, viaEc2, encryption, snapshotId)).toThrow('InvalidCiphertextException');
    // Its plaintext appears nowhere in the audit trail.
    expect(core.audit.toJsonLines()).not.toContain(Buffer.from(dataKey).toString('base64'));

    // When the snapshot is copied to eu-west-1 under key 2
    const copyId = String(ec2(core, admin, DESTINATION, 'CopySnapshot', { SourceRegion: SOURCE, SourceSnapshotId: snapshotId, Encrypted: true, KmsKeyId: key2 })['SnapshotId']);
    const copy = ebsState(core).in(DESTINATION).snapshots.get(copyId) ?? expect.fail('no copy');
    const copyEncryption = copy.encryption ?? expect.fail('copy not encrypted');

    // Then the copy's blocks are new ciphertext, under a new data key made in eu-west-1 for the copy's id
    expect(copyEncryption).toMatchObject({ keyArn: key2, region: DESTINATION, contextId: copyId });
    expect(Buffer.from(copy.blocks[0] ?? []).equals(Buffer.from(stored.blocks[0] ?? []))).toBe(false);
    expect(() => openBlocks(dataKey, volumeId, copy.blocks)).toThrow();
    const copyKey = dataKeyOf(core, viaEc2, copyEncryption);
    expect(Buffer.from(openBlocks(copyKey, copyId, copy.blocks)[0] ?? []).equals(Buffer.from(label ?? []))).toBe(true);
  });

  it('keeps an unencrypted volume\'s blocks in plaintext', () => {
    const { core, admin } = setUp();
    const volumeId = String(ec2(core, admin, SOURCE, 'CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 1 })['VolumeId']);
    const stored = ebsState(core).in(SOURCE).volumes.get(volumeId) ?? expect.fail('no volume');
    expect(stored.encryption).toBeUndefined();
    expect(Buffer.from(stored.blocks[0] ?? []).toString('utf8')).toContain(volumeId);
  });
});

describe('withDataKey', () => {
  it('wipes the plaintext data key after use, even when the use throws', () => {
    const plaintext = Buffer.alloc(64, 7);
    const ctx = { kms: () => ({ ok: true, output: { Plaintext: plaintext } }) } as unknown as ServiceContext;
    const encryption = { keyArn: 'arn', region: SOURCE, encryptedDataKey: Buffer.alloc(1), contextId: 'vol-1' };
    expect(withDataKey(ctx, encryption, (key) => key[0])).toBe(7);
    expect(plaintext.every((b) => b === 0)).toBe(true);
    plaintext.fill(7);
    expect(() => withDataKey(ctx, encryption, () => { throw new Error('boom'); })).toThrow('boom');
    expect(plaintext.every((b) => b === 0)).toBe(true);
  });
});
