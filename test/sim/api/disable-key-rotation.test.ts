import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey } from '../../helpers/key-import.js';
import {
  allRotations,
  decryptBlob,
  enableRotation,
  encryptUnder,
  eventsOf,
  rotationSandbox,
  rotationStatus,
  START,
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

describe('DisableKeyRotation', () => {
  it.each(KEY_ID_FORMS)('turns automatic rotation off when the key is named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({});
    expect(rotationStatus(sandbox, key)).toEqual({ KeyRotationEnabled: false, KeyId: key.arn });
  });

  it('stops rotation: no rotation, event or timer after the old rotation date', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(30 * DAY_MS);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId }));
    sandbox.advanceClock(3 * 90 * DAY_MS);

    expect(allRotations(sandbox, key)).toEqual([]);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([]);
    expect(sandbox.clock.pending()).toEqual([]);
  });

  it('stops a rotation that is overdue on a Disabled key from happening when the key is enabled', () => {
    // Given a key whose rotation fell due while it was disabled
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    sandbox.advanceClock(100 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));
    const rotatedOnEnable = allRotations(sandbox, key).length;

    // When rotation is turned off, the key disabled and enabled again
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    sandbox.advanceClock(200 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    // Then nothing more rotated
    expect(rotatedOnEnable).toBe(1);
    expect(allRotations(sandbox, key)).toHaveLength(1);
  });

  it('keeps earlier material: ciphertext from before and after a rotation still decrypts', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    const before = encryptUnder(sandbox, key);
    sandbox.advanceClock(90 * DAY_MS);
    const after = encryptUnder(sandbox, key);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId }));

    expect(before.keyMaterialId).not.toBe(after.keyMaterialId);
    for (const { ciphertext, plaintext, keyMaterialId } of [before, after]) {
      const decrypted = decryptBlob(sandbox, ciphertext);
      expect(Buffer.from(decrypted.Plaintext).equals(plaintext)).toBe(true);
      expect(decrypted.KeyMaterialId).toBe(keyMaterialId);
    }
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(after.keyMaterialId);
  });

  it('succeeds on a key whose rotation is already off', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId }));

    expect(rotationStatus(sandbox, key).KeyRotationEnabled).toBe(false);
  });

  it('lets EnableKeyRotation start a fresh period from the moment it is called again', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(60 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId }));
    sandbox.advanceClock(60 * DAY_MS);

    enableRotation(sandbox, key, 90);

    expect(rotationStatus(sandbox, key).NextRotationDate).toEqual(new Date(START.getTime() + 210 * DAY_MS));
    sandbox.advanceClock(90 * DAY_MS);
    expect(allRotations(sandbox, key).map((r) => r.RotationDate)).toEqual([new Date(START.getTime() + 210 * DAY_MS)]);
  });

  it('fails with DisabledException on a Disabled key and leaves rotation on', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
    expect(rotationStatus(sandbox, key)).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
  });

  it('fails with KMSInvalidStateException on a key pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('refuses EXTERNAL keys, pending import or Enabled, with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const pending = createExternalKey(sandbox);
    const { key: imported } = createImportedKey(sandbox);

    for (const key of [pending, imported]) {
      const outcome = sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: key.keyId });
      expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
    }
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/rotating');
    const keyId = keyReference(key, form, 'alias/rotating');

    const outcome = sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
