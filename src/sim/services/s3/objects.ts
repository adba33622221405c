import { createHash, randomBytes } from 'node:crypto';
import { blob, boolean, enumOf, integer, required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError } from '../service.js';
import { deleteObjectResponse, listObjectsTrail, objectTrail, putObjectResponse, SSE_REQUEST_HEADERS } from './cloudtrail.js';
import { wipe } from './crypto.js';
import { callerInvoker, decryptObject, encryptObject } from './object-crypto.js';
import { replicateObject } from './replication.js';
import { currentVersion, findBucket, s3State, type Bucket, type S3ObjectVersion, type SseAlgorithm } from './state.js';

const S3_API = 'https://docs.aws.amazon.com/AmazonS3/latest/API';

const bucketName = required(string('The name of the bucket.'));
const objectKey = required(string('The key (name) of the object.', { min: 1, max: 1024 }));

/** A version id travels as the `versionId` query parameter, and CloudTrail records it by that name. */
// Fidelity: no AWS example shows a versioned object call; the name is the REST API's query parameter.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
const VERSION_QUERY = { VersionId: 'versionId' } as const;

/** The input of a call that reads one object (GetObject, HeadObject). */
const objectReadInput = {
  Bucket: bucketName,
  Key: objectKey,
  VersionId: string('A version of the object (versioned buckets).'),
};

/** S3's version ids: 32 URL-safe characters. */
function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The caller's encryption context: base64 of a JSON object of strings
 * (`x-amz-server-side-encryption-context`).
 */
function parseCallerContext(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  // GUESS: the wording of S3's refusal of a malformed context header.
  const invalid = new ServiceError('InvalidArgument', "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw invalid;
  return parsed as Record<string, string>;
}

/** The SSE response members of an object (GetObject, HeadObject, PutObject). */
function sseMembers(version: S3ObjectVersion): Record<string, unknown> {
  return {
    ServerSideEncryption: version.sse,
    ...(version.kmsKeyArn !== undefined ? { SSEKMSKeyId: version.kmsKeyArn } : {}),
    ...(version.bucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
  };
}

/** Stores a version as the bucket's versioning says: a new version, or the `null` version replaced. */
export function storeVersion(bucket: Bucket, version: S3ObjectVersion): void {
  const versions = bucket.objects.get(version.key) ?? [];
  // Enabled keeps every version; Suspended replaces the `null` version; unversioned keeps only the new one.
  const kept = bucket.versioning === 'Enabled' ? versions : bucket.versioning === 'Suspended' ? versions.filter((v) => v.versionId !== 'null') : [];
  kept.push(version);
  bucket.objects.set(version.key, kept);
}

/** The version id a new object gets in a bucket. */
export function versionIdFor(bucket: Bucket): string {
  return bucket.versioning === 'Enabled' ? newVersionId() : 'null';
}

/**
 * PutObject: stores an object encrypted at rest. SSE-KMS asks KMS for a data key (GenerateDataKey,
 * context `aws:s3:arn` = the object ARN), or with an S3 Bucket Key reuses a bucket-level key (context
 * the bucket ARN); then replicates it when the bucket has a replication rule for it.
 */
export const putObject = defineServiceOperation({
  service: 's3api',
  name: 'PutObject',
  summary: 'Stores an object, encrypted with SSE-S3 or SSE-KMS (per-object data keys or an S3 Bucket Key).',
  docUrl: `${S3_API}/API_PutObject.html`,
  input: {
    Bucket: bucketName,
    Key: objectKey,
    Body: blob('The object data (text, or fileb://PATH).'),
    ServerSideEncryption: enumOf('AES256 (SSE-S3) or aws:kms (SSE-KMS). Omitted: the bucket default.', ['AES256', 'aws:kms']),
    SSEKMSKeyId: string('SSE-KMS: the KMS key (key id, key ARN, alias name or alias ARN) in the bucket Region. Omitted: aws/s3.'),
    SSEKMSEncryptionContext: string('SSE-KMS: extra encryption context, base64 of a JSON object of strings.'),
    BucketKeyEnabled: boolean('SSE-KMS: use an S3 Bucket Key for this object.'),
  },
  cloudTrail: objectTrail(SSE_REQUEST_HEADERS, putObjectResponse),
  handler(ctx, input) {
    const state = s3State(ctx.core);
    const bucket = findBucket(state, input.Bucket);
    if ((input.SSEKMSKeyId !== undefined || input.SSEKMSEncryptionContext !== undefined) && input.ServerSideEncryption !== 'aws:kms')
      throw new ServiceError('InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms');
    const callerContext = parseCallerContext(input.SSEKMSEncryptionContext);
    const sse: SseAlgorithm = input.ServerSideEncryption ?? bucket.encryption.sseAlgorithm;
    // An explicit aws:kms without a key id means aws/s3; only a request without SSE headers takes the bucket's key.
    const kmsKeyId = input.ServerSideEncryption === undefined ? bucket.encryption.kmsMasterKeyId : input.SSEKMSKeyId;
    const bucketKeyEnabled = sse === 'aws:kms' && (input.BucketKeyEnabled ?? bucket.encryption.bucketKeyEnabled);
    const body = input.Body ?? new Uint8Array(0);
    const encrypted = encryptObject(ctx.core, state, callerInvoker(ctx), bucket, input.Key, body, {
      sse,
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      ...(callerContext ? { callerContext } : {}),
      bucketKeyEnabled,
    });
    // SSE-S3 ETags are the MD5 of the data; SSE-KMS ETags are not (AWS: "not an MD5 digest").
    const eTag = `"${sse === 'AES256' ? createHash('md5').update(body).digest('hex') : randomBytes(16).toString('hex')}"`;
    const version: S3ObjectVersion = {
      key: input.Key,
      versionId: versionIdFor(bucket),
      lastModified: ctx.now,
      eTag,
      size: body.byteLength,
      sse,
      ...(encrypted.kmsKeyArn !== undefined ? { kmsKeyArn: encrypted.kmsKeyArn } : {}),
      ...(encrypted.encryptionContext ? { encryptionContext: encrypted.encryptionContext } : {}),
      ...(input.SSEKMSEncryptionContext !== undefined ? { callerContext: input.SSEKMSEncryptionContext } : {}),
      bucketKeyEnabled,
      keyring: encrypted.keyring,
      body: encrypted.body,
    };
    storeVersion(bucket, version);
    replicateObject(ctx.core, state, bucket, version);
    return {
      ETag: eTag,
      ...sseMembers(version),
      ...(version.callerContext !== undefined ? { SSEKMSEncryptionContext: version.callerContext } : {}),
      ...(bucket.versioning === 'Enabled' ? { VersionId: version.versionId } : {}),
    };
  },
});

/** The version a GetObject or HeadObject names, or S3's NoSuchKey / NoSuchVersion. */
function readVersion(bucket: Bucket, key: string, versionId: string | undefined): S3ObjectVersion {
  if (versionId !== undefined) {
    const version = bucket.objects.get(key)?.find((v) => v.versionId === versionId);
    if (!version) throw new ServiceError('NoSuchVersion', 'The specified version does not exist.');
    if (version.deleteMarker) throw new ServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return version;
  }
  const version = currentVersion(bucket, key);
  if (!version) throw new ServiceError('NoSuchKey', 'The specified key does not exist.');
  return version;
}

function objectMembers(bucket: Bucket, version: S3ObjectVersion): Record<string, unknown> {
  return {
    AcceptRanges: 'bytes',
    LastModified: version.lastModified,
    ContentLength: version.size,
    ETag: version.eTag,
    ...(bucket.versioning !== undefined || version.replicationStatus === 'REPLICA' ? { VersionId: version.versionId } : {}),
    ContentType: 'binary/octet-stream',
    ...sseMembers(version),
    ...(version.replicationStatus !== undefined ? { ReplicationStatus: version.replicationStatus } : {}),
  };
}

/**
 * GetObject: the object's bytes, decrypted. SSE-KMS calls KMS Decrypt with the context the data key
 * was made under (the object ARN; the bucket ARN for a Bucket Key, cached for its lifetime).
 */
export const getObject = defineServiceOperation({
  service: 's3api',
  name: 'GetObject',
  summary: 'Returns an object, decrypted (SSE-KMS: S3 calls KMS Decrypt on your behalf).',
  docUrl: `${S3_API}/API_GetObject.html`,
  input: objectReadInput,
  cloudTrail: objectTrail(VERSION_QUERY),
  handler(ctx, input) {
    const state = s3State(ctx.core);
    const bucket = findBucket(state, input.Bucket);
    const version = readVersion(bucket, input.Key, input.VersionId);
    const body = decryptObject(ctx.core, state, callerInvoker(ctx), bucket, version);
    return { Body: new Uint8Array(body), ...objectMembers(bucket, version) };
  },
});

/**
 * HeadObject: an object's metadata, SSE members included, without its bytes: no KMS call.
 * Its errors have no body, so S3 reports them by HTTP status (404 Not Found).
 */
export const headObject = defineServiceOperation({
  service: 's3api',
  name: 'HeadObject',
  summary: "Returns an object's metadata (encryption, key ARN, Bucket Key) without decrypting it.",
  docUrl: `${S3_API}/API_HeadObject.html`,
  input: objectReadInput,
  cloudTrail: objectTrail(VERSION_QUERY),
  handler(ctx, input) {
    const state = s3State(ctx.core);
    const bucket = state.buckets.get(input.Bucket);
    if (!bucket) throw new ServiceError('404', 'Not Found');
    try {
      return objectMembers(bucket, readVersion(bucket, input.Key, input.VersionId));
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'MethodNotAllowed') throw new ServiceError('405', 'Method Not Allowed');
      if (error instanceof ServiceError) throw new ServiceError('404', 'Not Found');
      throw error;
    }
  },
});

/** ListObjectsV2: the current objects of a bucket, by key. */
export const listObjectsV2 = defineServiceOperation({
  service: 's3api',
  name: 'ListObjectsV2',
  summary: 'Lists the objects of a bucket.',
  docUrl: `${S3_API}/API_ListObjectsV2.html`,
  input: {
    Bucket: bucketName,
    Prefix: string('Only keys that begin with this prefix.'),
    MaxKeys: integer('At most this many keys (1000 by default).', { min: 0 }),
  },
  cloudTrail: listObjectsTrail,
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    const prefix = input.Prefix ?? '';
    const maxKeys = input.MaxKeys ?? 1000;
    const all = [...bucket.objects.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .flatMap((key) => {
        const version = currentVersion(bucket, key);
        return version ? [version] : [];
      });
    const page = all.slice(0, maxKeys);
    return {
      IsTruncated: all.length > page.length,
      ...(page.length > 0
        ? { Contents: page.map((v) => ({ Key: v.key, LastModified: v.lastModified, ETag: v.eTag, Size: v.size, StorageClass: 'STANDARD' })) }
        : {}),
      Name: bucket.name,
      Prefix: prefix,
      MaxKeys: maxKeys,
      KeyCount: page.length,
    };
    // Fidelity: no continuation tokens; a truncated list says so and ends there.
  },
});

/** DeleteObject: removes an object, or in a versioned bucket adds a delete marker (or removes a named version). */
export const deleteObject = defineServiceOperation({
  service: 's3api',
  name: 'DeleteObject',
  summary: 'Deletes an object (a versioned bucket keeps its versions behind a delete marker).',
  docUrl: `${S3_API}/API_DeleteObject.html`,
  input: {
    Bucket: bucketName,
    Key: objectKey,
    VersionId: string('Deletes this version for good.'),
  },
  cloudTrail: objectTrail(VERSION_QUERY, deleteObjectResponse),
  handler(ctx, input) {
    const bucket = findBucket(s3State(ctx.core), input.Bucket);
    const versions = bucket.objects.get(input.Key) ?? [];
    if (input.VersionId !== undefined) {
      const found = versions.find((v) => v.versionId === input.VersionId);
      if (found) {
        forget(found);
        bucket.objects.set(input.Key, versions.filter((v) => v !== found));
      }
      return { VersionId: input.VersionId, ...(found?.deleteMarker ? { DeleteMarker: true } : {}) };
    }
    if (bucket.versioning === undefined) {
      versions.forEach(forget);
      bucket.objects.delete(input.Key);
      return {};
    }
    // Fidelity: delete markers are not replicated (AWS replicates them only with DeleteMarkerReplication).
    const marker: S3ObjectVersion = {
      key: input.Key,
      versionId: versionIdFor(bucket),
      lastModified: ctx.now,
      eTag: '',
      size: 0,
      sse: 'AES256',
      bucketKeyEnabled: false,
      keyring: { kind: 'kms', encryptedDataKey: new Uint8Array(0) },
      body: { iv: new Uint8Array(0), ciphertext: new Uint8Array(0), tag: new Uint8Array(0) },
      deleteMarker: true,
    };
    storeVersion(bucket, marker);
    return { DeleteMarker: true, VersionId: marker.versionId };
  },
});

/** Overwrites a deleted version's stored bytes. */
function forget(version: S3ObjectVersion): void {
  wipe(version.body.ciphertext);
}
