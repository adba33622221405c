import type { ServiceOperationDef } from '../service.js';
import { copySnapshot } from './copy-snapshot.js';
import { createSnapshot } from './create-snapshot.js';
import { createVolume } from './create-volume.js';
import { describeSnapshots } from './describe-snapshots.js';
import { describeVolumes } from './describe-volumes.js';
import {
  disableEbsEncryptionByDefault,
  enableEbsEncryptionByDefault,
  getEbsDefaultKmsKeyId,
  getEbsEncryptionByDefault,
  modifyEbsDefaultKmsKeyId,
  resetEbsDefaultKmsKeyId,
} from './ebs-default-encryption.js';

/** The EC2 operations of the simulated EBS (volumes, snapshots, default encryption). */
export const EC2_OPERATIONS: readonly ServiceOperationDef[] = [
  createVolume,
  describeVolumes,
  createSnapshot,
  describeSnapshots,
  copySnapshot,
  enableEbsEncryptionByDefault,
  disableEbsEncryptionByDefault,
  getEbsEncryptionByDefault,
  getEbsDefaultKmsKeyId,
  modifyEbsDefaultKmsKeyId,
  resetEbsDefaultKmsKeyId,
] as readonly ServiceOperationDef[];
