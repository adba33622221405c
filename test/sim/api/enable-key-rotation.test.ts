import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey } from '../../helpers/key-import.js';
import {
  allRotations,
  currentKeyMaterialId,
  decryptBlob,
  enableRotation,
  encryptUnder,
  eventsOf,
  rotationSandbox,
  rotationStatus,
  serviceRecords,
  START,
  type TestEncryption,
} from '../../helpers/rotation.js';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  expectKmsError,
  expectOk,
  KEY_ID_FORMS,
  keyReference,
  REGION,
  scheduleTestKeyDeletion,
  UNKNOWN_KEY_ID,
} from '../../helpers/sim.js';

describe('EnableKeyRotation', () => {
  it.each(KEY_ID_FORMS)('turns on yearly rotation by default when the key is named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    sandbox.advanceClock(5 * DAY_MS);
    const enabledAt = sandbox.clock.nowMs;

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({});
    expect(rotationStatus(sandbox, key)).toEqual({
      KeyRotationEnabled: true,
      KeyId: key.arn,
      RotationPeriodInDays: 365,
      NextRotationDate: new Date(enabledAt + 365 * DAY_MS),
    });
  });

  it.each([90, 91, 180, 2559, 2560])('sets NextRotationDate %i days after the enable time', (days) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    sandbox.advanceClock(DAY_MS / 3);
    const enabledAt = sandbox.clock.nowMs;

    enableRotation(sandbox, key, days);

    const status = rotationStatus(sandbox, key);
    expect(status.RotationPeriodInDays).toBe(days);
    expect(status.NextRotationDate).toEqual(new Date(enabledAt + days * DAY_MS));
  });

  it.each([
    { days: 89, constraint: 'Member must have value greater than or equal to 90' },
    { days: 2561, constraint: 'Member must have value less than or equal to 2560' },
    { days: 1, constraint: 'Member must have value greater than or equal to 90' },
  ])('fails with ValidationException for a period of $days days and leaves rotation off', ({ days, constraint }) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId, RotationPeriodInDays: days });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: ${constraint}`,
    );
    expect(rotationStatus(sandbox, key).KeyRotationEnabled).toBe(false);
  });

  it('rotates the key material at NextRotationDate, not a millisecond before', () => {
    // Given a key with a 90-day rotation period
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    const firstMaterial = currentKeyMaterialId(sandbox, key);
    enableRotation(sandbox, key, 90);

    // When the clock reaches one millisecond before the rotation date
    sandbox.advanceClock(90 * DAY_MS - 1);

    // Then nothing has rotated; one millisecond later the key has new current material
    expect(allRotations(sandbox, key)).toEqual([]);
    expect(currentKeyMaterialId(sandbox, key)).toBe(firstMaterial);
    const { fired } = sandbox.advanceClock(1);
    expect(fired).toEqual([`RotateKey ${key.keyId}`]);
    const rotations = allRotations(sandbox, key);
    expect(rotations).toEqual([
      { KeyId: key.keyId, KeyMaterialId: currentKeyMaterialId(sandbox, key), KeyMaterialState: 'CURRENT', RotationDate: new Date(START.getTime() + 90 * DAY_MS), RotationType: 'AUTOMATIC' },
    ]);
    expect(rotations[0]?.KeyMaterialId).not.toBe(firstMaterial);
  });

  it('rotates 12 times in three years with a 90-day period, each time a rotation event and a RotateKey record, and every ciphertext still decrypts', () => {
    // Given a key rotated every 90 days, and a ciphertext made in each period
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    const encryptions: TestEncryption[] = [];
    const end = Date.parse('2029-01-01T00:00:00Z');

    // When three years pass
    while (sandbox.clock.nowMs < end) {
      // (each new encryption uses the material DescribeKey calls current)
      const encryption = encryptUnder(sandbox, key);
      expect(encryption.keyMaterialId).toBe(currentKeyMaterialId(sandbox, key));
      encryptions.push(encryption);
      sandbox.advanceClock(Math.min(30 * DAY_MS, end - sandbox.clock.nowMs));
    }

    // Then there were 12 automatic rotations, 90 days apart
    const rotations = allRotations(sandbox, key);
    expect(rotations.map((r) => r.RotationDate)).toEqual(Array.from({ length: 12 }, (_, i) => new Date(START.getTime() + (i + 1) * 90 * DAY_MS)));
    expect(rotations.every((r) => r.RotationType === 'AUTOMATIC')).toBe(true);
    expect(new Set(rotations.map((r) => r.KeyMaterialId)).size).toBe(12);
    expect(rotationStatus(sandbox, key).NextRotationDate).toEqual(new Date(START.getTime() + 13 * 90 * DAY_MS));

    // And each one emitted KMS CMK Rotation, chaining the previous material to the current one
    const firstMaterial = allRotations(sandbox, key, 'ALL_KEY_MATERIAL')[0]?.KeyMaterialId;
    const chain = [firstMaterial, ...rotations.map((r) => r.KeyMaterialId)];
    expect(eventsOf(sandbox, 'KMS CMK Rotation').map((e) => ({ time: e.time, resources: e.resources, detail: e.detail }))).toEqual(
      rotations.map((r, i) => ({
        time: r.RotationDate?.toISOString().replace('.000Z', 'Z'),
        resources: [key.arn],
        detail: {
          'key-id': key.keyId,
          'rotation-type': 'AUTOMATIC',
          'key-origin': 'AWS_KMS',
          'previous-key-material-id': chain[i],
          'current-key-material-id': chain[i + 1],
        },
      })),
    );

    // And each one was logged as a RotateKey service event naming the new material
    const records = serviceRecords(sandbox, 'RotateKey');
    expect(records.map((r) => [r.eventTime, r.additionalEventData?.['keyMaterialId']])).toEqual(
      rotations.map((r) => [r.RotationDate?.toISOString().replace('.000Z', 'Z'), r.KeyMaterialId]),
    );
    expect(records.every((r) => r.userIdentity.invokedBy === 'kms.amazonaws.com' && r.resources?.[0]?.ARN === key.arn)).toBe(true);

    // And every ciphertext decrypts with the material it was made with (the first and 12 more)
    expect(new Set(encryptions.map((e) => e.keyMaterialId)).size).toBe(13);
    for (const { ciphertext, plaintext, keyMaterialId } of encryptions) {
      const decrypted = decryptBlob(sandbox, ciphertext);
      expect(Buffer.from(decrypted.Plaintext).equals(plaintext)).toBe(true);
      expect(decrypted.KeyMaterialId).toBe(keyMaterialId);
    }
    // And new encryptions use the latest material
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(rotations.at(-1)?.KeyMaterialId);
  });

  it('changes the period of a key that already rotates: the next rotation is one new period from the change', () => {
    // Given a key rotating every 365 days
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key);
    sandbox.advanceClock(10 * DAY_MS);

    // When the period changes to 90 days
    enableRotation(sandbox, key, 90);

    // Then the key rotates 90 days after the change, then every 90 days, and not on the old date
    const changedAt = START.getTime() + 10 * DAY_MS;
    expect(rotationStatus(sandbox, key)).toMatchObject({ RotationPeriodInDays: 90, NextRotationDate: new Date(changedAt + 90 * DAY_MS) });
    sandbox.advanceClock(365 * DAY_MS);
    expect(allRotations(sandbox, key).map((r) => r.RotationDate)).toEqual([1, 2, 3, 4].map((n) => new Date(changedAt + n * 90 * DAY_MS)));
    expect(sandbox.clock.pending().filter((t) => t.label === `RotateKey ${key.keyId}`)).toHaveLength(1);
  });

  it('does not rotate a Disabled key when rotation falls due, and rotates it at once when EnableKey comes after the date', () => {
    // Given a rotating key disabled before its rotation date
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(10 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    // When the rotation date passes while it is disabled
    sandbox.advanceClock(100 * DAY_MS);

    // Then it has not rotated
    expect(allRotations(sandbox, key)).toEqual([]);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([]);

    // When it is enabled again, it rotates at once, and the next rotation is one period later
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));
    const enabledAt = new Date(START.getTime() + 110 * DAY_MS);
    expect(allRotations(sandbox, key)).toEqual([expect.objectContaining({ RotationDate: enabledAt, RotationType: 'AUTOMATIC', KeyMaterialState: 'CURRENT' })]);
    expect(rotationStatus(sandbox, key).NextRotationDate).toEqual(new Date(enabledAt.getTime() + 90 * DAY_MS));
  });

  it('keeps the schedule of a key disabled and enabled again before its rotation date', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(10 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    sandbox.advanceClock(10 * DAY_MS);

    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    expect(allRotations(sandbox, key)).toEqual([]);
    sandbox.advanceClock(70 * DAY_MS);
    expect(allRotations(sandbox, key).map((r) => r.RotationDate)).toEqual([new Date(START.getTime() + 90 * DAY_MS)]);
  });

  it('does not rotate a key pending deletion, and a cancelled deletion leaves the overdue rotation to EnableKey', () => {
    // Given a rotating key scheduled for deletion across its rotation date
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(80 * DAY_MS);
    scheduleTestKeyDeletion(sandbox, key, 30);
    sandbox.advanceClock(20 * DAY_MS);
    expect(allRotations(sandbox, key)).toEqual([]);

    // When the deletion is cancelled (the key returns Disabled) and the key is enabled
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));
    expect(allRotations(sandbox, key)).toEqual([]);
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    // Then it rotates at once
    expect(allRotations(sandbox, key).map((r) => r.RotationDate)).toEqual([new Date(START.getTime() + 100 * DAY_MS)]);
  });

  it('stops the schedule of a deleted key', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    scheduleTestKeyDeletion(sandbox, key, 7);

    sandbox.advanceClock(400 * DAY_MS);

    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([]);
    expect(serviceRecords(sandbox, 'RotateKey')).toEqual([]);
    expect(sandbox.clock.pending()).toEqual([]);
  });

  it('fails with DisabledException on a Disabled key', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
    expect(rotationStatus(sandbox, key).KeyRotationEnabled).toBe(false);
  });

  it('fails with KMSInvalidStateException on a key pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId, RotationPeriodInDays: 90 });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('refuses an EXTERNAL key pending import with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  });

  it('refuses automatic rotation of an Enabled key with imported material, which never rotates on the clock', () => {
    const sandbox = rotationSandbox();
    const { key, keyMaterialId } = createImportedKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId, RotationPeriodInDays: 90 });

    expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
    sandbox.advanceClock(400 * DAY_MS);
    expect(currentKeyMaterialId(sandbox, key)).toBe(keyMaterialId);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([]);
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/rotating');
    const keyId = keyReference(key, form, 'alias/rotating');

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: UNKNOWN_KEY_ID });

    expectKmsError(outcome, 'NotFoundException', UNKNOWN_KEY_ID);
  });

  it('records the call and its period in CloudTrail', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    enableRotation(sandbox, key, 180);

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({
      eventName: 'EnableKeyRotation',
      eventType: 'AwsApiCall',
      readOnly: false,
      requestParameters: { keyId: key.keyId, rotationPeriodInDays: 180 },
      resources: [{ ARN: key.arn }],
    });
  });
});
