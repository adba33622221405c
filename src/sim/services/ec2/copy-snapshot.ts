import { boolean, required, string } from '../../api/schema.js';
import { defineServiceOperation, resourceId, ServiceError } from '../service.js';
import { defaultKeyId, encryptUnderNewKey, readBlocks, refuseKeyOutsideRegion } from './ebs-kms.js';
import { findSnapshot, requireEncryptedWithKey } from './ebs-shapes.js';
import { ebsState, type EbsBlocks, type EbsEncryption } from './ebs-state.js';

/** The VolumeId AWS shows for snapshots made by CopySnapshot. */
const COPIED_VOLUME_ID = 'vol-ffffffff';

/**
 * CopySnapshot, called in the destination Region: copies a snapshot within a Region or from
 * another. A copy of an encrypted snapshot stays encrypted; the copy gets a new data key under
 * KmsKeyId (or the destination's default KMS key for EBS), which must be a key of the destination
 * Region, with `aws:ebs:id` = the new snapshot id. EBS decrypts the source's data key in the
 * source Region and makes the new one in the destination.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html
 */
export const copySnapshot = defineServiceOperation({
  service: 'ec2',
  name: 'CopySnapshot',
  summary: 'Copy an EBS snapshot within or across Regions, re-encrypted under a key of the destination',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html',
  input: {
    SourceRegion: required(string('The Region of the source snapshot.')),
    SourceSnapshotId: required(string('The snapshot to copy.')),
    Description: string('A description of the copy.'),
    Encrypted: boolean('Encrypt the copy of an unencrypted snapshot (copies of encrypted snapshots are always encrypted).'),
    KmsKeyId: string('The symmetric KMS key of the copy, in the destination Region: key id, key ARN, alias name or alias ARN. Requires Encrypted.'),
  },
  validate: requireEncryptedWithKey,
  handler(ctx, input) {
    // Validate
    const destination = ctx.region.name;
    if (!ctx.core.regions.has(input.SourceRegion))
      throw new ServiceError('InvalidParameterValue', `Value (${input.SourceRegion}) for parameter SourceRegion is invalid.`);
    const source = findSnapshot(ebsState(ctx.core).in(input.SourceRegion), input.SourceSnapshotId);
    refuseKeyOutsideRegion(input.KmsKeyId, destination);
    const state = ebsState(ctx.core).in(destination);
    const snapshotId = resourceId('snap');

    // Crypto: the source's blocks in plaintext (Decrypt in the source Region), then a new data
    // key in the destination Region for the copy.
    let encryption: EbsEncryption | undefined;
    let blocks: EbsBlocks;
    if (source.encryption || input.Encrypted === true || state.encryptionByDefault) {
      const plaintext = readBlocks(ctx, source.encryption, source.blocks);
      ({ encryption, blocks } = encryptUnderNewKey(ctx, input.KmsKeyId ?? defaultKeyId(state), snapshotId, destination, plaintext));
    } else {
      blocks = source.blocks;
    }

    // Respond
    state.snapshots.set(snapshotId, {
      snapshotId,
      volumeId: COPIED_VOLUME_ID,
      volumeSize: source.volumeSize,
      description: input.Description ?? '',
      startTime: ctx.now,
      encryption,
      blocks,
    });
    // Fidelity: AWS copies in the background (the copy is "pending" until done, a failure is an
    // "EBS Snapshot Notification" event); the sandbox copies at once and fails the call itself.
    return { SnapshotId: snapshotId };
  },
});
