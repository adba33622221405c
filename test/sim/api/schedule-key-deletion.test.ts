import { describe, expect, it } from 'vitest';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  describeTestKey,
  expectKmsError,
  expectOk,
  KEY_ID_FORMS,
  keyReference,
  OTHER_REGION,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
  customerAliases,
} from '../../helpers/sim.js';

describe('ScheduleKeyDeletion', () => {
  it.each(KEY_ID_FORMS)('moves an Enabled key to PendingDeletion when named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const now = sandbox.clock.nowMs;

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: keyReference(key, form, ''), PendingWindowInDays: 7 }),
    );

    expect(output).toEqual({ KeyId: key.arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7, DeletionDate: new Date(now + 7 * DAY_MS) });
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
  });

  it('moves a Disabled key to PendingDeletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId }));

    expect(output.KeyState).toBe('PendingDeletion');
  });

  it('waits 30 days when PendingWindowInDays is omitted', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const now = sandbox.clock.nowMs;

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId }));

    expect(output.PendingWindowInDays).toBe(30);
    expect(output.DeletionDate).toEqual(new Date(now + 30 * DAY_MS));
  });

  it.each([7, 15, 30])('sets DeletionDate %i days after the virtual now', (days) => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const key = createTestKey(sandbox);
    sandbox.advanceClock(DAY_MS / 2);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: days }));

    expect(output.DeletionDate).toEqual(new Date(Date.UTC(2026, 2, 2 + days, 0, 0, 0)));
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ DeletionDate: output.DeletionDate });
  });

  it.each([
    { days: 6, constraint: 'Member must have value greater than or equal to 7' },
    { days: 31, constraint: 'Member must have value less than or equal to 30' },
  ])('fails with ValidationException for a waiting period of $days days', ({ days, constraint }) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: days });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: ${constraint}`,
    );
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
  });

  it('keeps the key until the last millisecond of the waiting period, then deletes it', () => {
    // Given a key scheduled for deletion in 7 days
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    // When the clock reaches one millisecond before the deletion date
    sandbox.advanceClock(7 * DAY_MS - 1);

    // Then the key still exists, and one millisecond later it is gone
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingDeletion');
    const { fired } = sandbox.advanceClock(1);
    expect(fired).toEqual([`DeleteKey ${key.keyId}`]);
    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId });
    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key '${key.arn}' does not exist`);
    expect(sandbox.keys(REGION)).toEqual([]);
  });

  it("deletes the key's aliases with it", () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const other = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/doomed');
    createTestAlias(sandbox, other, 'alias/survivor');
    scheduleTestKeyDeletion(sandbox, key, 7);

    sandbox.advanceClock(7 * DAY_MS);

    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {}));
    expect(customerAliases(Aliases).map((a) => a.AliasName)).toEqual(['alias/survivor']);
    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/doomed' });
    expectKmsError(outcome, 'NotFoundException', `Alias arn:aws:kms:${REGION}:111122223333:alias/doomed is not found.`);
  });

  it('emits a KMS CMK Deletion event when the key is deleted, not before', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    sandbox.advanceClock(6 * DAY_MS);
    expect(sandbox.events.items.filter((e) => e['detail-type'] === 'KMS CMK Deletion')).toEqual([]);
    sandbox.advanceClock(2 * DAY_MS);

    const deletions = sandbox.events.items.filter((e) => e['detail-type'] === 'KMS CMK Deletion');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]).toMatchObject({
      source: 'aws.kms',
      account: '111122223333',
      region: REGION,
      time: '2026-03-08T12:00:00Z',
      resources: [key.arn],
      detail: { 'key-id': key.keyId },
    });
  });

  it('records a DeleteKey AwsServiceEvent in CloudTrail when the key is deleted', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    sandbox.advanceClock(30 * DAY_MS);

    const records = sandbox.audit.items.filter((r) => r.eventName === 'DeleteKey');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventType: 'AwsServiceEvent',
      eventTime: '2026-03-08T12:00:00Z',
      awsRegion: REGION,
      userIdentity: { type: 'AWSService', invokedBy: 'kms.amazonaws.com' },
      resources: [{ type: 'AWS::KMS::Key', ARN: key.arn }],
    });
  });

  it('records the ScheduleKeyDeletion call with its deletion date in CloudTrail', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const key = createTestKey(sandbox);

    scheduleTestKeyDeletion(sandbox, key, 7);

    expect(sandbox.audit.items.at(-1)).toMatchObject({
      eventName: 'ScheduleKeyDeletion',
      eventType: 'AwsApiCall',
      requestParameters: { keyId: key.keyId, pendingWindowInDays: 7 },
      responseElements: { keyId: key.arn, keyState: 'PendingDeletion', deletionDate: '2026-03-08T12:00:00.000Z' },
    });
  });

  it('deletes only the scheduled key of several', () => {
    const sandbox = testSandbox();
    const doomed = createTestKey(sandbox);
    const kept = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, doomed, 7);

    sandbox.advanceClock(8 * DAY_MS);

    expect(sandbox.keys(REGION).map((k) => k.keyId)).toEqual([kept.keyId]);
    expect(describeTestKey(sandbox, kept.keyId).KeyState).toBe('Enabled');
  });

  it('fails with KMSInvalidStateException for a key already pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 30 });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    expect(describeTestKey(sandbox, key.keyId).DeletionDate?.getTime()).toBe(sandbox.clock.nowMs + 7 * DAY_MS);
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { PendingWindowInDays: 7 });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
