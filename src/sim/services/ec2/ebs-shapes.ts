import { ServiceError } from '../service.js';
import type { EbsRegion, EbsSnapshot, EbsVolume } from './ebs-state.js';

/** EC2's volume types. */
export const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'] as const;

/** A volume as DescribeVolumes shows it. */
export function volumeOutput(volume: EbsVolume, state: 'creating' | 'available'): Record<string, unknown> {
  return {
    Attachments: [],
    AvailabilityZone: volume.availabilityZone,
    CreateTime: volume.createTime,
    Encrypted: volume.encryption !== undefined,
    ...(volume.encryption ? { KmsKeyId: volume.encryption.keyArn } : {}),
    Size: volume.size,
    SnapshotId: volume.snapshotId,
    State: state,
    VolumeId: volume.volumeId,
    ...iops(volume),
    VolumeType: volume.volumeType,
    MultiAttachEnabled: false,
  };
}

function iops(volume: EbsVolume): Record<string, number> {
  if (volume.volumeType === 'gp2') return { Iops: Math.min(16_000, Math.max(100, 3 * volume.size)) };
  if (volume.volumeType === 'gp3') return { Iops: 3000, Throughput: 125 };
  return {};
}

/** A snapshot as DescribeSnapshots shows it (CreateSnapshot answers it while `pending`). */
export function snapshotOutput(snapshot: EbsSnapshot, ownerId: string, state: 'pending' | 'completed'): Record<string, unknown> {
  return {
    Description: snapshot.description,
    Encrypted: snapshot.encryption !== undefined,
    ...(snapshot.encryption ? { KmsKeyId: snapshot.encryption.keyArn } : {}),
    OwnerId: ownerId,
    Progress: state === 'completed' ? '100%' : '',
    SnapshotId: snapshot.snapshotId,
    StartTime: snapshot.startTime,
    State: state,
    VolumeId: snapshot.volumeId,
    VolumeSize: snapshot.volumeSize,
    ...(state === 'completed' ? { StorageTier: 'standard' } : {}),
  };
}

/** The volume with this id in the Region, or EC2's InvalidVolume.NotFound. */
export function findVolume(state: EbsRegion, volumeId: string): EbsVolume {
  const volume = state.volumes.get(volumeId);
  if (!volume) throw new ServiceError('InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
  return volume;
}

/** The snapshot with this id in the Region, or EC2's InvalidSnapshot.NotFound. */
export function findSnapshot(state: EbsRegion, snapshotId: string): EbsSnapshot {
  const snapshot = state.snapshots.get(snapshotId);
  if (!snapshot) throw new ServiceError('InvalidSnapshot.NotFound', `The snapshot '${snapshotId}' does not exist.`);
  return snapshot;
}

/** EC2's InvalidParameterDependency when KmsKeyId comes without Encrypted. */
export function requireEncryptedWithKey(input: { KmsKeyId?: string; Encrypted?: boolean }): void {
  if (input.KmsKeyId !== undefined && input.Encrypted !== true)
    throw new ServiceError('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
}
