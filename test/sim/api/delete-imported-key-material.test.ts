import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createExternalKey, createImportedKey, importTestMaterial, newKeyMaterial, tryImport } from '../../helpers/key-import.js';
import { allRotations, currentKeyMaterialId, decryptBlob, encryptUnder, eventsOf, rotationSandbox, serviceRecords, START } from '../../helpers/rotation.js';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  describeTestKey,
  expectKmsError,
  expectOk,
  KEY_ID_FORMS,
  keyReference,
  REGION,
  scheduleTestKeyDeletion,
  type TestKey,
  UNKNOWN_KEY_ID,
} from '../../helpers/sim.js';

function deleteMaterial(sandbox: Sandbox, key: TestKey, keyMaterialId?: string) {
  return sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', keyMaterialId === undefined ? { KeyId: key.keyId } : { KeyId: key.keyId, KeyMaterialId: keyMaterialId });
}

describe('DeleteImportedKeyMaterial', () => {
  it.each(KEY_ID_FORMS)('puts an Enabled key named by its %s in PendingImport', (form) => {
    const sandbox = rotationSandbox();
    const { key, keyMaterialId } = createImportedKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ KeyId: key.arn, KeyMaterialId: keyMaterialId });
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
  });

  it('makes the key unusable: Encrypt and Decrypt fail with KMSInvalidStateException', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox);
    const before = encryptUnder(sandbox, key);

    expectOk(deleteMaterial(sandbox, key));

    expect(expectKmsError(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from('x') }), 'KMSInvalidStateException').message).toBe(
      `${key.arn} is pending import.`,
    );
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: before.ciphertext }), 'KMSInvalidStateException', 'pending import');
  });

  it('lets the same material be imported again, after which the old ciphertext decrypts', () => {
    const sandbox = rotationSandbox();
    const { key, material, keyMaterialId } = createImportedKey(sandbox);
    const before = encryptUnder(sandbox, key);
    expectOk(deleteMaterial(sandbox, key));
    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toEqual([expect.objectContaining({ KeyMaterialId: keyMaterialId, ImportState: 'PENDING_IMPORT' })]);

    importTestMaterial(sandbox, key, material);

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    expect(Buffer.from(decryptBlob(sandbox, before.ciphertext).Plaintext).equals(before.plaintext)).toBe(true);
  });

  it('refuses different material after the deletion with IncorrectKeyMaterialException', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox);
    expectOk(deleteMaterial(sandbox, key));

    expectKmsError(tryImport(sandbox, key, newKeyMaterial()), 'IncorrectKeyMaterialException');

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
  });

  it('leaves a key pending deletion in PendingDeletion', () => {
    const sandbox = rotationSandbox();
    const { key, keyMaterialId } = createImportedKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const output = expectOk(deleteMaterial(sandbox, key));

    expect(output.KeyMaterialId).toBe(keyMaterialId);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingDeletion');
    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')[0]?.ImportState).toBe('PENDING_IMPORT');
  });

  it('sends a key pending deletion to PendingImport when its deletion is cancelled, until the material comes back', () => {
    // Given a key whose material was deleted while it was pending deletion
    const sandbox = rotationSandbox();
    const { key, material } = createImportedKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);
    expectOk(deleteMaterial(sandbox, key));

    // When the deletion is cancelled
    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));

    // Then the key waits for its material rather than being Disabled (EnableKey cannot use it yet)
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }), 'KMSInvalidStateException', 'pending import');
    importTestMaterial(sandbox, key, material);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(currentKeyMaterialId(sandbox, key));
  });

  it('puts a Disabled key in PendingImport', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expectOk(deleteMaterial(sandbox, key));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
  });

  it('has no effect on a key pending import that never had material', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const output = expectOk(deleteMaterial(sandbox, key));

    expect(output.KeyId).toBe(key.arn);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
  });

  it('cancels the expiry of the deleted material: no expiration event at its ValidTo', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox, { ValidTo: new Date(START.getTime() + 10 * DAY_MS) });

    expectOk(deleteMaterial(sandbox, key));
    sandbox.advanceClock(20 * DAY_MS);

    expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toEqual([]);
    expect(serviceRecords(sandbox, 'DeleteExpiredKeyMaterial')).toEqual([]);
  });

  it('deletes material pending rotation by its KeyMaterialId, leaving the key Enabled and free to import other new material', () => {
    // Given an imported key with new material pending rotation
    const sandbox = rotationSandbox();
    const { key, keyMaterialId } = createImportedKey(sandbox);
    const { KeyMaterialId: pending } = importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });

    // When the pending material is deleted
    const output = expectOk(deleteMaterial(sandbox, key, pending));

    // Then only the current material is left, the key is usable, and other new material can come in
    expect(output).toEqual({ KeyId: key.arn, KeyMaterialId: pending });
    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL').map((r) => r.KeyMaterialId)).toEqual([keyMaterialId]);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    expect(encryptUnder(sandbox, key).keyMaterialId).toBe(keyMaterialId);
    importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });
  });

  it('puts the key in PendingImport when earlier (NON_CURRENT) material is deleted', () => {
    // Given an imported key rotated on demand to new material
    const sandbox = rotationSandbox();
    const { key, material, keyMaterialId: first } = createImportedKey(sandbox);
    const old = encryptUnder(sandbox, key);
    importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));
    const current = currentKeyMaterialId(sandbox, key);

    // When the first material is deleted
    expectOk(deleteMaterial(sandbox, key, first));

    // Then the whole key waits for it, and importing it again brings the key back
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
    importTestMaterial(sandbox, key, material);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    expect(currentKeyMaterialId(sandbox, key)).toBe(current);
    expect(decryptBlob(sandbox, old.ciphertext).KeyMaterialId).toBe(first);
  });

  it('fails with NotFoundException for a KeyMaterialId the key does not have', () => {
    const sandbox = rotationSandbox();
    const { key } = createImportedKey(sandbox);

    expectKmsError(deleteMaterial(sandbox, key, 'b'.repeat(64)), 'NotFoundException', 'b'.repeat(64));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
  });

  it('refuses a key whose material KMS generated with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    expect(expectKmsError(deleteMaterial(sandbox, key), 'UnsupportedOperationException').message).toBe(`${key.arn} origin is AWS_KMS which is not valid for this operation.`);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    createTestAlias(sandbox, key, 'alias/imported');
    const keyId = keyReference(key, form, 'alias/imported');

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
