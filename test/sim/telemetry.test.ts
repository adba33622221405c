import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRecord, MetricDatum, Sandbox } from '../../src/sim/index.js';
import { createSpecKey } from '../helpers/asymmetric.js';
import { createTestKey, DAY_MS, describeTestKey, expectError, expectOk, OTHER_REGION, REGION, testSandbox, type TestKey } from '../helpers/sim.js';

const START = new Date('2030-06-01T12:00:00.000Z');
const HOUR_MS = 3_600_000;
const SECRET = 'correct horse battery staple';
const CONTEXT = { department: 'finance' };

function setUp(): { sandbox: Sandbox; key: TestKey } {
  const sandbox = testSandbox({ start: START });
  return { sandbox, key: createTestKey(sandbox) };
}

function encryptSecret(sandbox: Sandbox, key: TestKey) {
  return sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from(SECRET), EncryptionContext: CONTEXT });
}

/** The audit records and metric data appended while `act` runs. */
function appendedBy(sandbox: Sandbox, act: () => void): { records: AuditRecord[]; data: MetricDatum[] } {
  const auditBefore = sandbox.audit.size;
  const metricsBefore = sandbox.metrics.size;
  act();
  return { records: sandbox.audit.items.slice(auditBefore), data: sandbox.metrics.items.slice(metricsBefore) };
}

function lastRecord(sandbox: Sandbox): AuditRecord {
  const record = sandbox.audit.items.at(-1);
  if (!record) expect.fail('the audit trail is empty');
  return record;
}

/** Every form the secret could take in a record: text, base64, hex, and a Buffer's JSON bytes. */
function secretForms(secret: Buffer): string[] {
  return [secret.toString('utf8'), secret.toString('base64'), secret.toString('hex'), JSON.stringify(secret.toJSON().data)];
}

describe('Telemetry', () => {
  describe('audit trail', () => {
    it.each<[string, (sandbox: Sandbox, key: TestKey) => unknown, string]>([
      ['a successful call', (s, key) => encryptSecret(s, key), 'Encrypt'],
      ['a call refused by the key state', (s, key) => {
        expectOk(s.call(REGION, s.admin, 'DisableKey', { KeyId: key.keyId }));
        return encryptSecret(s, key);
      }, 'Encrypt'],
      ['a ValidationException', (s) => s.call(REGION, s.admin, 'GenerateRandom', { NumberOfBytes: 0 }), 'GenerateRandom'],
      ['a NotFoundException', (s) => s.call(REGION, s.admin, 'DescribeKey', { KeyId: 'alias/none' }), 'DescribeKey'],
      ['an unknown operation', (s) => s.call(REGION, s.admin, 'DestroyEverything', {}), 'DestroyEverything'],
      ['a call to an unknown Region', (s) => s.call('mars-north-1', s.admin, 'GenerateRandom', { NumberOfBytes: 8 }), 'GenerateRandom'],
      ['a call whose input is not an object', (s) => s.call(REGION, s.admin, 'Encrypt', 'hello'), 'Encrypt'],
    ])('appends exactly one record for %s', (_case, act, eventName) => {
      const { sandbox, key } = setUp();
      const setUpRecords = sandbox.audit.size;

      const { records } = appendedBy(sandbox, () => act(sandbox, key));

      const forAct = sandbox.audit.items.slice(setUpRecords).filter((r) => r.eventName === eventName);
      expect(forAct).toHaveLength(1);
      expect(records.at(-1)?.eventName).toBe(eventName);
    });

    it('records a successful Encrypt as CloudTrail does, without the plaintext', () => {
      // Given a key and a clock moved to a known time
      const { sandbox, key } = setUp();
      sandbox.advanceClock(2 * DAY_MS);

      // When the key encrypts a secret
      const outcome = encryptSecret(sandbox, key);

      // Then one record describes the call, and no form of the secret appears in it
      const record = lastRecord(sandbox);
      expect(record).toMatchObject({
        eventVersion: '1.11',
        eventSource: 'kms.amazonaws.com',
        eventName: 'Encrypt',
        awsRegion: REGION,
        eventTime: '2030-06-03T12:00:00Z', // CloudTrail's form: to the second
        eventType: 'AwsApiCall',
        readOnly: true,
        requestID: outcome.requestId,
        recipientAccountId: sandbox.accountId,
        userIdentity: { type: 'IAMUser', arn: sandbox.admin.arn, accountId: sandbox.accountId },
        requestParameters: { keyId: key.keyId, encryptionContext: CONTEXT },
        responseElements: null,
        resources: [{ accountId: sandbox.accountId, type: 'AWS::KMS::Key', ARN: key.arn }],
        additionalEventData: { keyMaterialId: describeTestKey(sandbox, key.keyId).CurrentKeyMaterialId },
      });
      // A success has no errorCode or errorMessage: the record's JSON (CloudTrail's form) has neither.
      const json = JSON.stringify(record);
      expect(record.errorCode).toBeUndefined();
      expect(Object.keys(JSON.parse(json) as object)).not.toContain('errorCode');
      expect(Object.keys(JSON.parse(json) as object)).not.toContain('errorMessage');
      expect(record.requestParameters).not.toHaveProperty('plaintext');
      expect(secretForms(Buffer.from(SECRET)).filter((form) => json.includes(form))).toEqual([]);
    });

    it('records a failed call with its errorCode and errorMessage', () => {
      const { sandbox, key } = setUp();
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      const error = expectError(encryptSecret(sandbox, key));

      const record = lastRecord(sandbox);
      expect(record.errorCode).toBe('DisabledException');
      expect(record.errorMessage).toBe(error.message);
      expect(record.responseElements).toBeNull();
      expect(record.resources).toEqual([{ accountId: sandbox.accountId, type: 'AWS::KMS::Key', ARN: key.arn }]);
      expect(record.requestParameters).toEqual({ keyId: key.keyId, encryptionContext: CONTEXT, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    });

    it('records a ValidationException with the request but not the plaintext', () => {
      const { sandbox, key } = setUp();

      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.alloc(4097, 0x5a) });

      const record = lastRecord(sandbox);
      expect(record.errorCode).toBe('ValidationException');
      expect(record.requestParameters).toEqual({ keyId: key.keyId, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      expect(JSON.stringify(record)).not.toContain('ZZZZ');
    });

    it('never records a plaintext given as text instead of bytes', () => {
      const { sandbox, key } = setUp();

      const error = expectError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: SECRET }));

      expect(error.code).toBe('ValidationException');
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(lastRecord(sandbox))).not.toContain(SECRET);
    });

    it('records an unknown operation under the name it was called by', () => {
      const { sandbox } = setUp();

      const error = expectError(sandbox.call(REGION, sandbox.admin, 'DestroyEverything', { KeyId: 'x' }));

      expect(lastRecord(sandbox)).toMatchObject({
        eventName: 'DestroyEverything',
        awsRegion: REGION,
        errorCode: 'UnknownOperationException',
        errorMessage: error.message,
        requestParameters: null,
      });
    });

    it('records Decrypt with the key ARN, the context and the key material id, but not the plaintext', () => {
      const { sandbox, key } = setUp();
      const { CiphertextBlob } = expectOk(encryptSecret(sandbox, key));

      expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob, EncryptionContext: CONTEXT }));

      const record = lastRecord(sandbox);
      expect(record.eventName).toBe('Decrypt');
      expect(record.requestParameters).toEqual({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: CONTEXT });
      expect(record.resources?.map((r) => r.ARN)).toEqual([key.arn]);
      expect(record.additionalEventData).toEqual({ keyMaterialId: describeTestKey(sandbox, key.keyId).CurrentKeyMaterialId });
      const json = JSON.stringify(record);
      expect(secretForms(Buffer.from(SECRET)).filter((form) => json.includes(form))).toEqual([]);
      expect(json).not.toContain(Buffer.from(CiphertextBlob).toString('base64'));
    });

    it('records GenerateDataKey without the data key', () => {
      const { sandbox, key } = setUp();

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateDataKey', { KeyId: key.keyId, KeySpec: 'AES_256' }));

      const record = lastRecord(sandbox);
      expect(record.requestParameters).toEqual({ keyId: key.keyId, keySpec: 'AES_256' });
      expect(record.additionalEventData).toEqual({ keyMaterialId: output.KeyMaterialId });
      const json = JSON.stringify(record);
      expect(secretForms(Buffer.from(output.Plaintext)).filter((form) => json.includes(form))).toEqual([]);
    });

    it('records ReEncrypt with both keys as resources', () => {
      const { sandbox, key } = setUp();
      const other = createTestKey(sandbox, REGION, 'other');
      const { CiphertextBlob } = expectOk(encryptSecret(sandbox, key));

      expectOk(
        sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
          CiphertextBlob,
          SourceEncryptionContext: CONTEXT,
          DestinationKeyId: other.keyId,
        }),
      );

      const record = lastRecord(sandbox);
      expect(record.resources?.map((r) => r.ARN).sort()).toEqual([key.arn, other.arn].sort());
      expect(record.requestParameters).toEqual({
        sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        sourceEncryptionContext: CONTEXT,
        destinationKeyId: other.keyId,
        destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      });
    });

    it('records the Region of the call', () => {
      const { sandbox } = setUp();

      sandbox.call(OTHER_REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });

      expect(lastRecord(sandbox)).toMatchObject({ awsRegion: OTHER_REGION, eventName: 'GenerateRandom', requestParameters: { numberOfBytes: 4 } });
    });
  });

  // KMS fills some defaults into requestParameters, and the Developer Guide's CloudTrail examples
  // list the members in a fixed order: ct-encrypt, ct-decrypt, ct-reencrypt, ct-sign, ct-verify.
  // https://docs.aws.amazon.com/kms/latest/developerguide/understanding-kms-entries.html
  describe('request defaults', () => {
    /** The forms of the secret and the blobs (base64) that appear in the records: none should. */
    function leakedForms(records: readonly AuditRecord[], blobs: readonly Uint8Array[]): string[] {
      const json = JSON.stringify(records);
      const forms = [...secretForms(Buffer.from(SECRET)), ...blobs.map((b) => Buffer.from(b).toString('base64'))];
      return forms.filter((form) => json.includes(form));
    }

    it('records SYMMETRIC_DEFAULT for the encryption algorithms callers leave out, in the order of the examples', () => {
      // Given a symmetric key and calls that name no algorithm
      const { sandbox, key } = setUp();
      const other = createTestKey(sandbox, REGION, 'other');
      const sent: Uint8Array[] = [];

      // When it encrypts, decrypts and re-encrypts
      const { records } = appendedBy(sandbox, () => {
        const { CiphertextBlob } = expectOk(encryptSecret(sandbox, key));
        expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob, KeyId: key.keyId, EncryptionContext: CONTEXT }));
        const reEncrypted = expectOk(
          sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
            CiphertextBlob,
            SourceEncryptionContext: CONTEXT,
            DestinationKeyId: other.keyId,
            DestinationEncryptionContext: { level: '3A' },
          }),
        );
        sent.push(CiphertextBlob, reEncrypted.CiphertextBlob);
      });

      // Then each record shows the default, members in AWS's order, and no blob
      const parameters = records.map((r) => r.requestParameters);
      expect(parameters).toEqual([
        { encryptionContext: CONTEXT, keyId: key.keyId, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', keyId: key.keyId, encryptionContext: CONTEXT },
        {
          sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          sourceEncryptionContext: CONTEXT,
          destinationKeyId: other.keyId,
          destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          destinationEncryptionContext: { level: '3A' },
        },
      ]);
      expect(parameters.map((p) => Object.keys(p ?? {}))).toEqual([
        ['encryptionContext', 'keyId', 'encryptionAlgorithm'],
        ['encryptionAlgorithm', 'keyId', 'encryptionContext'],
        ['sourceEncryptionAlgorithm', 'sourceEncryptionContext', 'destinationKeyId', 'destinationEncryptionAlgorithm', 'destinationEncryptionContext'],
      ]);
      expect(leakedForms(records, sent)).toEqual([]);
    });

    it('records the encryption algorithms the caller sends', () => {
      // Given two RSA encryption keys
      const { sandbox } = setUp();
      const source = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
      const destination = createSpecKey(sandbox, 'RSA_2048', 'ENCRYPT_DECRYPT');
      const sent: Uint8Array[] = [];

      // When the calls name their algorithms
      const { records } = appendedBy(sandbox, () => {
        const { CiphertextBlob } = expectOk(
          sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: source.keyId, Plaintext: Buffer.from(SECRET), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
        );
        expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob, KeyId: source.keyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
        const reEncrypted = expectOk(
          sandbox.call(REGION, sandbox.admin, 'ReEncrypt', {
            CiphertextBlob,
            SourceKeyId: source.keyId,
            SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
            DestinationKeyId: destination.keyId,
            DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
          }),
        );
        sent.push(CiphertextBlob, reEncrypted.CiphertextBlob);
      });

      // Then the records show them, and no blob
      expect(records.map((r) => r.requestParameters)).toEqual([
        { keyId: source.keyId, encryptionAlgorithm: 'RSAES_OAEP_SHA_256' },
        { encryptionAlgorithm: 'RSAES_OAEP_SHA_256', keyId: source.keyId },
        {
          sourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
          destinationKeyId: destination.keyId,
          destinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
          sourceKeyId: source.keyId,
        },
      ]);
      expect(leakedForms(records, sent)).toEqual([]);
    });

    it('records MessageType RAW for Sign and Verify calls that leave it out, and the type a caller sends', () => {
      const { sandbox } = setUp();
      const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      const message = Buffer.from(SECRET);
      const digest = createHash('sha256').update(message).digest();

      const { records } = appendedBy(sandbox, () => {
        const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
        expectOk(sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: key.keyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
        expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      });

      const parameters = records.map((r) => r.requestParameters);
      expect(parameters).toEqual([
        { messageType: 'RAW', keyId: key.keyId, signingAlgorithm: 'ECDSA_SHA_256' },
        { signingAlgorithm: 'ECDSA_SHA_256', keyId: key.keyId, messageType: 'RAW' },
        { messageType: 'DIGEST', keyId: key.keyId, signingAlgorithm: 'ECDSA_SHA_256' },
      ]);
      expect(parameters.map((p) => Object.keys(p ?? {}))).toEqual([
        ['messageType', 'keyId', 'signingAlgorithm'],
        ['signingAlgorithm', 'keyId', 'messageType'],
        ['messageType', 'keyId', 'signingAlgorithm'],
      ]);
      expect(leakedForms(records, [digest])).toEqual([]);
    });
  });

  describe('metrics', () => {
    it('appends an AWS/Usage CallCount datum per call, with the operation as Resource', () => {
      const { sandbox, key } = setUp();
      sandbox.advanceClock(HOUR_MS);

      const { data } = appendedBy(sandbox, () => encryptSecret(sandbox, key));

      const calls = data.filter((d) => d.MetricName === 'CallCount');
      expect(calls).toEqual([
        {
          Namespace: 'AWS/Usage',
          MetricName: 'CallCount',
          Dimensions: [
            { Name: 'Service', Value: 'KMS' },
            { Name: 'Type', Value: 'API' },
            { Name: 'Resource', Value: 'Encrypt' },
            { Name: 'Class', Value: 'None' },
          ],
          Timestamp: '2030-06-01T13:00:00Z',
          Value: 1,
          Unit: 'Count',
          Region: REGION,
        },
      ]);
      expect(data.filter((d) => d.MetricName === 'ErrorCount')).toEqual([]);
    });

    it('adds a KmsSandbox ErrorCount datum with the ErrorCode when a call fails', () => {
      const { sandbox } = setUp();

      const { data } = appendedBy(sandbox, () => sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/none' }));

      expect(data.filter((d) => d.MetricName === 'CallCount')).toHaveLength(1);
      expect(data.filter((d) => d.MetricName === 'ErrorCount')).toEqual([
        expect.objectContaining({
          Namespace: 'KmsSandbox',
          Dimensions: [
            { Name: 'Operation', Value: 'DescribeKey' },
            { Name: 'ErrorCode', Value: 'NotFoundException' },
          ],
          Value: 1,
          Region: REGION,
        }),
      ]);
    });

    it('counts ValidationExceptions and unknown operations as calls with errors', () => {
      const { sandbox } = setUp();

      const { data } = appendedBy(sandbox, () => {
        sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 2000 });
        sandbox.call(REGION, sandbox.admin, 'DestroyEverything', {});
      });

      const resources = data.filter((d) => d.MetricName === 'CallCount').map((d) => d.Dimensions.find((x) => x.Name === 'Resource')?.Value);
      expect(resources).toEqual(['GenerateRandom', 'DestroyEverything']);
      const errorCodes = data.filter((d) => d.MetricName === 'ErrorCount').map((d) => d.Dimensions.find((x) => x.Name === 'ErrorCode')?.Value);
      expect(errorCodes).toEqual(['ValidationException', 'UnknownOperationException']);
    });

    it('aggregates statistics per period, dimension and Region', () => {
      // Given three Encrypt calls (one failing) in the first hour, two in the second, one in another Region
      const { sandbox, key } = setUp();
      const start = sandbox.clock.nowMs;
      encryptSecret(sandbox, key);
      encryptSecret(sandbox, key);
      sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/none', Plaintext: Buffer.from('x') });
      sandbox.advanceClock(HOUR_MS);
      encryptSecret(sandbox, key);
      encryptSecret(sandbox, key);
      sandbox.call(OTHER_REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/none', Plaintext: Buffer.from('x') });

      // When CallCount for Encrypt in REGION is aggregated by hour
      const stats = sandbox.metrics.statistics({
        metricName: 'CallCount',
        dimensions: [{ Name: 'Resource', Value: 'Encrypt' }],
        region: REGION,
        periodMs: HOUR_MS,
      });

      // Then each hour has its own bucket
      expect(stats).toEqual([
        { Timestamp: new Date(start).toISOString(), SampleCount: 3, Sum: 3, Minimum: 1, Maximum: 1 },
        { Timestamp: new Date(start + HOUR_MS).toISOString(), SampleCount: 2, Sum: 2, Minimum: 1, Maximum: 1 },
      ]);
      const errors = sandbox.metrics.statistics({ metricName: 'ErrorCount', periodMs: DAY_MS });
      expect(errors.map((s) => s.Sum)).toEqual([2]);
    });
  });

  describe('streams', () => {
    it('tells audit subscribers about each new record until they unsubscribe', () => {
      const { sandbox } = setUp();
      const heard: string[] = [];
      const unsubscribe = sandbox.audit.subscribe((record) => heard.push(record.eventName));

      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });
      sandbox.call(REGION, sandbox.admin, 'ListKeys', {});
      unsubscribe();
      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });

      expect(heard).toEqual(['GenerateRandom', 'ListKeys']);
    });

    it('tells metrics subscribers about each new datum until they unsubscribe', () => {
      const { sandbox } = setUp();
      const heard: MetricDatum[] = [];
      const unsubscribe = sandbox.metrics.subscribe((datum) => heard.push(datum));

      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });
      const afterOneCall = heard.length;
      unsubscribe();
      sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });

      expect(afterOneCall).toBeGreaterThan(0);
      expect(heard).toHaveLength(afterOneCall);
      expect(heard.filter((d) => d.MetricName === 'CallCount')).toHaveLength(1);
    });

    it('tells event subscribers about a key deletion until they unsubscribe', () => {
      const { sandbox, key } = setUp();
      const other = createTestKey(sandbox, REGION, 'other');
      const heard: string[] = [];
      const unsubscribe = sandbox.events.subscribe((event) => heard.push(`${event['detail-type']} ${event.detail['key-id']}`));
      expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));
      expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: other.keyId, PendingWindowInDays: 30 }));

      sandbox.advanceClock(7 * DAY_MS);
      unsubscribe();
      sandbox.advanceClock(30 * DAY_MS);

      expect(heard).toEqual([`KMS CMK Deletion ${key.keyId}`]);
      expect(sandbox.events.size).toBe(2);
    });

    it('exports each stream as JSON Lines, one parseable object per line', () => {
      const { sandbox, key } = setUp();
      encryptSecret(sandbox, key);
      sandbox.call(REGION, sandbox.admin, 'DestroyEverything', {});

      for (const stream of [sandbox.audit, sandbox.metrics]) {
        const text = stream.toJsonLines();
        const lines = text.split('\n');

        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(stream.size);
        expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(JSON.parse(JSON.stringify(stream.items)));
      }
    });

    it('exports only the records a filter keeps', () => {
      const { sandbox, key } = setUp();
      encryptSecret(sandbox, key);
      sandbox.call(REGION, sandbox.admin, 'DestroyEverything', {});

      const lines = sandbox.audit.toJsonLines((r) => r.errorCode !== undefined).trim().split('\n');

      expect(lines.map((line) => (JSON.parse(line) as AuditRecord).eventName)).toEqual(['DestroyEverything']);
    });
  });
});
