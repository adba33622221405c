import { boolean, enumOf, integer, required, string } from '../../api/schema.js';
import { defineServiceOperation, resourceId, ServiceError } from '../service.js';
import { volumeLabel } from './ebs-blocks.js';
import { defaultKeyId, encryptUnderNewKey, readBlocks, refuseKeyOutsideRegion, withDataKey } from './ebs-kms.js';
import { findSnapshot, requireEncryptedWithKey, VOLUME_TYPES, volumeOutput } from './ebs-shapes.js';
import { ebsState, type EbsBlocks, type EbsEncryption, type EbsSnapshot } from './ebs-state.js';

const SIZE_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  standard: [1, 1024], io1: [4, 16_384], io2: [4, 65_536], gp2: [1, 16_384], gp3: [1, 16_384], sc1: [125, 16_384], st1: [125, 16_384],
};

/**
 * CreateVolume: an EBS volume, encrypted under a data key when asked, by default encryption, or
 * when made from an encrypted snapshot. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html
 */
export const createVolume = defineServiceOperation({
  service: 'ec2',
  name: 'CreateVolume',
  summary: 'Create an EBS volume, encrypted with a KMS data key when asked or by default',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html',
  input: {
    AvailabilityZone: required(string('The Availability Zone of the volume, e.g. us-east-1a (in the call\'s Region).')),
    Size: integer('The size in GiB; defaults to the snapshot\'s size.'),
    SnapshotId: string('The snapshot to create the volume from.'),
    VolumeType: enumOf('The volume type (default gp2).', VOLUME_TYPES),
    Encrypted: boolean('Encrypt the volume (with KmsKeyId, or the default KMS key for EBS).'),
    KmsKeyId: string('The symmetric KMS key for the volume: key id, key ARN, alias name or alias ARN. Requires Encrypted.'),
  },
  validate: requireEncryptedWithKey,
  handler(ctx, input) {
    // Validate
    const region = ctx.region.name;
    checkZone(input.AvailabilityZone, region);
    const state = ebsState(ctx.core).in(region);
    const snapshot = input.SnapshotId === undefined ? undefined : findSnapshot(state, input.SnapshotId);
    const volumeType = input.VolumeType ?? 'gp2';
    const size = volumeSize(input.Size, snapshot, volumeType);
    refuseKeyOutsideRegion(input.KmsKeyId, region);

    // Encrypt
    const volumeId = resourceId('vol');
    const createTime = ctx.now;
    const plaintext = (): EbsBlocks => (snapshot ? readBlocks(ctx, snapshot.encryption, snapshot.blocks) : [volumeLabel(volumeId, size, createTime)]);
    let encryption: EbsEncryption | undefined;
    let blocks: EbsBlocks;
    if (snapshot?.encryption && input.KmsKeyId === undefined) {
      // The volume shares its snapshot's key and data key; EBS decrypts the data key to read the
      // snapshot's blocks into the volume, which fails when the key is not usable.
      const shared = snapshot.encryption;
      withDataKey(ctx, shared, () => undefined);
      encryption = shared;
      blocks = snapshot.blocks;
    } else if (snapshot?.encryption || input.Encrypted === true || state.encryptionByDefault) {
      // Fidelity: the sandbox writes the new volume's first block at once, so the audit shows a
      // Decrypt of the data key at creation; AWS decrypts it only when the volume is attached.
      ({ encryption, blocks } = encryptUnderNewKey(ctx, input.KmsKeyId ?? defaultKeyId(state), volumeId, region, plaintext()));
    } else {
      blocks = plaintext();
    }

    // Respond
    const volume = { volumeId, availabilityZone: input.AvailabilityZone, size, volumeType, createTime, snapshotId: input.SnapshotId ?? '', encryption, blocks };
    state.volumes.set(volumeId, volume);
    // Fidelity: AWS answers State "creating" and the volume becomes "available" seconds later;
    // the sandbox's volume is available at once (DescribeVolumes shows it so).
    return volumeOutput(volume, 'creating');
  },
});

/** An Availability Zone of the call's Region: the Region's name and a letter. */
function checkZone(zone: string, region: string): void {
  if (!new RegExp(`^${region}[a-f]$`).test(zone)) throw new ServiceError('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
}

function volumeSize(size: number | undefined, snapshot: EbsSnapshot | undefined, volumeType: string): number {
  if (size === undefined) {
    if (!snapshot) throw new ServiceError('MissingParameter', 'The request must contain the parameter size or snapshotId');
    return snapshot.volumeSize;
  }
  const [min, max] = SIZE_LIMITS[volumeType] ?? [1, 16_384];
  const least = Math.max(min, snapshot?.volumeSize ?? 0);
  if (size < least) throw new ServiceError('InvalidParameterValue', `Volume of ${size}GiB is too small; minimum is ${least}GiB.`);
  if (size > max) throw new ServiceError('InvalidParameterValue', `Volume of ${size}GiB is too large; maximum is ${max}GiB.`);
  return size;
}
