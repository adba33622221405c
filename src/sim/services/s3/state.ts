import type { Sealed } from '../sealing.js';
import { randomBytes } from 'node:crypto';
import type { SimCore } from '../../core.js';
import { ServiceError } from '../service.js';
import { serviceState } from '../service-state.js';

/** How an object is encrypted at rest: SSE-S3 (S3's own keys) or SSE-KMS. */
export type SseAlgorithm = 'AES256' | 'aws:kms';

/** The bytes of an object at rest: AES-256-GCM ciphertext with its IV and tag. */
export type SealedBody = Sealed;

/** How an object's data key is protected. */
export type ObjectKeyring =
  /** SSE-S3: the data key sealed under the Region's S3 master key (no KMS call). */
  | { readonly kind: 'sse-s3'; readonly sealedDataKey: SealedBody }
  /** SSE-KMS: the data key from GenerateDataKey, kept encrypted (its CiphertextBlob). */
  | { readonly kind: 'kms'; readonly encryptedDataKey: Uint8Array }
  /** SSE-KMS with an S3 Bucket Key: the encrypted bucket key and the salt the object key is derived with. */
  | { readonly kind: 'bucket-key'; readonly encryptedBucketKey: Uint8Array; readonly salt: Uint8Array };

/** One version of an object (the only one, `null`, in an unversioned bucket). */
export interface S3ObjectVersion {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: Date;
  readonly eTag: string;
  readonly size: number;
  readonly sse: SseAlgorithm;
  /** SSE-KMS: the ARN of the KMS key. */
  readonly kmsKeyArn?: string;
  /** SSE-KMS: the encryption context S3 passed to KMS (without a Bucket Key: with the object ARN). */
  readonly encryptionContext?: Readonly<Record<string, string>>;
  /** SSE-KMS: the caller's own context pairs, as given (base64 JSON), echoed by PutObject. */
  readonly callerContext?: string;
  readonly bucketKeyEnabled: boolean;
  readonly keyring: ObjectKeyring;
  readonly body: SealedBody;
  /** `COMPLETED`/`FAILED` on a replicated source object, `REPLICA` on a replica. */
  replicationStatus?: 'COMPLETED' | 'FAILED' | 'REPLICA' | 'PENDING';
  /** A delete marker has no body. */
  readonly deleteMarker?: boolean;
}

/** The default encryption of a bucket (PutBucketEncryption). */
export interface BucketEncryption {
  readonly sseAlgorithm: SseAlgorithm;
  readonly kmsMasterKeyId?: string;
  readonly bucketKeyEnabled: boolean;
}

/** One replication rule, as given in PutBucketReplication. */
export interface ReplicationRule {
  readonly id: string;
  readonly status: 'Enabled' | 'Disabled';
  readonly priority?: number;
  readonly prefix: string;
  readonly destinationBucketArn: string;
  readonly replicaKmsKeyId?: string;
  readonly sseKmsEncryptedObjects: boolean;
  /** The rule as given (for GetBucketReplication). */
  readonly given: Record<string, unknown>;
}

export interface ReplicationConfiguration {
  readonly role: string;
  readonly rules: readonly ReplicationRule[];
}

export interface Bucket {
  readonly name: string;
  readonly region: string;
  readonly creationDate: Date;
  encryption: BucketEncryption;
  versioning: 'Enabled' | 'Suspended' | undefined;
  replication: ReplicationConfiguration | undefined;
  /** The versions of each object key, oldest first. */
  readonly objects: Map<string, S3ObjectVersion[]>;
}

/** A bucket-level data key S3 holds for a while (plaintext only in S3's memory, wiped on expiry). */
export interface CachedBucketKey {
  readonly plaintext: Buffer;
  readonly encryptedBucketKey: Uint8Array;
  readonly kmsKeyArn: string;
  readonly expiresAt: number;
}

/** S3's state in one simulator: buckets (one global namespace), master keys and Bucket Key caches. */
export interface S3State {
  readonly buckets: Map<string, Bucket>;
  /** SSE-S3: one master key per Region, S3's own (never KMS's). */
  readonly masterKeys: Map<string, Buffer>;
  /** Bucket keys S3 made with GenerateDataKey, by bucket, KMS key and context. */
  readonly encryptCache: Map<string, CachedBucketKey>;
  /** Bucket keys S3 decrypted with Decrypt, by their encrypted form. */
  readonly decryptCache: Map<string, CachedBucketKey>;
}

export function s3State(core: SimCore): S3State {
  return serviceState(core, 's3', () => ({ buckets: new Map(), masterKeys: new Map(), encryptCache: new Map(), decryptCache: new Map() }));
}

/** The Region's SSE-S3 master key, made on first use. */
export function masterKey(state: S3State, region: string): Buffer {
  let key = state.masterKeys.get(region);
  if (!key) state.masterKeys.set(region, (key = randomBytes(32)));
  return key;
}

/** `arn:aws:s3:::bucket` */
export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/** `arn:aws:s3:::bucket/key` */
export function objectArn(bucket: string, key: string): string {
  return `arn:aws:s3:::${bucket}/${key}`;
}

/**
 * The bucket, or S3's NoSuchBucket. Object and bucket calls work from any Region's endpoint, and
 * S3's KMS calls go to the bucket's Region.
 */
// Fidelity: S3 answers a request sent to another Region's endpoint with a 301 PermanentRedirect,
// which the AWS CLI and SDKs follow to the bucket's Region; the sandbox serves the call directly
// (its own CloudTrail record keeps the Region the call was made in).
export function findBucket(state: S3State, name: string): Bucket {
  const bucket = state.buckets.get(name);
  if (!bucket) throw new ServiceError('NoSuchBucket', 'The specified bucket does not exist');
  return bucket;
}

/** The current version of an object, or undefined when it has none or a delete marker is current. */
export function currentVersion(bucket: Bucket, key: string): S3ObjectVersion | undefined {
  const versions = bucket.objects.get(key);
  const last = versions?.[versions.length - 1];
  return last && !last.deleteMarker ? last : undefined;
}
