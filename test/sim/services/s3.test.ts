import { describe, expect, it } from 'vitest';
import { ConsoleSession, type ConsoleResult } from '../../../src/engine/console/console-session.js';
import type { AuditRecord, Sandbox, ServiceOutcome } from '../../../src/sim/index.js';
import { createTestAlias, createTestKey, expectOk, REGION, testSandbox, type TestKey } from '../../helpers/sim.js';

const OTHER_REGION = 'eu-west-1';

type Output = Record<string, unknown>;

function s3(sandbox: Sandbox, operation: string, input: Output, region = REGION): ServiceOutcome {
  return sandbox.callService(region, sandbox.admin, 's3api', operation, input);
}

function s3Ok(sandbox: Sandbox, operation: string, input: Output, region = REGION): Output {
  const outcome = s3(sandbox, operation, input, region);
  if (!outcome.ok) expect.fail(`expected ${operation} to succeed, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

function s3Error(sandbox: Sandbox, operation: string, input: Output, region = REGION): { code: string; message: string } {
  const outcome = s3(sandbox, operation, input, region);
  if (outcome.ok) expect.fail(`expected ${operation} to fail, got ${JSON.stringify(outcome.output)}`);
  return outcome.error;
}

function bucket(sandbox: Sandbox, name: string, region = REGION): void {
  s3Ok(sandbox, 'CreateBucket', region === 'us-east-1' ? { Bucket: name } : { Bucket: name, CreateBucketConfiguration: { LocationConstraint: region } }, region);
}

const text = (s: string) => Buffer.from(s, 'utf8');
const bodyText = (output: Output) => Buffer.from(output.Body as Uint8Array).toString('utf8');

/** The KMS calls recorded since `mark`. */
function kmsCalls(sandbox: Sandbox, mark: number, eventName?: string): AuditRecord[] {
  return sandbox.audit.items.slice(mark).filter((r) => r.eventSource === 'kms.amazonaws.com' && (eventName === undefined || r.eventName === eventName));
}

function contextOf(record: AuditRecord | undefined): unknown {
  return record?.requestParameters?.encryptionContext;
}

function base64Json(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

function appKey(sandbox: Sandbox, region = REGION): TestKey {
  const key = createTestKey(sandbox, region, 'app data');
  createTestAlias(sandbox, key, 'alias/app', region);
  return key;
}

describe('CreateBucket', () => {
  it('creates a bucket in us-east-1 without a LocationConstraint, and in another Region with its own', () => {
    const sandbox = testSandbox();
    expect(s3Ok(sandbox, 'CreateBucket', { Bucket: 'east-bucket' })).toEqual({ Location: '/east-bucket' });
    expect(s3Ok(sandbox, 'CreateBucket', { Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: OTHER_REGION } }, OTHER_REGION)).toEqual({
      Location: 'http://west-bucket.s3.amazonaws.com/',
    });
    expect(s3Ok(sandbox, 'GetBucketLocation', { Bucket: 'east-bucket' })).toEqual({ LocationConstraint: null });
    expect(s3Ok(sandbox, 'GetBucketLocation', { Bucket: 'west-bucket' })).toEqual({ LocationConstraint: OTHER_REGION });
    const names = (s3Ok(sandbox, 'ListBuckets', {}).Buckets as { Name: string; BucketRegion: string }[]).map((b) => [b.Name, b.BucketRegion]);
    expect(names).toEqual([
      ['east-bucket', 'us-east-1'],
      ['west-bucket', OTHER_REGION],
    ]);
  });

  it('refuses a missing or mismatched LocationConstraint outside us-east-1, and us-east-1 named explicitly', () => {
    const sandbox = testSandbox();
    expect(s3Error(sandbox, 'CreateBucket', { Bucket: 'b-1' }, OTHER_REGION)).toEqual({
      code: 'IllegalLocationConstraintException',
      message: 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
    expect(s3Error(sandbox, 'CreateBucket', { Bucket: 'b-1', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }, OTHER_REGION).code).toBe(
      'IllegalLocationConstraintException',
    );
    expect(s3Error(sandbox, 'CreateBucket', { Bucket: 'b-1', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' } })).toEqual({
      code: 'InvalidLocationConstraint',
      message: 'The specified location-constraint is not valid',
    });
    // The us-east-1 endpoint creates buckets in any Region.
    s3Ok(sandbox, 'CreateBucket', { Bucket: 'b-1', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } });
    expect(s3Ok(sandbox, 'GetBucketLocation', { Bucket: 'b-1' })).toEqual({ LocationConstraint: 'us-west-2' });
  });

  it('has one global namespace and S3 naming rules', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'shared-name', OTHER_REGION);
    expect(s3Error(sandbox, 'CreateBucket', { Bucket: 'shared-name', CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' } }, 'eu-west-2').code).toBe(
      'BucketAlreadyOwnedByYou',
    );
    for (const name of ['ab', 'Upper', 'bad..dots', '192.168.1.1', '-dash', 'xn--name'])
      expect(s3Error(sandbox, 'CreateBucket', { Bucket: name })).toEqual({ code: 'InvalidBucketName', message: 'The specified bucket is not valid.' });
  });
});

describe('default encryption (SSE-S3)', () => {
  it('encrypts with S3-managed keys and calls no KMS operation', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'plain');
    expect(s3Ok(sandbox, 'GetBucketEncryption', { Bucket: 'plain' })).toEqual({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
    });
    const mark = sandbox.audit.size;
    const put = s3Ok(sandbox, 'PutObject', { Bucket: 'plain', Key: 'a.txt', Body: text('hello') });
    expect(put).toEqual({ ETag: '"5d41402abc4b2a76b9719d911017c592"', ServerSideEncryption: 'AES256' });
    const got = s3Ok(sandbox, 'GetObject', { Bucket: 'plain', Key: 'a.txt' });
    expect(bodyText(got)).toBe('hello');
    expect(got).toMatchObject({ ServerSideEncryption: 'AES256', ContentLength: 5 });
    expect(got.SSEKMSKeyId).toBeUndefined();
    expect(kmsCalls(sandbox, mark)).toEqual([]);
  });

  it('refuses SSE-KMS headers without ServerSideEncryption aws:kms', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'plain');
    expect(s3Error(sandbox, 'PutObject', { Bucket: 'plain', Key: 'k', Body: text('x'), SSEKMSKeyId: 'alias/app' })).toEqual({
      code: 'InvalidArgument',
      message: 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
    });
    expect(s3Error(sandbox, 'PutObject', { Bucket: 'plain', Key: 'k', Body: text('x'), ServerSideEncryption: 'AES256', SSEKMSKeyId: 'alias/app' }).code).toBe(
      'InvalidArgument',
    );
  });

  it('answers NoSuchBucket and NoSuchKey; HeadObject answers 404 without a body', () => {
    const sandbox = testSandbox();
    expect(s3Error(sandbox, 'PutObject', { Bucket: 'nope', Key: 'k', Body: text('x') })).toEqual({ code: 'NoSuchBucket', message: 'The specified bucket does not exist' });
    bucket(sandbox, 'b-1');
    expect(s3Error(sandbox, 'GetObject', { Bucket: 'b-1', Key: 'missing' })).toEqual({ code: 'NoSuchKey', message: 'The specified key does not exist.' });
    expect(s3Error(sandbox, 'HeadObject', { Bucket: 'b-1', Key: 'missing' })).toEqual({ code: '404', message: 'Not Found' });
  });
});

describe('PutObject and GetObject with SSE-KMS', () => {
  it('makes a per-object data key with the object ARN as context, and decrypts with the same context', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'docs');
    const mark = sandbox.audit.size;
    const put = s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'reports/q1.txt', Body: text('quarterly numbers'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app' });
    expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn });
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.BucketKeyEnabled).toBeUndefined();

    const [generate, ...others] = kmsCalls(sandbox, mark);
    expect(others).toEqual([]);
    expect(generate).toMatchObject({
      eventSource: 'kms.amazonaws.com',
      eventName: 'GenerateDataKey',
      awsRegion: REGION,
      sourceIPAddress: 's3.amazonaws.com',
      userIdentity: { arn: sandbox.admin.arn, invokedBy: 's3.amazonaws.com' },
      requestParameters: { keyId: 'alias/app', keySpec: 'AES_256', encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::docs/reports/q1.txt' } },
    });
    const service = sandbox.audit.items.slice(mark).find((r) => r.eventSource === 's3.amazonaws.com');
    expect(service).toMatchObject({
      eventName: 'PutObject',
      awsRegion: REGION,
      requestParameters: { bucketName: 'docs', key: 'reports/q1.txt', 'x-amz-server-side-encryption': 'aws:kms' },
    });
    expect(service?.requestParameters).not.toHaveProperty('body');
    // The service's record comes after the KMS call it made.
    expect(sandbox.audit.items.slice(mark).map((r) => r.eventName)).toEqual(['GenerateDataKey', 'PutObject']);

    const getMark = sandbox.audit.size;
    const got = s3Ok(sandbox, 'GetObject', { Bucket: 'docs', Key: 'reports/q1.txt' });
    expect(bodyText(got)).toBe('quarterly numbers');
    expect(got).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn, ContentLength: 17, ETag: put.ETag });
    const decrypts = kmsCalls(sandbox, getMark);
    expect(decrypts.map((r) => r.eventName)).toEqual(['Decrypt']);
    expect(decrypts[0]).toMatchObject({ userIdentity: { invokedBy: 's3.amazonaws.com' }, awsRegion: REGION });
    expect(contextOf(decrypts[0])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::docs/reports/q1.txt' });
    const getRecord = sandbox.audit.items.slice(getMark).find((r) => r.eventSource === 's3.amazonaws.com');
    expect(getRecord?.responseElements ?? {}).not.toHaveProperty('body');
  });

  it('uses the AWS managed key aws/s3 when no key is named, created on first use and usable only through S3', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'docs');
    const put = s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms' });
    const described = expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/aws/s3' }));
    expect(described.KeyMetadata).toMatchObject({ KeyManager: 'AWS', Arn: put.SSEKMSKeyId });
    const direct = sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: 'alias/aws/s3', KeySpec: 'AES_256' });
    expect(direct.ok || direct.error.code).toBe('AccessDeniedException');
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'docs', Key: 'k' }))).toBe('x');
  });

  it('adds the caller encryption context to aws:s3:arn and echoes it', () => {
    const sandbox = testSandbox();
    appKey(sandbox);
    bucket(sandbox, 'docs');
    const context = base64Json({ department: 'finance' });
    const mark = sandbox.audit.size;
    const put = s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', SSEKMSEncryptionContext: context });
    expect(put.SSEKMSEncryptionContext).toBe(context);
    expect(contextOf(kmsCalls(sandbox, mark, 'GenerateDataKey')[0])).toEqual({ department: 'finance', 'aws:s3:arn': 'arn:aws:s3:::docs/k' });
    s3Ok(sandbox, 'GetObject', { Bucket: 'docs', Key: 'k' });
    expect(contextOf(kmsCalls(sandbox, mark, 'Decrypt')[0])).toEqual({ department: 'finance', 'aws:s3:arn': 'arn:aws:s3:::docs/k' });
    expect(
      s3Error(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: 'not json!' }).code,
    ).toBe('InvalidArgument');
  });

  it('applies the bucket default key to requests without SSE headers; an explicit aws:kms without a key means aws/s3', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'docs');
    expect(
      s3Error(sandbox, 'PutBucketEncryption', {
        Bucket: 'docs',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: key.arn } }] },
      }),
    ).toEqual({ code: 'InvalidArgument', message: 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse' });
    s3Ok(sandbox, 'PutBucketEncryption', {
      Bucket: 'docs',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.arn } }] },
    });
    expect(s3Ok(sandbox, 'GetBucketEncryption', { Bucket: 'docs' })).toEqual({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.arn }, BucketKeyEnabled: false }] },
    });
    expect(s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'a', Body: text('x') })).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn });
    const managed = s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'b', Body: text('x'), ServerSideEncryption: 'aws:kms' });
    expect(managed.SSEKMSKeyId).not.toBe(key.arn);
    expect(s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'c', Body: text('x'), ServerSideEncryption: 'AES256' })).toMatchObject({ ServerSideEncryption: 'AES256' });
    s3Ok(sandbox, 'DeleteBucketEncryption', { Bucket: 'docs' });
    expect(s3Ok(sandbox, 'PutObject', { Bucket: 'docs', Key: 'd', Body: text('x') })).toMatchObject({ ServerSideEncryption: 'AES256' });
  });
});

describe('KMS errors as S3 errors', () => {
  it('reports a disabled, pending-deletion or missing key as KMS.<code> with the KMS message, on PutObject and GetObject', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'docs');
    const put = { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn };
    s3Ok(sandbox, 'PutObject', put);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    expect(s3Error(sandbox, 'PutObject', { ...put, Key: 'k2' })).toEqual({ code: 'KMS.DisabledException', message: `${key.arn} is disabled.` });
    expect(s3Error(sandbox, 'GetObject', { Bucket: 'docs', Key: 'k' })).toEqual({ code: 'KMS.DisabledException', message: `${key.arn} is disabled.` });
    // HeadObject reads no key: it still answers.
    expect(s3Ok(sandbox, 'HeadObject', { Bucket: 'docs', Key: 'k' })).toMatchObject({ SSEKMSKeyId: key.arn });

    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));
    expect(s3Error(sandbox, 'PutObject', { ...put, Key: 'k3' })).toEqual({ code: 'KMS.KMSInvalidStateException', message: `${key.arn} is pending deletion.` });

    const missing = s3Error(sandbox, 'PutObject', { ...put, SSEKMSKeyId: 'alias/nothing-here' });
    expect(missing.code).toBe('KMS.NotFoundException');
    expect(missing.message).toBe(`Alias arn:aws:kms:${REGION}:${sandbox.admin.accountId}:alias/nothing-here is not found.`);
  });

  it('needs a key in the bucket Region', () => {
    const sandbox = testSandbox();
    const remote = createTestKey(sandbox, OTHER_REGION);
    bucket(sandbox, 'docs');
    expect(s3Error(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: remote.arn })).toEqual({
      code: 'KMS.NotFoundException',
      message: `Invalid arn ${OTHER_REGION}`,
    });
  });

  it('refuses asymmetric keys (KMS refuses the data key)', () => {
    const sandbox = testSandbox();
    const rsa = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })).KeyMetadata;
    bucket(sandbox, 'docs');
    const error = s3Error(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: rsa.Arn });
    expect(error.code).toBe('KMS.InvalidKeyUsageException');
  });

  it('reports a KMS access denial as AccessDenied', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'docs');
    // aws/ebs may be used only through EBS.
    const error = s3Error(sandbox, 'PutObject', { Bucket: 'docs', Key: 'k', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/aws/ebs' });
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toContain('kms:GenerateDataKey');
  });
});

describe('S3 Bucket Keys', () => {
  function putMany(sandbox: Sandbox, bucketName: string, count: number, extra: Output = {}): void {
    for (let i = 0; i < count; i++)
      s3Ok(sandbox, 'PutObject', { Bucket: bucketName, Key: `obj-${i}`, Body: text(`body ${i}`), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', ...extra });
  }
  function getMany(sandbox: Sandbox, bucketName: string, count: number): void {
    for (let i = 0; i < count; i++) expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: bucketName, Key: `obj-${i}` }))).toBe(`body ${i}`);
  }

  it('makes one KMS call for many objects, with the bucket ARN as context; without them, one per object', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'with-bk');
    bucket(sandbox, 'without-bk');

    let mark = sandbox.audit.size;
    putMany(sandbox, 'without-bk', 10);
    const perObject = kmsCalls(sandbox, mark, 'GenerateDataKey');
    expect(perObject).toHaveLength(10);
    expect(contextOf(perObject[3])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::without-bk/obj-3' });

    mark = sandbox.audit.size;
    putMany(sandbox, 'with-bk', 10, { BucketKeyEnabled: true });
    const bucketLevel = kmsCalls(sandbox, mark, 'GenerateDataKey');
    expect(bucketLevel).toHaveLength(1);
    expect(bucketLevel[0]).toMatchObject({ userIdentity: { invokedBy: 's3.amazonaws.com' }, requestParameters: { keySpec: 'AES_256' } });
    expect(contextOf(bucketLevel[0])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::with-bk' });

    mark = sandbox.audit.size;
    getMany(sandbox, 'without-bk', 10);
    expect(kmsCalls(sandbox, mark, 'Decrypt')).toHaveLength(10);
    mark = sandbox.audit.size;
    getMany(sandbox, 'with-bk', 10);
    const decrypts = kmsCalls(sandbox, mark, 'Decrypt');
    expect(decrypts).toHaveLength(1);
    expect(contextOf(decrypts[0])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::with-bk' });

    const head = s3Ok(sandbox, 'HeadObject', { Bucket: 'with-bk', Key: 'obj-0' });
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn, BucketKeyEnabled: true });
    expect(head.Body).toBeUndefined();
  });

  it('takes BucketKeyEnabled from the bucket default encryption', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'bk-default');
    s3Ok(sandbox, 'PutBucketEncryption', {
      Bucket: 'bk-default',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.arn }, BucketKeyEnabled: true }] },
    });
    const mark = sandbox.audit.size;
    for (let i = 0; i < 5; i++) expect(s3Ok(sandbox, 'PutObject', { Bucket: 'bk-default', Key: `k${i}`, Body: text('x') })).toMatchObject({ BucketKeyEnabled: true });
    expect(kmsCalls(sandbox, mark, 'GenerateDataKey')).toHaveLength(1);
    // A request can turn it off for its object.
    s3Ok(sandbox, 'PutObject', { Bucket: 'bk-default', Key: 'own', Body: text('x'), BucketKeyEnabled: false });
    expect(kmsCalls(sandbox, mark, 'GenerateDataKey')).toHaveLength(2);
  });

  it('is time-limited: after its lifetime on the virtual clock S3 asks KMS again', () => {
    const sandbox = testSandbox();
    appKey(sandbox);
    bucket(sandbox, 'bk-bucket');
    const mark = sandbox.audit.size;
    putMany(sandbox, 'bk-bucket', 3, { BucketKeyEnabled: true });
    sandbox.advanceClock(30 * 60 * 1000);
    s3Ok(sandbox, 'PutObject', { Bucket: 'bk-bucket', Key: 'later', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', BucketKeyEnabled: true });
    expect(kmsCalls(sandbox, mark, 'GenerateDataKey')).toHaveLength(1);
    sandbox.advanceClock(31 * 60 * 1000);
    s3Ok(sandbox, 'PutObject', { Bucket: 'bk-bucket', Key: 'much-later', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', BucketKeyEnabled: true });
    expect(kmsCalls(sandbox, mark, 'GenerateDataKey')).toHaveLength(2);
    // Objects under the old and the new Bucket Key both read back.
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'bk-bucket', Key: 'obj-0' }))).toBe('body 0');
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'bk-bucket', Key: 'much-later' }))).toBe('x');
  });

  it('keeps one Bucket Key per KMS key', () => {
    const sandbox = testSandbox();
    appKey(sandbox);
    const other = createTestKey(sandbox);
    bucket(sandbox, 'bk-bucket');
    const mark = sandbox.audit.size;
    putMany(sandbox, 'bk-bucket', 2, { BucketKeyEnabled: true });
    s3Ok(sandbox, 'PutObject', { Bucket: 'bk-bucket', Key: 'other', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: other.arn, BucketKeyEnabled: true });
    expect(kmsCalls(sandbox, mark, 'GenerateDataKey')).toHaveLength(2);
  });
});

describe('versioning, listing and deleting', () => {
  it('keeps versions behind a delete marker in a versioned bucket', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'vers');
    expect(s3Ok(sandbox, 'GetBucketVersioning', { Bucket: 'vers' })).toEqual({});
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'vers', VersioningConfiguration: { Status: 'Enabled' } });
    const v1 = s3Ok(sandbox, 'PutObject', { Bucket: 'vers', Key: 'k', Body: text('one') }).VersionId as string;
    const v2 = s3Ok(sandbox, 'PutObject', { Bucket: 'vers', Key: 'k', Body: text('two') }).VersionId as string;
    expect(v1).not.toBe(v2);
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'vers', Key: 'k' }))).toBe('two');
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'vers', Key: 'k', VersionId: v1 }))).toBe('one');
    expect(s3Ok(sandbox, 'DeleteObject', { Bucket: 'vers', Key: 'k' })).toMatchObject({ DeleteMarker: true });
    expect(s3Error(sandbox, 'GetObject', { Bucket: 'vers', Key: 'k' }).code).toBe('NoSuchKey');
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'vers', Key: 'k', VersionId: v2 }))).toBe('two');
  });

  it('lists current objects and deletes from an unversioned bucket', () => {
    const sandbox = testSandbox();
    bucket(sandbox, 'list');
    for (const key of ['b', 'a', 'logs/1']) s3Ok(sandbox, 'PutObject', { Bucket: 'list', Key: key, Body: text(key) });
    const listed = s3Ok(sandbox, 'ListObjectsV2', { Bucket: 'list' });
    expect((listed.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(['a', 'b', 'logs/1']);
    expect(listed).toMatchObject({ KeyCount: 3, IsTruncated: false, Name: 'list' });
    expect((s3Ok(sandbox, 'ListObjectsV2', { Bucket: 'list', Prefix: 'logs/' }).Contents as unknown[]).length).toBe(1);
    expect(s3Ok(sandbox, 'DeleteObject', { Bucket: 'list', Key: 'a' })).toEqual({});
    expect(s3Ok(sandbox, 'ListObjectsV2', { Bucket: 'list' }).KeyCount).toBe(2);
  });
});

describe('Cross-Region replication of SSE-KMS objects', () => {
  const ROLE = (sandbox: Sandbox) => `arn:aws:iam::${sandbox.admin.accountId}:role/s3-crr`;

  function setUp(sandbox: Sandbox, replicaKeyArn: string, bucketKey = false): { source: TestKey } {
    const source = appKey(sandbox);
    bucket(sandbox, 'src-bucket');
    bucket(sandbox, 'dst-bucket', OTHER_REGION);
    for (const [name, region] of [
      ['src-bucket', REGION],
      ['dst-bucket', OTHER_REGION],
    ] as const)
      s3Ok(sandbox, 'PutBucketVersioning', { Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }, region);
    s3Ok(sandbox, 'PutBucketEncryption', {
      Bucket: 'src-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: source.arn }, BucketKeyEnabled: bucketKey }] },
    });
    s3Ok(sandbox, 'PutBucketReplication', {
      Bucket: 'src-bucket',
      ReplicationConfiguration: {
        Role: ROLE(sandbox),
        Rules: [
          {
            ID: 'to-ireland',
            Status: 'Enabled',
            Priority: 1,
            Filter: { Prefix: '' },
            Destination: { Bucket: 'arn:aws:s3:::dst-bucket', EncryptionConfiguration: { ReplicaKmsKeyID: replicaKeyArn } },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            DeleteMarkerReplication: { Status: 'Disabled' },
          },
        ],
      },
    });
    return { source };
  }

  it('decrypts in the source Region and makes the replica data key in the destination Region under the replica key', () => {
    const sandbox = testSandbox();
    const replicaKey = createTestKey(sandbox, OTHER_REGION, 'replica key');
    const { source } = setUp(sandbox, replicaKey.arn);
    expect(s3Ok(sandbox, 'GetBucketReplication', { Bucket: 'src-bucket' })).toMatchObject({ ReplicationConfiguration: { Role: ROLE(sandbox), Rules: [{ ID: 'to-ireland' }] } });

    const mark = sandbox.audit.size;
    const put = s3Ok(sandbox, 'PutObject', { Bucket: 'src-bucket', Key: 'data/report.csv', Body: text('a,b,c') });
    const calls = kmsCalls(sandbox, mark);
    expect(calls.map((r) => [r.eventName, r.awsRegion])).toEqual([
      ['GenerateDataKey', REGION],
      ['Decrypt', REGION],
      ['GenerateDataKey', OTHER_REGION],
    ]);
    const [, decrypt, replicaKeyCall] = calls;
    const roleSession = `arn:aws:sts::${sandbox.admin.accountId}:assumed-role/s3-crr/s3-replication`;
    expect(decrypt).toMatchObject({ userIdentity: { type: 'AssumedRole', arn: roleSession, invokedBy: 's3.amazonaws.com' }, resources: [{ ARN: source.arn }] });
    expect(contextOf(decrypt)).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::src-bucket/data/report.csv' });
    expect(replicaKeyCall).toMatchObject({ userIdentity: { arn: roleSession, invokedBy: 's3.amazonaws.com' }, requestParameters: { keyId: replicaKey.arn, keySpec: 'AES_256' } });
    expect(contextOf(replicaKeyCall)).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::dst-bucket/data/report.csv' });

    expect(s3Ok(sandbox, 'HeadObject', { Bucket: 'src-bucket', Key: 'data/report.csv' })).toMatchObject({ ReplicationStatus: 'COMPLETED', SSEKMSKeyId: source.arn });
    const replicaMark = sandbox.audit.size;
    const replica = s3Ok(sandbox, 'GetObject', { Bucket: 'dst-bucket', Key: 'data/report.csv' }, OTHER_REGION);
    expect(bodyText(replica)).toBe('a,b,c');
    expect(replica).toMatchObject({ ReplicationStatus: 'REPLICA', SSEKMSKeyId: replicaKey.arn, VersionId: put.VersionId, ServerSideEncryption: 'aws:kms' });
    const replicaDecrypt = kmsCalls(sandbox, replicaMark);
    expect(replicaDecrypt.map((r) => [r.eventName, r.awsRegion, r.userIdentity.arn])).toEqual([['Decrypt', OTHER_REGION, sandbox.admin.arn]]);
    expect(contextOf(replicaDecrypt[0])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::dst-bucket/data/report.csv' });
  });

  it('fails the replication (ReplicationStatus FAILED) when the replica key is not in the destination Region', () => {
    const sandbox = testSandbox();
    const wrongRegion = createTestKey(sandbox, REGION, 'source-Region key');
    setUp(sandbox, wrongRegion.arn);
    const mark = sandbox.audit.size;
    s3Ok(sandbox, 'PutObject', { Bucket: 'src-bucket', Key: 'k', Body: text('x') });
    const failed = kmsCalls(sandbox, mark, 'GenerateDataKey').find((r) => r.awsRegion === OTHER_REGION);
    expect(failed).toMatchObject({ errorCode: 'NotFoundException', errorMessage: `Invalid arn ${REGION}` });
    expect(s3Ok(sandbox, 'HeadObject', { Bucket: 'src-bucket', Key: 'k' }).ReplicationStatus).toBe('FAILED');
    expect(s3Error(sandbox, 'GetObject', { Bucket: 'dst-bucket', Key: 'k' }, OTHER_REGION).code).toBe('NoSuchKey');
  });

  it('keeps the Bucket Key setting on replicas', () => {
    const sandbox = testSandbox();
    const replicaKey = createTestKey(sandbox, OTHER_REGION, 'replica key');
    setUp(sandbox, replicaKey.arn, true);
    const mark = sandbox.audit.size;
    for (let i = 0; i < 4; i++) s3Ok(sandbox, 'PutObject', { Bucket: 'src-bucket', Key: `k${i}`, Body: text(`v${i}`) });
    const destinationCalls = kmsCalls(sandbox, mark).filter((r) => r.awsRegion === OTHER_REGION);
    expect(destinationCalls).toHaveLength(1);
    expect(contextOf(destinationCalls[0])).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::dst-bucket' });
    expect(s3Ok(sandbox, 'HeadObject', { Bucket: 'dst-bucket', Key: 'k3' }, OTHER_REGION)).toMatchObject({ BucketKeyEnabled: true, ReplicationStatus: 'REPLICA' });
    expect(bodyText(s3Ok(sandbox, 'GetObject', { Bucket: 'dst-bucket', Key: 'k2' }, OTHER_REGION))).toBe('v2');
  });

  it('requires versioning on both buckets and a replica key for SSE-KMS objects', () => {
    const sandbox = testSandbox();
    const replicaKey = createTestKey(sandbox, OTHER_REGION);
    bucket(sandbox, 'src-bucket');
    bucket(sandbox, 'dst-bucket', OTHER_REGION);
    const rule = {
      Status: 'Enabled',
      Destination: { Bucket: 'arn:aws:s3:::dst-bucket', EncryptionConfiguration: { ReplicaKmsKeyID: replicaKey.arn } },
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    };
    const config = (r: Output) => ({ Bucket: 'src-bucket', ReplicationConfiguration: { Role: ROLE(sandbox), Rules: [r] } });
    expect(s3Error(sandbox, 'PutBucketReplication', config(rule))).toEqual({
      code: 'InvalidRequest',
      message: "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
    });
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'src-bucket', VersioningConfiguration: { Status: 'Enabled' } });
    expect(s3Error(sandbox, 'PutBucketReplication', config(rule)).code).toBe('InvalidRequest');
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'dst-bucket', VersioningConfiguration: { Status: 'Enabled' } }, OTHER_REGION);
    expect(s3Error(sandbox, 'PutBucketReplication', config({ ...rule, Destination: { Bucket: 'arn:aws:s3:::dst-bucket' } }))).toEqual({
      code: 'InvalidArgument',
      message: 'ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.',
    });
    expect(s3Error(sandbox, 'GetBucketReplication', { Bucket: 'src-bucket' }).code).toBe('ReplicationConfigurationNotFoundError');
    s3Ok(sandbox, 'PutBucketReplication', config(rule));
  });

  it('does not replicate SSE-KMS objects unless SseKmsEncryptedObjects is enabled (SSE-S3 objects replicate)', () => {
    const sandbox = testSandbox();
    const key = appKey(sandbox);
    bucket(sandbox, 'src-bucket');
    bucket(sandbox, 'dst-bucket', OTHER_REGION);
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'src-bucket', VersioningConfiguration: { Status: 'Enabled' } });
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'dst-bucket', VersioningConfiguration: { Status: 'Enabled' } }, OTHER_REGION);
    s3Ok(sandbox, 'PutBucketReplication', {
      Bucket: 'src-bucket',
      ReplicationConfiguration: { Role: ROLE(sandbox), Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::dst-bucket' } }] },
    });
    s3Ok(sandbox, 'PutObject', { Bucket: 'src-bucket', Key: 'kms', Body: text('x'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.arn });
    s3Ok(sandbox, 'PutObject', { Bucket: 'src-bucket', Key: 'plain', Body: text('y') });
    expect(s3Ok(sandbox, 'HeadObject', { Bucket: 'src-bucket', Key: 'kms' }).ReplicationStatus).toBeUndefined();
    expect(s3Error(sandbox, 'GetObject', { Bucket: 'dst-bucket', Key: 'kms' }, OTHER_REGION).code).toBe('NoSuchKey');
    expect(s3Ok(sandbox, 'GetObject', { Bucket: 'dst-bucket', Key: 'plain' }, OTHER_REGION)).toMatchObject({ ReplicationStatus: 'REPLICA', ServerSideEncryption: 'AES256' });
  });
});

describe('secrets stay out of the trail', () => {
  it('records no object body and no data key in any audit record or error', () => {
    const sandbox = testSandbox();
    appKey(sandbox);
    const replicaKey = createTestKey(sandbox, OTHER_REGION);
    bucket(sandbox, 'src');
    bucket(sandbox, 'dst', OTHER_REGION);
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'src', VersioningConfiguration: { Status: 'Enabled' } });
    s3Ok(sandbox, 'PutBucketVersioning', { Bucket: 'dst', VersioningConfiguration: { Status: 'Enabled' } }, OTHER_REGION);
    s3Ok(sandbox, 'PutBucketReplication', {
      Bucket: 'src',
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${sandbox.admin.accountId}:role/r`,
        Rules: [
          {
            Status: 'Enabled',
            Destination: { Bucket: 'arn:aws:s3:::dst', EncryptionConfiguration: { ReplicaKmsKeyID: replicaKey.arn } },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
          },
        ],
      },
    });
    const secret = 'TOP-SECRET-PAYLOAD-4242';
    for (const bucketKey of [false, true]) {
      s3Ok(sandbox, 'PutObject', { Bucket: 'src', Key: `k-${bucketKey}`, Body: text(secret), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app', BucketKeyEnabled: bucketKey });
      s3Ok(sandbox, 'GetObject', { Bucket: 'src', Key: `k-${bucketKey}` });
      s3Ok(sandbox, 'GetObject', { Bucket: 'dst', Key: `k-${bucketKey}` }, OTHER_REGION);
    }
    const trail = sandbox.audit.toJsonLines();
    for (const form of [secret, text(secret).toString('base64'), text(secret).toString('hex')]) expect(trail).not.toContain(form);
    expect(trail).not.toMatch(/"plaintext"|"body"/i);
    const s3Records = sandbox.audit.items.filter((r) => r.eventSource === 's3.amazonaws.com');
    expect(s3Records.length).toBeGreaterThan(0);
  });
});

describe('s3api in the console', () => {
  function call(result: ConsoleResult) {
    if (result.kind !== 'call') throw new Error(`expected a call, got ${result.kind}`);
    return result;
  }

  it('creates a bucket, puts an SSE-KMS object and gets it back', () => {
    const sandbox = testSandbox();
    const console = new ConsoleSession(sandbox);
    console.execute('key = kms create-key');
    console.execute('kms create-alias --alias-name alias/app --target-key-id $key.KeyMetadata.KeyId');
    expect(call(console.execute('aws s3api create-bucket --bucket b-console')).outcome.ok).toBe(true);
    const put = call(console.execute('s3api put-object --bucket b-console --key k --body "hello" --server-side-encryption aws:kms --ssekms-key-id alias/app'));
    expect(put.service).toBe('s3api');
    expect(put.outcome.ok && put.outcome.output).toMatchObject({ ServerSideEncryption: 'aws:kms' });
    const got = call(console.execute('obj = s3api get-object --bucket b-console --key k'));
    expect(got.outcome.ok && Buffer.from(got.outcome.output.Body as Uint8Array).toString()).toBe('hello');
    const head = call(console.execute('s3api head-object --bucket b-console --key k'));
    expect(head.outcome.ok && head.outcome.output.SSEKMSKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    const configured = call(
      console.execute(
        `s3api put-bucket-encryption --bucket b-console --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/app"},"BucketKeyEnabled":true}]}'`,
      ),
    );
    expect(configured.outcome.ok).toBe(true);
    const bk = call(console.execute('s3api put-object --bucket b-console --key k2 --body "x"'));
    expect(bk.outcome.ok && bk.outcome.output).toMatchObject({ BucketKeyEnabled: true });
    const missing = call(console.execute('s3api get-object --bucket b-console --key nope'));
    expect(missing.outcome.ok || missing.outcome.error.code).toBe('NoSuchKey');
  });

  it('sets up Cross-Region replication with the AWS CLI shorthand and reads the replica in the other Region', () => {
    const sandbox = testSandbox();
    const console = new ConsoleSession(sandbox);
    const replicaKey = call(console.execute('kms create-key --region eu-west-1 --description replica'));
    const replicaArn = replicaKey.outcome.ok ? (replicaKey.outcome.output as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn : '';
    const lines = [
      's3api create-bucket --bucket crr-source',
      's3api create-bucket --bucket crr-dest --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1',
      's3api put-bucket-versioning --bucket crr-source --versioning-configuration Status=Enabled',
      's3api put-bucket-versioning --bucket crr-dest --versioning-configuration Status=Enabled --region eu-west-1',
      `s3api put-bucket-replication --bucket crr-source --replication-configuration '{"Role":"arn:aws:iam::${sandbox.admin.accountId}:role/crr","Rules":[{"Status":"Enabled","Destination":{"Bucket":"arn:aws:s3:::crr-dest","EncryptionConfiguration":{"ReplicaKmsKeyID":"${replicaArn}"}},"SourceSelectionCriteria":{"SseKmsEncryptedObjects":{"Status":"Enabled"}}}]}'`,
      's3api put-object --bucket crr-source --key note.txt --body "replicate me" --server-side-encryption aws:kms',
    ];
    for (const line of lines) {
      const result = call(console.execute(line));
      expect(result.outcome.ok ? 'ok' : `${line}: ${result.outcome.error.code} ${result.outcome.error.message}`).toBe('ok');
    }
    const replica = call(console.execute('s3api get-object --bucket crr-dest --key note.txt --region eu-west-1'));
    expect(replica.outcome.ok && Buffer.from(replica.outcome.output.Body as Uint8Array).toString()).toBe('replicate me');
    expect(replica.outcome.ok && replica.outcome.output).toMatchObject({ SSEKMSKeyId: replicaArn, ReplicationStatus: 'REPLICA' });
  });
});
