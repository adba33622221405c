/**
 * How CloudTrail records S3 calls. S3 records its own request names, not its API members
 * camel-cased: the bucket as `bucketName`, the object as `key`, the endpoint as `Host`, request and
 * response headers by their HTTP names (`x-amz-server-side-encryption`,
 * `x-amz-server-side-encryption-aws-kms-key-id`), a bucket subresource by its query parameter
 * (`versioning`, `acl`) and an XML body under its root element with S3's `xmlns`. Object-level
 * operations are data events (`managementEvent: false`, `eventCategory: "Data"`) whose resources
 * are the object (`AWS::S3::Object`) and its bucket (`AWS::S3::Bucket`); bucket-level operations
 * are management events. Read calls record no responseElements.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-request-identification.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
// Fidelity: AWS's examples record `Host` both as `"host": ["s3.us-west-2.amazonaws.com"]` with
// subresources as `"versioning": [""]` (the 2019 GetBucketVersioning example) and as a plain
// `"Host": "bucket.s3.region.amazonaws.com"` string (newer examples); the sandbox uses the string
// form throughout (`"versioning": ""`). The Host is the Region's virtual-hosted endpoint; a real
// record shows whichever endpoint the client used. additionalEventData (SignatureVersion,
// bytesTransferredIn/Out, …) is not recorded. (URLs above.)
// Fidelity: AWS logs data events only to a trail (or event data store) that selects them, never in
// Event history; the sandbox keeps every S3 data event in its one trail, so a learner sees them.

import type { ServiceAuditResource } from '../../telemetry/audit-record.js';
import type { ServiceCall, ServiceCloudTrail } from '../service.js';
import { bucketArn, objectArn } from './state.js';

type Input = Readonly<Record<string, unknown>>;

/** S3's XML namespace, which CloudTrail keeps on a recorded XML body. */
const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The endpoint host of a call: the bucket's virtual-hosted name, or the Region's S3 endpoint. */
function s3Host(call: ServiceCall, bucket?: string): string {
  return bucket === undefined ? `s3.${call.region}.amazonaws.com` : `${bucket}.s3.${call.region}.amazonaws.com`;
}

function text(input: Input, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' ? value : undefined;
}

/** A header or query-string value as S3 records it: text (`"true"`, `"1000"`). */
function headerValue(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** `bucketName` and `Host`, which every bucket and object call records. */
function bucketParameters(input: Input, call: ServiceCall): Record<string, unknown> {
  const bucket = text(input, 'Bucket');
  return { ...(bucket !== undefined ? { bucketName: bucket } : {}), Host: s3Host(call, bucket) };
}

/** The members of `input` named in `names`, under those names (headers, query parameters), as text. */
function renamed(input: Input, names: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [member, name] of Object.entries(names)) {
    const value = headerValue(input[member]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * An XML request body as CloudTrail records it: under its root element with S3's `xmlns`, list
 * members under their XML element names (`Rules` → `Rule`), a one-item list as the item itself
 * (AWS's PutBucketAcl example records its one `Grant` as an object).
 */
// Fidelity: AWS's examples show no PutBucketEncryption, PutBucketVersioning, PutBucketReplication
// or CreateBucket body; the sandbox records theirs as the PutBucketAcl example records its body,
// with booleans and numbers as given (the XML text may be recorded as strings).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
function xmlBody(root: string, value: unknown, elementNames: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return { [root]: { ...(xmlValue(value, elementNames) as Record<string, unknown>), xmlns: S3_XMLNS } };
}

function xmlValue(value: unknown, elementNames: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.length === 1 ? xmlValue(value[0], elementNames) : value.map((item) => xmlValue(item, elementNames));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [elementNames[name] ?? name, xmlValue(member, elementNames)]));
}

/** ListBuckets: a call on the account, which records only the endpoint. */
export const accountTrail: ServiceCloudTrail = {
  requestParameters: (_input, call) => ({ Host: s3Host(call) }),
};

/**
 * A bucket-level call (a management event): `bucketName`, `Host`, the subresource's query
 * parameter (`encryption`, `versioning`, …) and the XML body it sends, if any.
 */
export function bucketTrail(subresource?: string, body?: (input: Input) => Record<string, unknown>): ServiceCloudTrail {
  return {
    requestParameters: (input, call) => ({
      ...bucketParameters(input, call),
      ...(subresource !== undefined ? { [subresource]: '' } : {}),
      ...body?.(input),
    }),
  };
}

/** The request body of a bucket call, as `xmlBody` records it. */
export function bucketBody(member: string, elementNames?: Readonly<Record<string, string>>): (input: Input) => Record<string, unknown> {
  return (input) => xmlBody(member, input[member], elementNames);
}

/** The resources of an object's data event: the object, then its bucket (with the owner's account). */
function objectResources(input: Input, call: ServiceCall): readonly ServiceAuditResource[] {
  const bucket = text(input, 'Bucket');
  if (bucket === undefined) return [];
  const key = text(input, 'Key');
  const bucketResource: ServiceAuditResource = { accountId: call.accountId, type: 'AWS::S3::Bucket', ARN: bucketArn(bucket) };
  return key === undefined ? [bucketResource] : [{ type: 'AWS::S3::Object', ARN: objectArn(bucket, key) }, bucketResource];
}

/**
 * An object-level call (a data event): `bucketName`, `Host`, `key`, and the members in `names`
 * under the headers or query parameters that carry them; `response` gives the response headers
 * it records (reads record none).
 */
// The object resource has no accountId: AWS's sample S3 PutObject record (aws-cdk's
// aws-cloudtrail/SAMPLE-EVENTS.md) and recorded S3 events name the account on the bucket only.
export function objectTrail(names: Readonly<Record<string, string>>, response?: (output: Input) => Record<string, unknown> | null): ServiceCloudTrail {
  return {
    requestParameters: (input, call) => {
      const key = text(input, 'Key');
      return { ...bucketParameters(input, call), ...(key !== undefined ? { key } : {}), ...renamed(input, names) };
    },
    ...(response ? { responseElements: response } : {}),
    dataResources: objectResources,
  };
}

/**
 * ListObjectsV2: a bucket-level call that CloudTrail logs as a data event (with the object data
 * events of a prefix); its query parameters are `list-type=2`, `prefix` and `max-keys`.
 */
// Fidelity: AWS documents that ListObjectsV2 is logged with S3 data events but shows no example
// record; the sandbox names only the bucket as its resource.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
export const listObjectsTrail: ServiceCloudTrail = {
  requestParameters: (input, call) => ({ ...bucketParameters(input, call), 'list-type': '2', ...renamed(input, { Prefix: 'prefix', MaxKeys: 'max-keys' }) }),
  dataResources: (input, call) => {
    const bucket = text(input, 'Bucket');
    return bucket === undefined ? [] : [{ accountId: call.accountId, type: 'AWS::S3::Bucket', ARN: bucketArn(bucket) }];
  },
};

/** The SSE request headers of PutObject, by the API members that set them. */
export const SSE_REQUEST_HEADERS: Readonly<Record<string, string>> = {
  ServerSideEncryption: 'x-amz-server-side-encryption',
  SSEKMSKeyId: 'x-amz-server-side-encryption-aws-kms-key-id',
  SSEKMSEncryptionContext: 'x-amz-server-side-encryption-context',
  BucketKeyEnabled: 'x-amz-server-side-encryption-bucket-key-enabled',
};

/**
 * PutObject's recorded response headers: the encryption it got, the version id and the ETag
 * (unquoted, as AWS's S3 on Outposts PutObject example records it).
 */
export function putObjectResponse(output: Input): Record<string, unknown> {
  const eTag = text(output, 'ETag');
  return {
    ...renamed(output, { ...SSE_REQUEST_HEADERS, VersionId: 'x-amz-version-id' }),
    ...(eTag !== undefined ? { ETag: eTag.replace(/^"|"$/g, '') } : {}),
  };
}

/** DeleteObject's recorded response headers: the version deleted or the delete marker made. */
// Fidelity: AWS's examples show no DeleteObject record; the sandbox records its response headers.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
export function deleteObjectResponse(output: Input): Record<string, unknown> | null {
  const headers = renamed(output, { DeleteMarker: 'x-amz-delete-marker', VersionId: 'x-amz-version-id' });
  return Object.keys(headers).length > 0 ? headers : null;
}
