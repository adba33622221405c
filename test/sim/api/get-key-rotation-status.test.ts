import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey } from '../../helpers/key-import.js';
import { enableRotation, rotationSandbox, rotationStatus, START } from '../../helpers/rotation.js';
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

describe('GetKeyRotationStatus', () => {
  it.each(KEY_ID_FORMS)('reports rotation off for a new key named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ KeyRotationEnabled: false, KeyId: key.arn });
  });

  it('reports the period and NextRotationDate of a rotating key', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 180);

    expect(rotationStatus(sandbox, key)).toEqual({
      KeyRotationEnabled: true,
      KeyId: key.arn,
      RotationPeriodInDays: 180,
      NextRotationDate: new Date(START.getTime() + 180 * DAY_MS),
    });
  });

  it('moves NextRotationDate one period on after each automatic rotation', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    const dates: (Date | undefined)[] = [];

    for (let i = 0; i < 3; i++) {
      dates.push(rotationStatus(sandbox, key).NextRotationDate);
      sandbox.advanceClock(90 * DAY_MS);
    }

    expect(dates).toEqual([1, 2, 3].map((n) => new Date(START.getTime() + n * 90 * DAY_MS)));
    expect(rotationStatus(sandbox, key).NextRotationDate).toEqual(new Date(START.getTime() + 4 * 90 * DAY_MS));
  });

  it('reports the setting of a Disabled key', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expect(rotationStatus(sandbox, key)).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
  });

  it('reports false for a key pending deletion, and CancelKeyDeletion restores the setting', () => {
    // Given a rotating key scheduled for deletion
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 120);
    scheduleTestKeyDeletion(sandbox, key, 7);

    // Then its status is false, with no period or date
    expect(rotationStatus(sandbox, key)).toEqual({ KeyRotationEnabled: false, KeyId: key.arn });

    // When the deletion is cancelled, the setting is back as it was
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));
    expect(rotationStatus(sandbox, key)).toEqual({
      KeyRotationEnabled: true,
      KeyId: key.arn,
      RotationPeriodInDays: 120,
      NextRotationDate: new Date(START.getTime() + 120 * DAY_MS),
    });
  });

  it('refuses EXTERNAL keys, pending import or Enabled, with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const pending = createExternalKey(sandbox);
    const { key: imported } = createImportedKey(sandbox);

    for (const key of [pending, imported]) {
      const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: key.keyId });
      expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
    }
  });

  it('is a read-only call in CloudTrail', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    rotationStatus(sandbox, key);

    expect(sandbox.audit.items.at(-1)).toMatchObject({ eventName: 'GetKeyRotationStatus', readOnly: true, responseElements: null, resources: [{ ARN: key.arn }] });
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/rotating');
    const keyId = keyReference(key, form, 'alias/rotating');

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
