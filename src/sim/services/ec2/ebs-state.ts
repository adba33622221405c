import type { SimCore } from '../../core.js';
import { PerRegion, serviceState } from '../service-state.js';

/**
 * How an encrypted volume or snapshot is protected: the KMS key, the data key encrypted under it
 * (never its plaintext), and the `aws:ebs:id` value of the encryption context the data key was
 * made with (the volume id for volumes and their snapshots; the snapshot id for copies).
 * https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html
 */
export interface EbsEncryption {
  /** The ARN of the KMS key, as EC2 reports it in KmsKeyId. */
  readonly keyArn: string;
  /** The Region of the key (and of the data key's KMS calls). */
  readonly region: string;
  readonly encryptedDataKey: Uint8Array;
  /** The value of `aws:ebs:id` in the data key's encryption context. */
  readonly contextId: string;
}

/**
 * The blocks of a volume or snapshot: plaintext when unencrypted; when encrypted each block is
 * `IV (12) | tag (16) | AES-256-GCM ciphertext` under the data key.
 */
export type EbsBlocks = readonly Uint8Array[];

/** An EBS volume. */
export interface EbsVolume {
  readonly volumeId: string;
  readonly availabilityZone: string;
  readonly size: number;
  readonly volumeType: string;
  readonly createTime: Date;
  /** The snapshot it was created from, or ''. */
  readonly snapshotId: string;
  readonly encryption: EbsEncryption | undefined;
  readonly blocks: EbsBlocks;
}

/** An EBS snapshot. */
export interface EbsSnapshot {
  readonly snapshotId: string;
  /** The volume it was taken from; copies show AWS's `vol-ffffffff`. */
  readonly volumeId: string;
  readonly volumeSize: number;
  readonly description: string;
  readonly startTime: Date;
  readonly encryption: EbsEncryption | undefined;
  readonly blocks: EbsBlocks;
}

/** What EBS keeps per account and Region. */
export interface EbsRegion {
  readonly volumes: Map<string, EbsVolume>;
  readonly snapshots: Map<string, EbsSnapshot>;
  /** EnableEbsEncryptionByDefault / DisableEbsEncryptionByDefault. */
  encryptionByDefault: boolean;
  /** ModifyEbsDefaultKmsKeyId's key ARN; undefined means the AWS managed key aws/ebs. */
  defaultKmsKeyArn: string | undefined;
}

/** The EBS state of a simulator, per Region. */
export function ebsState(core: SimCore): PerRegion<EbsRegion> {
  return serviceState(core, 'ebs', () => new PerRegion<EbsRegion>(() => ({ volumes: new Map(), snapshots: new Map(), encryptionByDefault: false, defaultKmsKeyArn: undefined })));
}

/** The alias EC2 passes to KMS when the default key is the AWS managed key. */
export const AWS_MANAGED_EBS_ALIAS = 'alias/aws/ebs';
