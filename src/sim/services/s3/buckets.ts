import { boolean, enumOf, list, required, string, structure } from '../../api/schema.js';
import { defineServiceOperation, ServiceError } from '../service.js';
import { accountTrail, bucketBody, bucketTrail } from './cloudtrail.js';
import { findBucket, s3State, type BucketEncryption } from './state.js';

const S3_API = 'https://docs.aws.amazon.com/AmazonS3/latest/API';

const bucketName = required(string('The name of the bucket.'));

/**
 * S3's bucket naming rules for general purpose buckets: 3–63 characters of lowercase letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, not an IP address, without
 * two adjacent dots and without the reserved prefixes and suffixes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function validBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) || name.includes('..')) return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return false;
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|--x-s3|\.mrap)$/.test(name)) return false;
  return true;
}

/** Default encryption since January 5, 2023: SSE-S3 on every bucket. */
export const DEFAULT_BUCKET_ENCRYPTION: BucketEncryption = { sseAlgorithm: 'AES256', bucketKeyEnabled: false };

/** CreateBucket: a bucket in the Region of the LocationConstraint (bucket names are global). */
export const createBucket = defineServiceOperation({
  service: 's3api',
  name: 'CreateBucket',
  summary: 'Creates a bucket in a Region; its name is unique across all of S3.',
  docUrl: `${S3_API}/API_CreateBucket.html`,
  input: {
    Bucket: bucketName,
    CreateBucketConfiguration: structure('The Region to create the bucket in (LocationConstraint).', {
      LocationConstraint: string('The Region of the bucket. Omit it only in us-east-1.'),
    }),
  },
  cloudTrail: bucketTrail(undefined, bucketBody('CreateBucketConfiguration')),
  handler(ctx, input) {
    const state = s3State(ctx.core);
    if (!validBucketName(input.Bucket)) throw new ServiceError('InvalidBucketName', 'The specified bucket is not valid.');
    const constraint = input.CreateBucketConfiguration?.LocationConstraint;
    const region = bucketRegion(ctx.core.region.bind(ctx.core), ctx.region.name, constraint);
    const existing = state.buckets.get(input.Bucket);
    if (existing) {
      // In us-east-1 (the legacy global endpoint) re-creating a bucket you own succeeds.
      if (existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${input.Bucket}` };
      throw new ServiceError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    // Fidelity: the sandbox has one account, so BucketAlreadyExists (a name another account owns) never happens.
    state.buckets.set(input.Bucket, {
      name: input.Bucket,
      region,
      creationDate: ctx.now,
      encryption: DEFAULT_BUCKET_ENCRYPTION,
      versioning: undefined,
      replication: undefined,
      objects: new Map(),
    });
    return { Location: region === 'us-east-1' ? `/${input.Bucket}` : `http://${input.Bucket}.s3.amazonaws.com/` };
  },
});

/**
 * The Region a CreateBucket call makes its bucket in. The us-east-1 endpoint takes any
 * LocationConstraint (and none); any other endpoint needs its own Region as the constraint.
 */
function bucketRegion(region: (name: string) => unknown, endpoint: string, constraint: string | undefined): string {
  if (constraint !== undefined) {
    let known = true;
    try {
      region(constraint);
    } catch {
      known = false;
    }
    if (!known || constraint === 'us-east-1') throw new ServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid');
  }
  if (endpoint === 'us-east-1') return constraint ?? 'us-east-1';
  if (constraint === undefined)
    throw new ServiceError('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.');
  if (constraint !== endpoint)
    throw new ServiceError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  return constraint;
}

/** ListBuckets: every bucket of the account, in every Region. */
export const listBuckets = defineServiceOperation({
  service: 's3api',
  name: 'ListBuckets',
  summary: 'Lists the buckets of the account (all Regions).',
  docUrl: `${S3_API}/API_ListBuckets.html`,
  input: {},
  cloudTrail: accountTrail,
  handler(ctx) {
    const buckets = [...s3State(ctx.core).buckets.values()].sort((a, b) => a.name.localeCompare(b.name));
    return {
      Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: b.region })),
      Owner: { ID: ctx.core.accountId },
    };
  },
});

/** PutBucketEncryption: the bucket's default encryption (SSE-S3 or SSE-KMS with a key, Bucket Keys). */
export const putBucketEncryption = defineServiceOperation({
  service: 's3api',
  name: 'PutBucketEncryption',
  summary: "Sets the bucket's default encryption: SSE-S3 (AES256) or SSE-KMS (aws:kms) with a key and S3 Bucket Keys.",
  docUrl: `${S3_API}/API_PutBucketEncryption.html`,
  input: {
    Bucket: bucketName,
    ServerSideEncryptionConfiguration: required(
      structure('The default encryption rule.', {
        Rules: required(
          list(
            'One rule.',
            structure('A default encryption rule.', {
              ApplyServerSideEncryptionByDefault: structure('The default encryption.', {
                // Fidelity: aws:kms:dsse (dual-layer SSE-KMS) is not simulated.
                SSEAlgorithm: required(enumOf('AES256 (SSE-S3) or aws:kms (SSE-KMS).', ['AES256', 'aws:kms'])),
                KMSMasterKeyID: string('SSE-KMS: the key (key id, key ARN, alias name or alias ARN). Omitted: the AWS managed key aws/s3.'),
              }),
              BucketKeyEnabled: boolean('Use an S3 Bucket Key for SSE-KMS (fewer KMS calls).'),
            }),
            { min: 1, max: 1 },
          ),
        ),
      }),
    ),
  },
  cloudTrail: bucketTrail('encryption', bucketBody('ServerSideEncryptionConfiguration', { Rules: 'Rule' })),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    const rule = input.ServerSideEncryptionConfiguration.Rules[0];
    const byDefault = rule?.ApplyServerSideEncryptionByDefault;
    if (!byDefault) throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (byDefault.KMSMasterKeyID !== undefined && byDefault.SSEAlgorithm !== 'aws:kms')
      throw new ServiceError('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
    // S3 does not call KMS here: an unusable key shows up at the first PutObject.
    bucket.encryption = {
      sseAlgorithm: byDefault.SSEAlgorithm,
      ...(byDefault.KMSMasterKeyID !== undefined ? { kmsMasterKeyId: byDefault.KMSMasterKeyID } : {}),
      bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
    };
    return {};
  },
});

/** GetBucketEncryption: the default encryption (SSE-S3 unless set). */
export const getBucketEncryption = defineServiceOperation({
  service: 's3api',
  name: 'GetBucketEncryption',
  summary: "Returns the bucket's default encryption.",
  docUrl: `${S3_API}/API_GetBucketEncryption.html`,
  input: { Bucket: bucketName },
  cloudTrail: bucketTrail('encryption'),
  handler(ctx, input) {
    const { encryption } = findBucket(s3State(ctx.core), input.Bucket);
    return {
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: encryption.sseAlgorithm,
              ...(encryption.kmsMasterKeyId !== undefined ? { KMSMasterKeyID: encryption.kmsMasterKeyId } : {}),
            },
            BucketKeyEnabled: encryption.bucketKeyEnabled,
          },
        ],
      },
    };
  },
});

/** DeleteBucketEncryption: back to the default, SSE-S3. */
export const deleteBucketEncryption = defineServiceOperation({
  service: 's3api',
  name: 'DeleteBucketEncryption',
  summary: "Resets the bucket's default encryption to SSE-S3.",
  docUrl: `${S3_API}/API_DeleteBucketEncryption.html`,
  input: { Bucket: bucketName },
  cloudTrail: bucketTrail('encryption'),
  handler(ctx, input) {
    findBucket(s3State(ctx.core), input.Bucket).encryption = DEFAULT_BUCKET_ENCRYPTION;
    return {};
  },
});

/** PutBucketVersioning: Enabled or Suspended (replication needs Enabled on both buckets). */
export const putBucketVersioning = defineServiceOperation({
  service: 's3api',
  name: 'PutBucketVersioning',
  summary: 'Enables or suspends versioning of a bucket (replication needs it enabled).',
  docUrl: `${S3_API}/API_PutBucketVersioning.html`,
  input: {
    Bucket: bucketName,
    VersioningConfiguration: required(
      structure('The versioning state.', {
        Status: enumOf('Enabled or Suspended.', ['Enabled', 'Suspended']),
        MFADelete: enumOf('Fidelity: not simulated.', ['Enabled', 'Disabled']),
      }),
    ),
  },
  cloudTrail: bucketTrail('versioning', bucketBody('VersioningConfiguration', { MFADelete: 'MfaDelete' })),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    const status = input.VersioningConfiguration.Status;
    if (status === undefined) return {};
    // GUESS (wording as remembered from the AWS CLI, not in the stored sources).
    if (status === 'Suspended' && bucket.replication)
      throw new ServiceError('InvalidBucketState', 'A replication configuration is present on this bucket, so the versioning state cannot be changed.');
    bucket.versioning = status;
    return {};
  },
});

/** GetBucketVersioning: the versioning state (nothing when never enabled). */
export const getBucketVersioning = defineServiceOperation({
  service: 's3api',
  name: 'GetBucketVersioning',
  summary: 'Returns the versioning state of a bucket.',
  docUrl: `${S3_API}/API_GetBucketVersioning.html`,
  input: { Bucket: bucketName },
  cloudTrail: bucketTrail('versioning'),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    return bucket.versioning ? { Status: bucket.versioning } : {};
  },
});

/** GetBucketLocation: the bucket's Region (null LocationConstraint for us-east-1). */
export const getBucketLocation = defineServiceOperation({
  service: 's3api',
  name: 'GetBucketLocation',
  summary: "Returns the bucket's Region (LocationConstraint null for us-east-1).",
  docUrl: `${S3_API}/API_GetBucketLocation.html`,
  input: { Bucket: bucketName },
  cloudTrail: bucketTrail('location'),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    return { LocationConstraint: bucket.region === 'us-east-1' ? null : bucket.region };
  },
});
