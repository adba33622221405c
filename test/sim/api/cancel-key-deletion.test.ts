import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey } from '../../helpers/key-import.js';
import {
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
} from '../../helpers/sim.js';

describe('CancelKeyDeletion', () => {
  it('returns an EXTERNAL key that never had material to PendingImport, not Disabled', () => {
    const sandbox = testSandbox();
    const key = createExternalKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }), 'KMSInvalidStateException', 'pending import');
  });

  it('returns a key with its imported material to Disabled', () => {
    const sandbox = testSandbox();
    const { key } = createImportedKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Disabled');
  });

  it.each(KEY_ID_FORMS)('returns a key pending deletion to Disabled when named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ KeyId: key.arn });
    const metadata = describeTestKey(sandbox, key.keyId);
    expect(metadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(metadata.DeletionDate).toBeUndefined();
    expect(metadata.PendingDeletionWindowInDays).toBeUndefined();
  });

  it('returns a key that was Enabled before scheduling to Disabled, not Enabled', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    scheduleTestKeyDeletion(sandbox, key, 7);

    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Disabled');
  });

  it('keeps the key past the end of the cancelled waiting period', () => {
    // Given a key whose 7-day deletion was cancelled on day 3
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);
    sandbox.advanceClock(3 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    // When the original deletion date passes
    const { fired } = sandbox.advanceClock(30 * DAY_MS);

    // Then nothing fired: the key, its events and its audit trail show no deletion
    expect(fired).toEqual([]);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Disabled');
    expect(sandbox.events.items.filter((e) => e['detail-type'] === 'KMS CMK Deletion')).toEqual([]);
    expect(sandbox.audit.items.filter((r) => r.eventName === 'DeleteKey')).toEqual([]);
  });

  it('lets the key be enabled and used again', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: new Uint8Array([42]) }));
  });

  it('lets the key be scheduled for deletion again with a new window', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));
    sandbox.advanceClock(DAY_MS);
    const rescheduledAt = sandbox.clock.nowMs;

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 10 }));

    expect(output.DeletionDate).toEqual(new Date(rescheduledAt + 10 * DAY_MS));
    sandbox.advanceClock(10 * DAY_MS);
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId }), 'NotFoundException');
  });

  it.each(['Enabled', 'Disabled'])('fails with KMSInvalidStateException for a key that is %s', (state) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    if (state === 'Disabled') expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is not pending deletion.`);
  });

  it('fails with NotFoundException once the waiting period has ended', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);
    sandbox.advanceClock(7 * DAY_MS);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key '${key.arn}' does not exist`);
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);
    scheduleTestKeyDeletion(sandbox, key, 7);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingDeletion');
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
