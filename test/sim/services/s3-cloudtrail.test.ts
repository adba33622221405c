import { describe, expect, it } from 'vitest';
import { matchesAuditFilter, parseAuditFilter } from '../../../src/engine/audit-filter.js';
import { auditedKeyArn, type AuditRecord, type Sandbox } from '../../../src/sim/index.js';
import { createTestAlias, createTestKey, REGION, testSandbox, type TestKey } from '../../helpers/sim.js';

// The shapes below follow AWS's CloudTrail examples for S3 and S3's lists of data events:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html

type Input = Record<string, unknown>;

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const text = (s: string) => Buffer.from(s, 'utf8');

/** Calls an S3 operation and returns the S3 record it adds (the last s3.amazonaws.com record). */
function s3Record(sandbox: Sandbox, operation: string, input: Input): AuditRecord {
  const mark = sandbox.audit.size;
  sandbox.callService(REGION, sandbox.admin, 's3api', operation, input);
  const records = sandbox.audit.items.slice(mark).filter((r) => r.eventSource === 's3.amazonaws.com');
  expect(records.map((r) => r.eventName)).toEqual([operation]);
  return records[0] as AuditRecord;
}

function s3Ok(sandbox: Sandbox, operation: string, input: Input): Input {
  const outcome = sandbox.callService(REGION, sandbox.admin, 's3api', operation, input);
  if (!outcome.ok) expect.fail(`expected ${operation} to succeed, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

/** A sandbox with a key `alias/app`, and a versioned bucket `docs` holding the object `reports/q1.txt`. */
function sandboxWithObject(): { sandbox: Sandbox; key: TestKey } {
  const sandbox = testSandbox();
  const key = createTestKey(sandbox);
  createTestAlias(sandbox, key, 'alias/app');
  s3Ok(sandbox, 'CreateBucket', { Bucket: 'docs' });
  s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'docs', VersioningConfiguration: { Status: 'Enabled' } });
  s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'reports/q1.txt', Body: text('numbers'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app' });
  return { sandbox, key };
}

const OBJECT_RESOURCES = [
  { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::docs/reports/q1.txt' },
  { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::docs' },
];

describe('S3 CloudTrail records: request parameters', () => {
  it('records PutObject under S3 names: bucketName, Host, key and the SSE headers, never camel-cased members', () => {
    const { sandbox, key } = sandboxWithObject();

    const record = s3Record(sandbox, 'PutObject', {
      Bucket: 'docs',
      Key: 'reports/q2.txt',
      Body: text('more numbers'),
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/app',
      BucketKeyEnabled: false,
    });

    expect(record.requestParameters).toEqual({
      bucketName: 'docs',
      Host: 'docs.s3.us-east-1.amazonaws.com',
      key: 'reports/q2.txt',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/app',
      'x-amz-server-side-encryption-bucket-key-enabled': 'false',
    });
    const response = record.responseElements ?? {};
    expect(response).toMatchObject({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': key.arn,
      'x-amz-version-id': expect.any(String),
    });
    // The ETag is recorded without its quotes, as AWS's PutObject example shows it.
    expect(response.ETag).toMatch(/^[0-9a-f]{32}$/);
    const trail = sandbox.audit.toJsonLines();
    for (const camel of ['sSEKMSKeyId', 'serverSideEncryption', 'sSEKMSEncryptionContext', '"bucket"']) expect(trail).not.toContain(camel);
  });

  it('records the caller encryption context header of PutObject', () => {
    const { sandbox } = sandboxWithObject();
    const context = Buffer.from(JSON.stringify({ department: 'finance' })).toString('base64');

    const record = s3Record(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: context });

    expect(record.requestParameters).toMatchObject({ 'x-amz-server-side-encryption-context': context });
  });

  it('records a version id as the versionId query parameter', () => {
    const { sandbox } = sandboxWithObject();
    const versionId = String(s3Ok(sandbox, 'HeadObject', { Bucket: 'docs', Key: 'reports/q1.txt' }).VersionId);

    const record = s3Record(sandbox, 'GetObject', { Bucket: 'docs', Key: 'reports/q1.txt', VersionId: versionId });

    expect(record.requestParameters).toEqual({ bucketName: 'docs', Host: 'docs.s3.us-east-1.amazonaws.com', key: 'reports/q1.txt', versionId });
  });

  it('records ListObjectsV2 with its query parameters list-type, prefix and max-keys', () => {
    const { sandbox } = sandboxWithObject();

    const record = s3Record(sandbox, 'ListObjectsV2', { Bucket: 'docs', Prefix: 'reports/', MaxKeys: 10 });

    expect(record.requestParameters).toEqual({ bucketName: 'docs', Host: 'docs.s3.us-east-1.amazonaws.com', 'list-type': '2', prefix: 'reports/', 'max-keys': '10' });
  });

  it('records a bucket configuration by its subresource and its XML body under the root element', () => {
    const sandbox = testSandbox();
    s3Ok(sandbox, 'CreateBucket', { Bucket: 'docs' });

    const record = s3Record(sandbox, 'PutBucketEncryption', {
      Bucket: 'docs',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/app' }, BucketKeyEnabled: true }] },
    });

    expect(record.requestParameters).toEqual({
      bucketName: 'docs',
      Host: 'docs.s3.us-east-1.amazonaws.com',
      encryption: '',
      ServerSideEncryptionConfiguration: {
        Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/app' }, BucketKeyEnabled: true },
        xmlns: XMLNS,
      },
    });
    expect(record.responseElements).toBeNull();
  });

  it.each([
    ['GetBucketVersioning', { Bucket: 'docs' }, { versioning: '' }],
    ['GetBucketEncryption', { Bucket: 'docs' }, { encryption: '' }],
    ['GetBucketLocation', { Bucket: 'docs' }, { location: '' }],
    ['PutBucketVersioning', { Bucket: 'docs', VersioningConfiguration: { Status: 'Enabled' } }, { versioning: '', VersioningConfiguration: { Status: 'Enabled', xmlns: XMLNS } }],
    ['CreateBucket', { Bucket: 'west', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, { CreateBucketConfiguration: { LocationConstraint: 'eu-west-1', xmlns: XMLNS } }],
  ])('records %s with bucketName, Host and its own parameters', (operation, input, own) => {
    const sandbox = testSandbox();
    s3Ok(sandbox, 'CreateBucket', { Bucket: 'docs' });

    const record = s3Record(sandbox, operation, input);

    expect(record.requestParameters).toEqual({ bucketName: input.Bucket, Host: `${input.Bucket}.s3.us-east-1.amazonaws.com`, ...own });
  });

  it('records ListBuckets with the Region endpoint only', () => {
    const sandbox = testSandbox();

    expect(s3Record(sandbox, 'ListBuckets', {}).requestParameters).toEqual({ Host: 's3.us-east-1.amazonaws.com' });
  });
});

describe('S3 CloudTrail records: data and management events', () => {
  it.each([
    ['PutObject', { Bucket: 'docs', Key: 'reports/q1.txt', Body: text('v2') }, false],
    ['GetObject', { Bucket: 'docs', Key: 'reports/q1.txt' }, true],
    ['HeadObject', { Bucket: 'docs', Key: 'reports/q1.txt' }, true],
    ['DeleteObject', { Bucket: 'docs', Key: 'reports/q1.txt' }, false],
  ])('records %s as a data event naming the object and its bucket', (operation, input, readOnly) => {
    const { sandbox } = sandboxWithObject();

    const record = s3Record(sandbox, operation, input);

    expect(record).toMatchObject({ managementEvent: false, eventCategory: 'Data', readOnly, eventType: 'AwsApiCall', resources: OBJECT_RESOURCES });
  });

  it('records a failed object call as a data event too, with the error', () => {
    const { sandbox } = sandboxWithObject();

    const record = s3Record(sandbox, 'GetObject', { Bucket: 'docs', Key: 'missing.txt' });

    expect(record).toMatchObject({ managementEvent: false, eventCategory: 'Data', errorCode: 'NoSuchKey', responseElements: null });
    expect(record.resources?.map((r) => r.ARN)).toEqual(['arn:aws:s3:::docs/missing.txt', 'arn:aws:s3:::docs']);
  });

  it('records ListObjectsV2 as a read-only data event naming the bucket', () => {
    const { sandbox } = sandboxWithObject();

    const record = s3Record(sandbox, 'ListObjectsV2', { Bucket: 'docs' });

    expect(record).toMatchObject({ managementEvent: false, eventCategory: 'Data', readOnly: true, resources: [OBJECT_RESOURCES[1]] });
  });

  it('records reads without responseElements', () => {
    const { sandbox } = sandboxWithObject();

    for (const operation of ['GetObject', 'HeadObject']) expect(s3Record(sandbox, operation, { Bucket: 'docs', Key: 'reports/q1.txt' }).responseElements).toBeNull();
  });

  it.each([
    ['CreateBucket', { Bucket: 'other' }, false],
    ['ListBuckets', {}, true],
    ['PutBucketEncryption', { Bucket: 'docs', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }, false],
    ['GetBucketEncryption', { Bucket: 'docs' }, true],
    ['DeleteBucketEncryption', { Bucket: 'docs' }, false],
    ['GetBucketVersioning', { Bucket: 'docs' }, true],
    ['GetBucketLocation', { Bucket: 'docs' }, true],
    ['GetBucketReplication', { Bucket: 'docs' }, true],
  ])('records %s as a management event without resources', (operation, input, readOnly) => {
    const sandbox = testSandbox();
    s3Ok(sandbox, 'CreateBucket', { Bucket: 'docs' });

    const record = s3Record(sandbox, operation, input);

    expect(record).toMatchObject({ managementEvent: true, eventCategory: 'Management', readOnly });
    expect(record).not.toHaveProperty('resources');
  });
});

describe('KMS records of the calls S3 makes', () => {
  /** The KMS records added by one S3 call. */
  function kmsRecordsOf(sandbox: Sandbox, operation: string, input: Input): AuditRecord[] {
    const mark = sandbox.audit.size;
    s3Ok(sandbox, operation, input);
    return sandbox.audit.items.slice(mark).filter((r) => r.eventSource === 'kms.amazonaws.com');
  }

  it('shows the caller, invoked by S3 from S3, with the object ARN as encryption context, as management events', () => {
    const { sandbox, key } = sandboxWithObject();

    const [generate] = kmsRecordsOf(sandbox, 'PutObject', { Bucket: 'docs', Key: 'a.txt', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app' });
    const [decrypt] = kmsRecordsOf(sandbox, 'GetObject', { Bucket: 'docs', Key: 'a.txt' });

    for (const [record, eventName] of [
      [generate, 'GenerateDataKey'],
      [decrypt, 'Decrypt'],
    ] as const) {
      expect(record).toMatchObject({
        eventName,
        userIdentity: { type: 'IAMUser', arn: sandbox.admin.arn, invokedBy: 's3.amazonaws.com' },
        sourceIPAddress: 's3.amazonaws.com',
        userAgent: 's3.amazonaws.com',
        requestParameters: { encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::docs/a.txt' } },
        resources: [{ ARN: key.arn }],
        managementEvent: true,
        eventCategory: 'Management',
      });
    }
  });

  it('has the bucket ARN as encryption context with an S3 Bucket Key', () => {
    const { sandbox } = sandboxWithObject();

    const [generate] = kmsRecordsOf(sandbox, 'PutObject', { Bucket: 'docs', Key: 'b.txt', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', BucketKeyEnabled: true });

    expect(generate?.requestParameters?.encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::docs' });
  });
});

describe('the KMS key a record names (the Audit pane key column, the key: filter)', () => {
  it('is none for an S3 data event, whose resources are its object and bucket', () => {
    const { sandbox, key } = sandboxWithObject();
    const mark = sandbox.audit.size;
    s3Ok(sandbox, 'GetObject', { Bucket: 'docs', Key: 'reports/q1.txt' });
    const records = sandbox.audit.items.slice(mark);
    const getObject = records.find((r) => r.eventName === 'GetObject');
    const decrypt = records.find((r) => r.eventName === 'Decrypt');
    expect(getObject?.resources?.length).toBeGreaterThan(0);
    expect(getObject && auditedKeyArn(getObject)).toBeUndefined();
    expect(decrypt && auditedKeyArn(decrypt)).toBe(key.arn);
    // key:docs names a bucket, not a key: no record matches it; the key's id matches the Decrypt.
    expect(records.filter((r) => matchesAuditFilter(r, parseAuditFilter('key:docs')))).toEqual([]);
    expect(records.filter((r) => matchesAuditFilter(r, parseAuditFilter(`key:${key.keyId}`))).map((r) => r.eventName)).toEqual(['Decrypt']);
  });
});
