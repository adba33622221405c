import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OperationInput, Sandbox } from '../../../src/sim/index.js';
import {
  createExternalKey,
  createImportedKey,
  importParameters,
  importTestMaterial,
  newKeyMaterial,
  tryImport,
  WRAPPING_ALGORITHMS,
  wrapKeyMaterial,
} from '../../helpers/key-import.js';
import { allRotations, currentKeyMaterialId, decryptBlob, encryptUnder, eventsOf, rotationSandbox, START } from '../../helpers/rotation.js';
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

const HOUR_MS = 3_600_000;

/** ImportKeyMaterial with explicit parameters (for tests that tamper with one of them). */
function importWith(sandbox: Sandbox, input: OperationInput<'ImportKeyMaterial'>) {
  return sandbox.call(REGION, sandbox.admin, 'ImportKeyMaterial', input);
}

/** The state of a key, from DescribeKey. */
function stateOf(sandbox: Sandbox, key: TestKey): string {
  return describeTestKey(sandbox, key.keyId).KeyState;
}

describe('ImportKeyMaterial', () => {
  it.each(WRAPPING_ALGORITHMS)('enables an EXTERNAL key with 32 bytes wrapped with %s, which then encrypts and decrypts', (algorithm) => {
    // Given an EXTERNAL key pending import
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    expect(stateOf(sandbox, key)).toBe('PendingImport');

    // When material wrapped with node:crypto is imported
    const output = importTestMaterial(sandbox, key, newKeyMaterial(), { algorithm });

    // Then the key is Enabled with that material current, and round-trips data with it
    expect(output).toEqual({ KeyId: key.arn, KeyMaterialId: expect.stringMatching(/^[a-f0-9]{64}$/) });
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      Origin: 'EXTERNAL',
      CurrentKeyMaterialId: output.KeyMaterialId,
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });
    const encryption = encryptUnder(sandbox, key);
    expect(encryption.keyMaterialId).toBe(output.KeyMaterialId);
    const decrypted = decryptBlob(sandbox, encryption.ciphertext);
    expect(Buffer.from(decrypted.Plaintext).equals(encryption.plaintext)).toBe(true);
    expect(decrypted.KeyMaterialId).toBe(output.KeyMaterialId);
  });

  it.each(KEY_ID_FORMS)('accepts the key named by its %s', (form) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, key);

    const output = expectOk(
      importWith(sandbox, {
        KeyId: keyReference(key, form, ''),
        ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );

    expect(output.KeyId).toBe(key.arn);
  });

  it('refuses material wrapped with another OAEP hash than the token was issued for with InvalidCiphertextException', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, key, 'RSAES_OAEP_SHA_256');

    const outcome = importWith(sandbox, {
      KeyId: key.keyId,
      ImportToken,
      EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_1', newKeyMaterial()),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });

    expectKmsError(outcome, 'InvalidCiphertextException');
    expect(stateOf(sandbox, key)).toBe('PendingImport');
  });

  it.each([
    { what: 'random bytes', wrapped: () => randomBytes(256) },
    { what: 'a truncated AES key wrap', wrapped: (publicKey: Uint8Array) => wrapKeyMaterial(publicKey, 'RSA_AES_KEY_WRAP_SHA_256', newKeyMaterial()).subarray(0, 256 + 8) },
  ])('fails with InvalidCiphertextException when the wrapped material is $what', ({ wrapped }) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, key, 'RSA_AES_KEY_WRAP_SHA_256');

    const outcome = importWith(sandbox, { KeyId: key.keyId, ImportToken, EncryptedKeyMaterial: wrapped(PublicKey), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });

    expectKmsError(outcome, 'InvalidCiphertextException');
    expect(stateOf(sandbox, key)).toBe('PendingImport');
  });

  it.each([16, 31, 33, 64])('fails with IncorrectKeyMaterialException for %i bytes of material', (length) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);

    const outcome = tryImport(sandbox, key, randomBytes(length), { algorithm: 'RSA_AES_KEY_WRAP_SHA_256' });

    expectKmsError(outcome, 'IncorrectKeyMaterialException', `${length} bytes`);
    expect(stateOf(sandbox, key)).toBe('PendingImport');
  });

  describe('import tokens', () => {
    it('accepts a token until 24 hours of virtual time have passed, then fails with ExpiredImportTokenException', () => {
      // Given import parameters fetched now
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const { PublicKey, ImportToken, ParametersValidTo } = importParameters(sandbox, key);
      const input = { KeyId: key.keyId, ImportToken, EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()) } as const;

      // When 24 hours pass and a millisecond more
      sandbox.advanceClock(24 * HOUR_MS + 1);

      // Then the token has expired, and the key still waits for material
      expect(ParametersValidTo).toEqual(new Date(START.getTime() + 24 * HOUR_MS));
      expectKmsError(importWith(sandbox, { ...input, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }), 'ExpiredImportTokenException');
      expect(stateOf(sandbox, key)).toBe('PendingImport');
    });

    it('still reports an old token as expired after newer parameters were issued for any key', () => {
      // Given a token that expired, then fresh parameters for this key and another
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const old = importParameters(sandbox, key);
      sandbox.advanceClock(25 * HOUR_MS);
      importParameters(sandbox, key);
      importParameters(sandbox, createExternalKey(sandbox));

      // When the old token is used
      const outcome = importWith(sandbox, {
        KeyId: key.keyId,
        ImportToken: old.ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(old.PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });

      // Then the error says it expired (not that it is unknown)
      expectKmsError(outcome, 'ExpiredImportTokenException');
    });

    it('accepts a token on its last valid instant', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const { PublicKey, ImportToken } = importParameters(sandbox, key);
      sandbox.advanceClock(24 * HOUR_MS);

      const outcome = importWith(sandbox, {
        KeyId: key.keyId,
        ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });

      expectOk(outcome);
    });

    it('fails with InvalidImportTokenException for a token issued for another key', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const other = createExternalKey(sandbox);
      const { PublicKey, ImportToken } = importParameters(sandbox, other);

      const outcome = importWith(sandbox, {
        KeyId: key.keyId,
        ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });

      expectKmsError(outcome, 'InvalidImportTokenException');
      expect([stateOf(sandbox, key), stateOf(sandbox, other)]).toEqual(['PendingImport', 'PendingImport']);
    });

    it('fails with InvalidImportTokenException for a token KMS never issued', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const { PublicKey } = importParameters(sandbox, key);

      const outcome = importWith(sandbox, {
        KeyId: key.keyId,
        ImportToken: randomBytes(96),
        EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });

      expectKmsError(outcome, 'InvalidImportTokenException');
    });

    it('does not accept a token from another sandbox', () => {
      const sandbox = rotationSandbox();
      const elsewhere = rotationSandbox();
      const key = createExternalKey(sandbox);
      const { PublicKey, ImportToken } = importParameters(elsewhere, createExternalKey(elsewhere));

      const outcome = importWith(sandbox, {
        KeyId: key.keyId,
        ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });

      expectKmsError(outcome, 'InvalidImportTokenException');
    });
  });

  describe('expiration', () => {
    it('requires ValidTo with the default ExpirationModel, KEY_MATERIAL_EXPIRES', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      const { PublicKey, ImportToken } = importParameters(sandbox, key);

      const outcome = importWith(sandbox, { KeyId: key.keyId, ImportToken, EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()) });

      expectKmsError(outcome, 'ValidationException', 'validTo');
      expect(stateOf(sandbox, key)).toBe('PendingImport');
    });

    it('imports expiring material with ValidTo alone, and DescribeKey reports the expiry', () => {
      const sandbox = rotationSandbox();
      const validTo = new Date(START.getTime() + 30 * DAY_MS);

      const { key } = createImportedKey(sandbox, { ValidTo: validTo });

      expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    });

    it.each([
      { what: 'in the past', offsetMs: -DAY_MS },
      { what: 'now', offsetMs: 0 },
      { what: 'more than 365 days ahead', offsetMs: 365 * DAY_MS + 1 },
    ])('fails with ValidationException for a ValidTo $what', ({ offsetMs }) => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);
      sandbox.advanceClock(DAY_MS * 2);

      const outcome = tryImport(sandbox, key, newKeyMaterial(), { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(sandbox.clock.nowMs + offsetMs) });

      expectKmsError(outcome, 'ValidationException', 'validTo');
      expect(stateOf(sandbox, key)).toBe('PendingImport');
    });

    it('accepts a ValidTo exactly 365 days ahead', () => {
      const sandbox = rotationSandbox();
      const validTo = new Date(START.getTime() + 365 * DAY_MS);

      const { key } = createImportedKey(sandbox, { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });

      expect(describeTestKey(sandbox, key.keyId).ValidTo).toEqual(validTo);
    });

    it('fails with ValidationException for ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);

      const outcome = tryImport(sandbox, key, newKeyMaterial(), { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', ValidTo: new Date(START.getTime() + DAY_MS) });

      expectKmsError(outcome, 'ValidationException', 'KEY_MATERIAL_DOES_NOT_EXPIRE');
      expect(stateOf(sandbox, key)).toBe('PendingImport');
    });

    it('changes the expiry when the same material is imported again: the old date passes harmlessly', () => {
      // Given material that expires in 10 days
      const sandbox = rotationSandbox();
      const material = newKeyMaterial();
      const key = createExternalKey(sandbox);
      importTestMaterial(sandbox, key, material, { ValidTo: new Date(START.getTime() + 10 * DAY_MS) });

      // When the same material is imported again with a later ValidTo
      const later = new Date(START.getTime() + 100 * DAY_MS);
      importTestMaterial(sandbox, key, material, { ValidTo: later });

      // Then the key survives the first date and expires on the second
      expect(describeTestKey(sandbox, key.keyId).ValidTo).toEqual(later);
      sandbox.advanceClock(50 * DAY_MS);
      expect(stateOf(sandbox, key)).toBe('Enabled');
      sandbox.advanceClock(50 * DAY_MS);
      expect(stateOf(sandbox, key)).toBe('PendingImport');
      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toHaveLength(1);
    });

    it('stops expiry when the same material is imported again with KEY_MATERIAL_DOES_NOT_EXPIRE', () => {
      const sandbox = rotationSandbox();
      const material = newKeyMaterial();
      const key = createExternalKey(sandbox);
      importTestMaterial(sandbox, key, material, { ValidTo: new Date(START.getTime() + 10 * DAY_MS) });

      importTestMaterial(sandbox, key, material, { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
      sandbox.advanceClock(400 * DAY_MS);

      expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
      expect(describeTestKey(sandbox, key.keyId).ValidTo).toBeUndefined();
    });
  });

  describe('re-import', () => {
    it('restores an expired key with the same material (EXISTING_KEY_MATERIAL by default): the old ciphertext decrypts again', () => {
      // Given a ciphertext made under imported material that then expired
      const sandbox = rotationSandbox();
      const { key, material, keyMaterialId } = createImportedKey(sandbox, { ValidTo: new Date(START.getTime() + 10 * DAY_MS) });
      const before = encryptUnder(sandbox, key);
      sandbox.advanceClock(10 * DAY_MS);
      expectKmsError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: before.ciphertext }), 'KMSInvalidStateException', 'pending import');

      // When the same material is imported again
      const output = importTestMaterial(sandbox, key, material);

      // Then the key is Enabled with the same material id, and the ciphertext decrypts
      expect(output.KeyMaterialId).toBe(keyMaterialId);
      expect(stateOf(sandbox, key)).toBe('Enabled');
      const decrypted = decryptBlob(sandbox, before.ciphertext);
      expect(Buffer.from(decrypted.Plaintext).equals(before.plaintext)).toBe(true);
      expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toEqual([expect.objectContaining({ KeyMaterialId: keyMaterialId, ImportState: 'IMPORTED', KeyMaterialState: 'CURRENT' })]);
    });

    it('fails with IncorrectKeyMaterialException for different material, and the key stays pending import', () => {
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox, { ValidTo: new Date(START.getTime() + DAY_MS) });
      sandbox.advanceClock(DAY_MS);

      const outcome = tryImport(sandbox, key, newKeyMaterial());

      expectKmsError(outcome, 'IncorrectKeyMaterialException');
      expect(stateOf(sandbox, key)).toBe('PendingImport');
    });

    it('fails with IncorrectKeyMaterialException for different material into an Enabled key, whose material stays current', () => {
      const sandbox = rotationSandbox();
      const { key, keyMaterialId } = createImportedKey(sandbox);

      expectKmsError(tryImport(sandbox, key, newKeyMaterial(), { ImportType: 'EXISTING_KEY_MATERIAL' }), 'IncorrectKeyMaterialException');

      expect(currentKeyMaterialId(sandbox, key)).toBe(keyMaterialId);
    });

    it('fails with IncorrectKeyMaterialException when KeyMaterialId names other material', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox);

      const outcome = tryImport(sandbox, key, material, { KeyMaterialId: 'a'.repeat(64) });

      expectKmsError(outcome, 'IncorrectKeyMaterialException', 'a'.repeat(64));
    });

    it('accepts a KeyMaterialId that names the material being re-imported', () => {
      const sandbox = rotationSandbox();
      const { key, material, keyMaterialId } = createImportedKey(sandbox);

      expect(importTestMaterial(sandbox, key, material, { KeyMaterialId: keyMaterialId }).KeyMaterialId).toBe(keyMaterialId);
    });

    it('keeps a Disabled key Disabled when its material is imported again', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox);
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      importTestMaterial(sandbox, key, material);

      expect(stateOf(sandbox, key)).toBe('Disabled');
    });
  });

  describe('NEW_KEY_MATERIAL', () => {
    it('adds material in PENDING_ROTATION without changing the current material', () => {
      const sandbox = rotationSandbox();
      const { key, keyMaterialId } = createImportedKey(sandbox);

      const { KeyMaterialId: next } = importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });

      expect(next).not.toBe(keyMaterialId);
      expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL').map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState])).toEqual([
        [keyMaterialId, 'CURRENT', 'IMPORTED'],
        [next, 'PENDING_ROTATION', 'IMPORTED'],
      ]);
      expect(currentKeyMaterialId(sandbox, key)).toBe(keyMaterialId);
      expect(encryptUnder(sandbox, key).keyMaterialId).toBe(keyMaterialId);
    });

    it('refuses material the key already has with IncorrectKeyMaterialException', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox);

      expectKmsError(tryImport(sandbox, key, material, { ImportType: 'NEW_KEY_MATERIAL' }), 'IncorrectKeyMaterialException', 'EXISTING_KEY_MATERIAL');
    });

    it('refuses a second new material while one is pending rotation', () => {
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox);
      importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });

      expectKmsError(tryImport(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' }), 'IncorrectKeyMaterialException', 'PENDING_ROTATION');

      expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toHaveLength(2);
    });

    it('makes the first import of a key current, whatever its ImportType', () => {
      const sandbox = rotationSandbox();
      const key = createExternalKey(sandbox);

      const { KeyMaterialId } = importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });

      expect(currentKeyMaterialId(sandbox, key)).toBe(KeyMaterialId);
      expect(stateOf(sandbox, key)).toBe('Enabled');
    });
  });

  it('refuses a key whose material KMS generated with UnsupportedOperationException', () => {
    const sandbox = rotationSandbox();
    const external = createExternalKey(sandbox);
    const key = createTestKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, external);

    const outcome = importWith(sandbox, {
      KeyId: key.keyId,
      ImportToken,
      EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });

    expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe(`${key.arn} origin is AWS_KMS which is not valid for this operation.`);
  });

  it('fails with KMSInvalidStateException on a key pending deletion', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, key);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = importWith(sandbox, {
      KeyId: key.keyId,
      ImportToken,
      EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('records the call with the key material id, and without the token or wrapped material', () => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    const { PublicKey, ImportToken } = importParameters(sandbox, key);
    const EncryptedKeyMaterial = wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial());

    const { KeyMaterialId } = expectOk(importWith(sandbox, { KeyId: key.keyId, ImportToken, EncryptedKeyMaterial, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({
      eventName: 'ImportKeyMaterial',
      readOnly: false,
      requestParameters: { keyId: key.keyId, expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' },
      responseElements: { keyId: key.arn, keyMaterialId: KeyMaterialId },
      additionalEventData: { keyMaterialId: KeyMaterialId },
      resources: [{ ARN: key.arn }],
    });
    const json = JSON.stringify(record);
    expect(json).not.toContain(Buffer.from(EncryptedKeyMaterial).toString('base64').slice(0, 40));
    expect(json).not.toContain(Buffer.from(ImportToken).toString('base64').slice(0, 40));
  });

  it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
    const sandbox = rotationSandbox();
    const key = createExternalKey(sandbox);
    createTestAlias(sandbox, key, 'alias/imported');
    const keyId = keyReference(key, form, 'alias/imported');
    const { PublicKey, ImportToken } = importParameters(sandbox, key);

    const outcome = importWith(sandbox, { KeyId: keyId, ImportToken, EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', newKeyMaterial()) });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid keyId '${keyId}'`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const sandbox = rotationSandbox();

    const outcome = importWith(sandbox, { KeyId: UNKNOWN_KEY_ID, ImportToken: randomBytes(96), EncryptedKeyMaterial: randomBytes(256), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });

    expectKmsError(outcome, 'NotFoundException', UNKNOWN_KEY_ID);
  });
});
