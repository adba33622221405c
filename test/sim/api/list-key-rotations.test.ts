import { describe, expect, it } from 'vitest';
import { createExternalKey, createImportedKey, importTestMaterial, newKeyMaterial } from '../../helpers/key-import.js';
import { allRotations, currentKeyMaterialId, enableRotation, rotationSandbox, START } from '../../helpers/rotation.js';
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

/** The date `days` days after START. */
const day = (days: number): Date => new Date(START.getTime() + days * DAY_MS);

describe('ListKeyRotations', () => {
  it.each(KEY_ID_FORMS)('lists no rotations for a new key named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ Rotations: [], Truncated: false });
  });

  it('lists the first key material with IncludeKeyMaterial ALL_KEY_MATERIAL', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));

    expect(output).toEqual({
      Rotations: [{ KeyId: key.keyId, KeyMaterialId: currentKeyMaterialId(sandbox, key), KeyMaterialState: 'CURRENT' }],
      Truncated: false,
    });
    expect(output.Rotations[0]?.KeyMaterialId).toMatch(/^[a-f0-9]{64}$/);
  });

  it('lists 12 AUTOMATIC rotations after three years with a 90-day period, oldest first, in pages of Limit entries', () => {
    // Given three years of rotation every 90 days
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(Date.parse('2029-01-01T00:00:00Z') - START.getTime());

    // When the rotations are listed five at a time
    const pages = [];
    let marker: string | undefined;
    do {
      const page = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, Limit: 5, ...(marker ? { Marker: marker } : {}) }));
      pages.push(page);
      marker = page.NextMarker;
    } while (marker);

    // Then there are three pages (5, 5, 2), only the last one complete
    expect(pages.map((p) => [p.Rotations.length, p.Truncated, typeof p.NextMarker])).toEqual([
      [5, true, 'string'],
      [5, true, 'string'],
      [2, false, 'undefined'],
    ]);
    const rotations = pages.flatMap((p) => p.Rotations);
    expect(rotations.map((r) => [r.RotationDate, r.RotationType])).toEqual(Array.from({ length: 12 }, (_, i) => [day((i + 1) * 90), 'AUTOMATIC']));
    // The last is current; the older ones only decrypt
    expect(rotations.map((r) => r.KeyMaterialState)).toEqual([...Array<string>(11).fill('NON_CURRENT'), 'CURRENT']);
    expect(rotations.at(-1)?.KeyMaterialId).toBe(currentKeyMaterialId(sandbox, key));
    expect(new Set(rotations.map((r) => r.KeyMaterialId)).size).toBe(12);
    // The pages together are the whole list, and ALL_KEY_MATERIAL adds the first material in front
    expect(rotations).toEqual(allRotations(sandbox, key));
    const all = allRotations(sandbox, key, 'ALL_KEY_MATERIAL');
    expect(all).toHaveLength(13);
    expect(all[0]).toEqual({ KeyId: key.keyId, KeyMaterialId: all[0]?.KeyMaterialId, KeyMaterialState: 'NON_CURRENT' });
    expect(all.slice(1)).toEqual(rotations);
  });

  it('lists AUTOMATIC and ON_DEMAND rotations in the order they happened', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    enableRotation(sandbox, key, 90);
    sandbox.advanceClock(30 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));
    sandbox.advanceClock(90 * DAY_MS);
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));

    expect(allRotations(sandbox, key).map((r) => [r.RotationType, r.RotationDate, r.KeyMaterialState])).toEqual([
      ['ON_DEMAND', day(30), 'NON_CURRENT'],
      ['AUTOMATIC', day(90), 'NON_CURRENT'],
      ['ON_DEMAND', day(120), 'CURRENT'],
    ]);
  });

  it('lists a key in any key state, including pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    expect(allRotations(sandbox, key)).toHaveLength(1);

    scheduleTestKeyDeletion(sandbox, key);

    expect(allRotations(sandbox, key)).toHaveLength(1);
  });

  it('lists imported material with its import state and expiry, and material pending rotation', () => {
    // Given an imported key with expiring material, and new material imported for rotation
    const sandbox = rotationSandbox();
    const validTo = day(200);
    const { key, keyMaterialId: first } = createImportedKey(sandbox, { ValidTo: validTo, ExpirationModel: 'KEY_MATERIAL_EXPIRES', KeyMaterialDescription: 'first' });
    const { KeyMaterialId: next } = importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL', KeyMaterialDescription: 'next' });

    // Then ALL_KEY_MATERIAL shows both, and the default shows no completed rotation yet
    expect(allRotations(sandbox, key)).toEqual([]);
    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toEqual([
      { KeyId: key.keyId, KeyMaterialId: first, KeyMaterialDescription: 'first', ImportState: 'IMPORTED', KeyMaterialState: 'CURRENT', ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo },
      { KeyId: key.keyId, KeyMaterialId: next, KeyMaterialDescription: 'next', ImportState: 'IMPORTED', KeyMaterialState: 'PENDING_ROTATION', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' },
    ]);
  });

  it('lists an EXTERNAL key pending import as having no key material', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toEqual([]);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, Marker: 'not-a-marker' }), 'InvalidMarkerException');
  });

  it.each([0, 1001])('fails with ValidationException for Limit %i', (limit) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, Limit: limit });

    expectKmsError(outcome, 'ValidationException', `Value '${limit}' at 'limit' failed to satisfy constraint`);
  });

  it('fails with ValidationException for an unknown IncludeKeyMaterial', () => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: key.keyId, IncludeKeyMaterial: 'EVERYTHING' });

    expectKmsError(outcome, 'ValidationException', 'includeKeyMaterial');
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/rotating');
    const keyId = keyReference(key, form, 'alias/rotating');

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
