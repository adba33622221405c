/**
 * The `KmsSandbox.*` control targets (GetClock, AdvanceClock, Reset, ListAuditEvents), sent as
 * SigV4-signed raw requests, working together with the AWS SDK v3's KMS calls.
 */
import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand, ScheduleKeyDeletionCommand, type KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../src/sim/index.js';
import { createSdkKey, expectSdkError, kmsClient, rawRequest, sandboxControl, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';

const START = new Date('2030-01-01T00:00:00.000Z');
const START_SECONDS = START.getTime() / 1000;
const DAY_SECONDS = 86_400;
const USER_AGENT_MARK = 'kms-sandbox-sdk-test/1.0';

interface ClockReply {
  Now: number;
  FiredTimers?: string[];
}

let endpoint: Endpoint;
let kms: KMSClient;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } } });
  kms = kmsClient(endpoint.url, 'us-east-1', { customUserAgent: USER_AGENT_MARK });
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

beforeEach(async () => {
  await sandboxControl(endpoint.url, 'Reset');
});

async function auditEvents(since?: number): Promise<AuditRecord[]> {
  const { Events } = await sandboxControl<{ Events: AuditRecord[] }>(endpoint.url, 'ListAuditEvents', since === undefined ? {} : { Since: since });
  return Events;
}

describe('KmsSandbox.GetClock', () => {
  it('answers the virtual time as epoch seconds', async () => {
    const reply = await sandboxControl<ClockReply>(endpoint.url, 'GetClock');

    expect(reply).toEqual({ Now: START_SECONDS });
  });
});

describe('KmsSandbox.AdvanceClock', () => {
  it('moves the clock by Days, Hours and Seconds together', async () => {
    const reply = await sandboxControl<ClockReply>(endpoint.url, 'AdvanceClock', { Days: 2, Hours: 3, Seconds: 4 });

    const expected = START_SECONDS + 2 * DAY_SECONDS + 3 * 3600 + 4;
    expect(reply.Now).toBe(expected);
    expect(await sandboxControl<ClockReply>(endpoint.url, 'GetClock')).toEqual({ Now: expected });
  });

  it('deletes a key whose deletion was scheduled through the SDK once 30 days pass', async () => {
    // Given a key scheduled for deletion with the default 30-day window
    const key = await createSdkKey(kms);
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId }));
    expect(scheduled.DeletionDate?.getTime()).toBe(START.getTime() + 30 * DAY_SECONDS * 1000);

    // When 29 days pass the key is still there, pending deletion
    await sandboxControl(endpoint.url, 'AdvanceClock', { Days: 29 });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata?.KeyState).toBe('PendingDeletion');

    // When the 30th day passes the deletion timer fires
    const reply = await sandboxControl<ClockReply>(endpoint.url, 'AdvanceClock', { Days: 1 });

    // Then the key is gone for the SDK too
    expect(reply.FiredTimers?.length).toBeGreaterThanOrEqual(1);
    const error = await expectSdkError(kms.send(new DescribeKeyCommand({ KeyId: key.keyId })), 'NotFoundException');
    expect(error.message).toBe(`Key '${key.arn}' does not exist`);
  });

  it('dates keys made after it at the advanced virtual time', async () => {
    await sandboxControl(endpoint.url, 'AdvanceClock', { Days: 400 });

    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));

    expect(KeyMetadata?.CreationDate).toEqual(new Date(START.getTime() + 400 * DAY_SECONDS * 1000));
  });

  it.each([
    ['a negative amount', { Days: -1 }, 'Days must be a non-negative number; got -1.'],
    ['a string amount', { Hours: '2' }, 'Hours must be a non-negative number; got "2".'],
    ['an unknown unit', { Weeks: 1 }, 'AdvanceClock takes Days, Hours and Seconds; unknown: Weeks.'],
  ])('refuses %s with a ValidationException and leaves the clock alone', async (_case, body, message) => {
    const reply = await rawRequest(endpoint.url, { target: 'KmsSandbox.AdvanceClock', body });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'ValidationException', message });
    expect(await sandboxControl<ClockReply>(endpoint.url, 'GetClock')).toEqual({ Now: START_SECONDS });
  });
});

describe('KmsSandbox.Reset', () => {
  it('gives a fresh sandbox: ListKeys through the SDK is empty and the clock is back at its start', async () => {
    await createSdkKey(kms);
    await createSdkKey(kms);
    await sandboxControl(endpoint.url, 'AdvanceClock', { Days: 10 });
    expect((await kms.send(new ListKeysCommand({}))).Keys).toHaveLength(2);

    const reply = await sandboxControl(endpoint.url, 'Reset');

    expect(reply).toEqual({});
    expect(await auditEvents()).toEqual([]);
    expect(await sandboxControl<ClockReply>(endpoint.url, 'GetClock')).toEqual({ Now: START_SECONDS });
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('leaves the endpoint serving the new sandbox in every Region', async () => {
    const ireland = kmsClient(endpoint.url, 'eu-west-1');
    try {
      const key = await createSdkKey(ireland);
      await sandboxControl(endpoint.url, 'Reset');

      await expectSdkError(ireland.send(new DescribeKeyCommand({ KeyId: key.keyId })), 'NotFoundException');
      const fresh = await createSdkKey(ireland);
      expect(fresh.arn).toContain(':eu-west-1:');
    } finally {
      ireland.destroy();
    }
  });
});

describe('KmsSandbox.ListAuditEvents', () => {
  it("returns CloudTrail records of the SDK's calls with the request's source IP, user agent and request id", async () => {
    const created = await kms.send(new CreateKeyCommand({ Description: 'audited' }));
    const keyId = created.KeyMetadata?.KeyId ?? '';
    await expectSdkError(kms.send(new DescribeKeyCommand({ KeyId: 'not-a-key' })), 'NotFoundException');

    const events = await auditEvents();

    expect(events.map((e) => e.eventName)).toEqual(['CreateKey', 'DescribeKey']);
    const [create, describeKey] = events;
    expect(create).toMatchObject({
      eventVersion: '1.11',
      eventSource: 'kms.amazonaws.com',
      eventName: 'CreateKey',
      eventType: 'AwsApiCall',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      eventTime: START.toISOString().replace('.000Z', 'Z'),
      recipientAccountId: '111122223333',
      readOnly: false,
      userIdentity: { type: 'IAMUser', accountId: '111122223333', accessKeyId: 'test' },
      requestParameters: { description: 'audited' },
      resources: [{ type: 'AWS::KMS::Key', ARN: created.KeyMetadata?.Arn }],
    });
    expect(create?.userAgent).toContain('aws-sdk-js/');
    expect(create?.userAgent).toContain(USER_AGENT_MARK);
    expect(create?.requestID).toBe(created.$metadata.requestId);
    expect(create?.responseElements).toMatchObject({ keyMetadata: { keyId } });
    expect(describeKey).toMatchObject({
      eventName: 'DescribeKey',
      readOnly: true,
      errorCode: 'NotFoundException',
      errorMessage: "Invalid keyId 'not-a-key'",
      sourceIPAddress: '127.0.0.1',
    });
  });

  it('returns only the events at or after Since (epoch seconds)', async () => {
    await createSdkKey(kms, { Description: 'before' });
    const { Now } = await sandboxControl<ClockReply>(endpoint.url, 'AdvanceClock', { Hours: 1 });
    await createSdkKey(kms, { Description: 'after' });

    const events = await auditEvents(Now);

    expect(events).toHaveLength(1);
    expect(events[0]?.requestParameters).toEqual({ description: 'after' });
    expect(await auditEvents()).toHaveLength(2);
  });

  it('records the deletion of a key as a DeleteKey AwsServiceEvent at the deletion time', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    await sandboxControl(endpoint.url, 'AdvanceClock', { Days: 7 });

    const deletions = (await auditEvents()).filter((e) => e.eventName === 'DeleteKey');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]).toMatchObject({
      eventType: 'AwsServiceEvent',
      eventTime: new Date(START.getTime() + 7 * DAY_SECONDS * 1000).toISOString().replace('.000Z', 'Z'),
      resources: [{ ARN: key.arn }],
    });
  });

  it('refuses a Since that is not a number with a ValidationException', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'KmsSandbox.ListAuditEvents', body: { Since: 'yesterday' } });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'ValidationException', message: 'Since must be epoch seconds; got "yesterday".' });
  });
});

describe('KmsSandbox.FailHsm, RecoverHsm and GetHsmStatus', () => {
  it('fails one HSM (the SDK is still served), then the whole Region (KeyUnavailableException, HTTP 500; DependencyTimeoutException, HTTP 503), then recovers', async () => {
    const key = await createSdkKey(kms, {});
    expect(await sandboxControl(endpoint.url, 'FailHsm', { Region: 'us-east-1', Hsm: 2 })).toEqual({ Region: 'us-east-1', Up: [1, 3], Down: [2], RegionDown: false });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: key.keyId }))).resolves.toBeDefined();

    expect(await sandboxControl(endpoint.url, 'FailHsm', { Region: 'us-east-1' })).toMatchObject({ RegionDown: true });
    const encrypt = await rawRequest(endpoint.url, { target: 'TrentService.Encrypt', body: { KeyId: key.keyId, Plaintext: Buffer.from('x').toString('base64') } });
    expect(encrypt.status).toBe(500);
    expect(encrypt.json).toEqual({ __type: 'KeyUnavailableException', message: 'The request was rejected because the specified KMS key was not available. You can retry the request.' });
    const fault = await kms.send(new DescribeKeyCommand({ KeyId: key.keyId })).then(
      () => undefined,
      (caught: unknown) => caught as { name: string; $fault: string; $metadata: { httpStatusCode?: number; attempts?: number } },
    );
    expect(fault).toMatchObject({ name: 'DependencyTimeoutException', $fault: 'server', $metadata: { httpStatusCode: 503 } });
    const describe = await rawRequest(endpoint.url, { target: 'TrentService.DescribeKey', body: { KeyId: key.keyId } });
    expect(describe.status).toBe(503);

    expect(await sandboxControl(endpoint.url, 'RecoverHsm', { Region: 'us-east-1' })).toEqual({ Region: 'us-east-1', Up: [1, 2, 3], Down: [], RegionDown: false });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: key.keyId }))).resolves.toBeDefined();
    const { Regions } = await sandboxControl<{ Regions: { Region: string; RegionDown: boolean }[] }>(endpoint.url, 'GetHsmStatus', { Region: 'us-east-1' });
    expect(Regions).toEqual([{ Region: 'us-east-1', Up: [1, 2, 3], Down: [], RegionDown: false }]);
  });

  it.each([
    [{}, 'Region must be one the sandbox simulates; got undefined.'],
    [{ Region: 'us-east-1', Hsm: 4 }, 'Hsm must be 1, 2 or 3 (omit it for the whole Region); got 4.'],
    [{ Region: 'us-east-1', Hsms: 1 }, 'FailHsm and RecoverHsm take Region and Hsm; unknown: Hsms.'],
  ])('refuses %j with a ValidationException', async (body, message) => {
    const reply = await rawRequest(endpoint.url, { target: 'KmsSandbox.FailHsm', body });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'ValidationException', message });
  });
});

describe('KmsSandbox targets', () => {
  it('answers an unknown KmsSandbox target with UnknownOperationException listing the known ones', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'KmsSandbox.FreezeTime', body: {} });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown KmsSandbox target FreezeTime. Known: GetClock, AdvanceClock, Reset, ListAuditEvents, FailHsm, RecoverHsm, GetHsmStatus.',
    });
  });

  it('needs a signed request like any other target', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'KmsSandbox.Reset', body: {}, unsigned: true });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });
});
