import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey, importTestMaterial, newKeyMaterial } from '../../helpers/key-import.js';
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
  type TestKey,
} from '../../helpers/sim.js';
import type { Sandbox } from '../../../src/sim/index.js';

const LIMIT_MESSAGE = 'The on-demand rotations limit has been reached for the given keyId';

function rotateNow(sandbox: Sandbox, key: TestKey) {
  return sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId });
}

describe('RotateKeyOnDemand', () => {
  it.each(KEY_ID_FORMS)('rotates the key material now when the key is named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    const first = currentKeyMaterialId(sandbox, key);
    sandbox.advanceClock(3 * DAY_MS);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ KeyId: key.arn });
    const current = currentKeyMaterialId(sandbox, key);
    expect(current).not.toBe(first);
    expect(allRotations(sandbox, key)).toEqual([
      { KeyId: key.keyId, KeyMaterialId: current, KeyMaterialState: 'CURRENT', RotationDate: new Date(START.getTime() + 3 * DAY_MS), RotationType: 'ON_DEMAND' },
    ]);
  });

  it('emits KMS CMK Rotation with rotation type ON_DEMAND and logs RotateKey', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    const previous = currentKeyMaterialId(sandbox, key);

    expectOk(rotateNow(sandbox, key));

    const current = currentKeyMaterialId(sandbox, key);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([
      expect.objectContaining({
        source: 'aws.kms',
        resources: [key.arn],
        detail: { 'key-id': key.keyId, 'rotation-type': 'ON_DEMAND', 'key-origin': 'AWS_KMS', 'previous-key-material-id': previous, 'current-key-material-id': current },
      }),
    ]);
    expect(serviceRecords(sandbox, 'RotateKey').map((r) => r.additionalEventData)).toEqual([{ keyMaterialId: current, rotationType: 'ON_DEMAND' }]);
  });

  it('makes new encryptions use the new material while the old ciphertext still decrypts', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    const before = encryptUnder(sandbox, key);

    expectOk(rotateNow(sandbox, key));

    const after = encryptUnder(sandbox, key);
    expect(after.keyMaterialId).toBe(currentKeyMaterialId(sandbox, key));
    expect(after.keyMaterialId).not.toBe(before.keyMaterialId);
    const decrypted = decryptBlob(sandbox, before.ciphertext);
    expect(Buffer.from(decrypted.Plaintext).equals(before.plaintext)).toBe(true);
    expect(decrypted.KeyMaterialId).toBe(before.keyMaterialId);
  });

  it('works with automatic rotation off and leaves it off', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    expectOk(rotateNow(sandbox, key));

    expect(rotationStatus(sandbox, key)).toEqual({ KeyRotationEnabled: false, KeyId: key.arn });
  });

  it('does not change NextRotationDate: the automatic rotation still happens on its date', () => {
    // Given a key due to rotate automatically on day 90
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(80 * DAY_MS);

    // When it is rotated on demand on day 80
    expectOk(rotateNow(sandbox, key));

    // Then the next rotation is still day 90, and it happens then
    const day90 = new Date(START.getTime() + 90 * DAY_MS);
    expect(rotationStatus(sandbox, key).NextRotationDate).toEqual(day90);
    sandbox.advanceClock(10 * DAY_MS);
    expect(allRotations(sandbox, key).map((r) => [r.RotationType, r.RotationDate])).toEqual([
      ['ON_DEMAND', new Date(START.getTime() + 80 * DAY_MS)],
      ['AUTOMATIC', day90],
    ]);
  });

  it('allows 25 on-demand rotations, then fails with LimitExceededException', () => {
    // Given a key rotated on demand 25 times
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    for (let i = 0; i < 25; i++) expectOk(rotateNow(sandbox, key));
    const current = currentKeyMaterialId(sandbox, key);

    // When it is rotated once more
    const outcome = rotateNow(sandbox, key);

    // Then AWS's limit refuses it and nothing changes
    expectKmsError(outcome, 'LimitExceededException', LIMIT_MESSAGE);
    expect(allRotations(sandbox, key)).toHaveLength(25);
    expect(currentKeyMaterialId(sandbox, key)).toBe(current);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toHaveLength(25);
  });

  it('does not count automatic rotations against the limit, and the limit does not stop them', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(2 * 90 * DAY_MS);
    for (let i = 0; i < 25; i++) expectOk(rotateNow(sandbox, key));
    expectKmsError(rotateNow(sandbox, key), 'LimitExceededException', LIMIT_MESSAGE);

    sandbox.advanceClock(90 * DAY_MS);

    const types = allRotations(sandbox, key).map((r) => r.RotationType);
    expect(types.filter((t) => t === 'AUTOMATIC')).toHaveLength(3);
    expect(types.filter((t) => t === 'ON_DEMAND')).toHaveLength(25);
  });

  it('counts the limit per key', () => {
    const sandbox = rotationSandbox();
    const busy = createTestKey(sandbox);
    const other = createTestKey(sandbox);
    for (let i = 0; i < 25; i++) expectOk(rotateNow(sandbox, busy));

    expectOk(rotateNow(sandbox, other));
  });

  it('fails with DisabledException on a Disabled key', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expect(expectKmsError(rotateNow(sandbox, key), 'DisabledException').message).toBe(`${key.arn} is disabled.`);
    expect(allRotations(sandbox, key)).toEqual([]);
  });

  it('fails with KMSInvalidStateException on a key pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    expect(expectKmsError(rotateNow(sandbox, key), 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('rotates a key with imported material to the material imported as NEW_KEY_MATERIAL', () => {
    // Given an imported key with new material pending rotation
    const sandbox = rotationSandbox();
    const { key, keyMaterialId: first } = createImportedKey(sandbox);
    const before = encryptUnder(sandbox, key);
    const { KeyMaterialId: next } = importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(first);
    sandbox.advanceClock(DAY_MS);

    // When it is rotated on demand
    expectOk(rotateNow(sandbox, key));

    // Then the new material is current, listed as an ON_DEMAND rotation, and used for new encryptions
    expect(currentKeyMaterialId(sandbox, key)).toBe(next);
    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL').map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.RotationType])).toEqual([
      [first, 'NON_CURRENT', undefined],
      [next, 'CURRENT', 'ON_DEMAND'],
    ]);
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(next);
    expect(eventsOf(sandbox, 'KMS CMK Rotation').map((e) => e.detail)).toEqual([
      { 'key-id': key.keyId, 'rotation-type': 'ON_DEMAND', 'key-origin': 'EXTERNAL', 'previous-key-material-id': first, 'current-key-material-id': next },
    ]);
    // And the ciphertext made under the first material still decrypts
    expect(decryptBlob(sandbox, before.ciphertext).KeyMaterialId).toBe(first);
  });

  it('refuses a key with imported material and nothing pending rotation with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const { key, keyMaterialId } = createImportedKey(sandbox);

    expectKmsError(rotateNow(sandbox, key), 'UnsupportedOperationException', key.arn);

    expect(currentKeyMaterialId(sandbox, key)).toBe(keyMaterialId);
    expect(eventsOf(sandbox, 'KMS CMK Rotation')).toEqual([]);
  });

  it('fails with KMSInvalidStateException on an EXTERNAL key pending import', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    expect(expectKmsError(rotateNow(sandbox, key), 'KMSInvalidStateException').message).toBe(`${key.arn} is pending import.`);
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/rotating');
    const keyId = keyReference(key, form, 'alias/rotating');

    const outcome = sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
