import { enumOf, integer, list, required, string, structure } from '../../api/schema.js';
import type { SimCore } from '../../core.js';
import { defineServiceOperation, ServiceError } from '../service.js';
import { bucketBody, bucketTrail } from './cloudtrail.js';
import { wipe } from './crypto.js';
import { decryptObject, encryptObject, roleInvoker } from './object-crypto.js';
import { findBucket, s3State, type Bucket, type ReplicationRule, type S3ObjectVersion, type S3State } from './state.js';

const S3_API = 'https://docs.aws.amazon.com/AmazonS3/latest/API';

const status = (doc: string) => required(enumOf(doc, ['Enabled', 'Disabled']));

const ruleShape = structure('A replication rule.', {
  ID: string('The rule id.', { max: 255 }),
  Priority: integer('Which rule wins when several match.'),
  Status: status('Enabled or Disabled.'),
  Prefix: string('Only keys with this prefix (deprecated form of Filter.Prefix).'),
  Filter: structure('Which objects the rule replicates.', { Prefix: string('Only keys with this prefix.') }),
  Destination: required(
    structure('Where replicas go.', {
      Bucket: required(string('The destination bucket ARN (arn:aws:s3:::name).')),
      EncryptionConfiguration: structure('How replicas of SSE-KMS objects are encrypted.', {
        ReplicaKmsKeyID: string('A symmetric KMS key in the destination bucket Region (key ARN or alias ARN) for the replicas.'),
      }),
      StorageClass: string('Fidelity: every replica is STANDARD.'),
    }),
  ),
  SourceSelectionCriteria: structure('Which encrypted objects to replicate.', {
    SseKmsEncryptedObjects: structure('SSE-KMS objects: replicated only when Enabled.', { Status: status('Enabled or Disabled.') }),
  }),
  DeleteMarkerReplication: structure('Fidelity: delete markers are not replicated.', { Status: enumOf('Enabled or Disabled.', ['Enabled', 'Disabled']) }),
});

const BUCKET_ARN = /^arn:aws:s3:::([^/]+)$/;

/**
 * PutBucketReplication: replicate new objects to a bucket (in another Region for CRR). SSE-KMS objects
 * need SourceSelectionCriteria.SseKmsEncryptedObjects Enabled and a ReplicaKmsKeyID for the replicas.
 */
export const putBucketReplication = defineServiceOperation({
  service: 's3api',
  name: 'PutBucketReplication',
  summary: 'Replicates new objects to another bucket (Cross-Region replication; SSE-KMS objects under a replica key).',
  docUrl: `${S3_API}/API_PutBucketReplication.html`,
  input: {
    Bucket: required(string('The source bucket.')),
    ReplicationConfiguration: required(
      structure('The replication role and rules.', {
        Role: required(string('The IAM role S3 assumes to replicate (arn:aws:iam::ACCOUNT:role/NAME).')),
        Rules: required(list('The rules.', ruleShape, { min: 1, max: 1000 })),
      }),
    ),
  },
  cloudTrail: bucketTrail('replication', bucketBody('ReplicationConfiguration', { Rules: 'Rule' })),
  handler(ctx, input) {
    const state = s3State(ctx.core);
    const bucket = findBucket(state, input.Bucket);
    if (bucket.versioning !== 'Enabled') throw new ServiceError('InvalidRequest', "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
    const { Role, Rules } = input.ReplicationConfiguration;
    // GUESS: the wording of the refusals below (codes as S3 documents them; texts not in the stored sources).
    if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(Role)) throw new ServiceError('InvalidArgument', 'Invalid Role specified in replication configuration');
    const rules: ReplicationRule[] = Rules.map((rule, index) => {
      const match = BUCKET_ARN.exec(rule.Destination.Bucket);
      if (!match) throw new ServiceError('InvalidArgument', 'Invalid bucket ARN specified in replication configuration');
      const destination = state.buckets.get(match[1] ?? '');
      if (!destination) throw new ServiceError('InvalidRequest', 'Destination bucket must exist.');
      if (destination.versioning !== 'Enabled') throw new ServiceError('InvalidRequest', 'Destination bucket must have versioning enabled.');
      const replicaKey = rule.Destination.EncryptionConfiguration?.ReplicaKmsKeyID;
      const sseKms = rule.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status === 'Enabled';
      if (sseKms && replicaKey === undefined) throw new ServiceError('InvalidArgument', 'ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.');
      if (!sseKms && replicaKey !== undefined)
        throw new ServiceError('InvalidArgument', 'SseKmsEncryptedObjects must be specified if EncryptionConfiguration is present.');
      // S3 does not check the replica key here: a key outside the destination Region (or unusable)
      // fails each replication, and the source object shows ReplicationStatus FAILED.
      return {
        id: rule.ID ?? `rule-${index + 1}`,
        status: rule.Status,
        ...(rule.Priority !== undefined ? { priority: rule.Priority } : {}),
        prefix: rule.Filter?.Prefix ?? rule.Prefix ?? '',
        destinationBucketArn: rule.Destination.Bucket,
        ...(replicaKey !== undefined ? { replicaKmsKeyId: replicaKey } : {}),
        sseKmsEncryptedObjects: sseKms,
        given: rule as Record<string, unknown>,
      };
    });
    bucket.replication = { role: Role, rules };
    return {};
  },
});

/** GetBucketReplication: the configuration as given. */
export const getBucketReplication = defineServiceOperation({
  service: 's3api',
  name: 'GetBucketReplication',
  summary: "Returns the bucket's replication configuration.",
  docUrl: `${S3_API}/API_GetBucketReplication.html`,
  input: { Bucket: required(string('The source bucket.')) },
  cloudTrail: bucketTrail('replication'),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    if (!bucket.replication) throw new ServiceError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found');
    return { ReplicationConfiguration: { Role: bucket.replication.role, Rules: bucket.replication.rules.map((r) => r.given) } };
  },
});

/** DeleteBucketReplication: no more replication. */
export const deleteBucketReplication = defineServiceOperation({
  service: 's3api',
  name: 'DeleteBucketReplication',
  summary: "Removes the bucket's replication configuration.",
  docUrl: `${S3_API}/API_DeleteBucketReplication.html`,
  input: { Bucket: required(string('The source bucket.')) },
  cloudTrail: bucketTrail('replication'),
  handler(ctx, input) {
    findBucket(s3State(ctx.core), input.Bucket).replication = undefined;
    return {};
  },
});

/**
 * Replicates a new object by the first Enabled rule that matches its key (highest Priority first):
 * S3, as the replication role, reads the source (KMS Decrypt in the source Region for SSE-KMS) and
 * writes the replica under the replica key (GenerateDataKey in the destination Region, with the
 * replica's ARN as context). The source object's ReplicationStatus becomes COMPLETED or FAILED; the
 * replica's is REPLICA and it keeps the version id and Bucket Key setting.
 */
// Fidelity: AWS replicates asynchronously (PENDING, then COMPLETED or FAILED, usually within
// minutes); the sandbox replicates during the PutObject call, so the audit shows the source
// Region's PutObject, its KMS calls, then the replication's KMS calls in order.
export function replicateObject(core: SimCore, state: S3State, bucket: Bucket, version: S3ObjectVersion): void {
  const config = bucket.replication;
  if (!config) return;
  const rule = [...config.rules]
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))
    .find((r) => r.status === 'Enabled' && version.key.startsWith(r.prefix));
  if (!rule) return;
  if (version.sse === 'aws:kms' && !rule.sseKmsEncryptedObjects) return; // not selected: no ReplicationStatus
  const destination = state.buckets.get(BUCKET_ARN.exec(rule.destinationBucketArn)?.[1] ?? '');
  if (!destination || destination.versioning !== 'Enabled') {
    version.replicationStatus = 'FAILED';
    return;
  }
  const kms = roleInvoker(core, config.role);
  let plaintext: Buffer | undefined;
  try {
    plaintext = decryptObject(core, state, kms, bucket, version);
    const encrypted = encryptObject(core, state, kms, destination, version.key, plaintext, {
      sse: version.sse,
      ...(version.sse === 'aws:kms' && rule.replicaKmsKeyId !== undefined ? { kmsKeyId: rule.replicaKmsKeyId } : {}),
      bucketKeyEnabled: version.bucketKeyEnabled,
    });
    const replica: S3ObjectVersion = {
      key: version.key,
      versionId: version.versionId,
      lastModified: version.lastModified,
      eTag: version.eTag,
      size: version.size,
      sse: version.sse,
      ...(encrypted.kmsKeyArn !== undefined ? { kmsKeyArn: encrypted.kmsKeyArn } : {}),
      ...(encrypted.encryptionContext ? { encryptionContext: encrypted.encryptionContext } : {}),
      bucketKeyEnabled: version.bucketKeyEnabled,
      keyring: encrypted.keyring,
      body: encrypted.body,
      replicationStatus: 'REPLICA',
    };
    const versions = destination.objects.get(version.key) ?? [];
    versions.push(replica);
    destination.objects.set(version.key, versions);
    version.replicationStatus = 'COMPLETED';
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    version.replicationStatus = 'FAILED';
  } finally {
    wipe(plaintext);
  }
}
