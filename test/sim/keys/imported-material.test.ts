import { describe, expect, it } from 'vitest';
import type { MetricDatum, Sandbox } from '../../../src/sim/index.js';
import { createExternalKey, createImportedKey, importTestMaterial, newKeyMaterial } from '../../helpers/key-import.js';
import { allRotations, decryptBlob, encryptUnder, eventsOf, rotationSandbox, serviceRecords, START } from '../../helpers/rotation.js';
import { createTestKey, DAY_MS, describeTestKey, expectKmsError, expectOk, REGION, scheduleTestKeyDeletion, type TestKey } from '../../helpers/sim.js';

/** The date `days` days after START. */
const day = (days: number): Date => new Date(START.getTime() + days * DAY_MS);

/** The SecondsUntilKeyMaterialExpiration datapoints of one key. */
function expiryDatums(sandbox: Sandbox, key: TestKey): MetricDatum[] {
  return sandbox.metrics.items.filter((d) => d.MetricName === 'SecondsUntilKeyMaterialExpiration' && d.Dimensions.some((x) => x.Value === key.keyId));
}

describe('imported key material', () => {
  describe('expiry', () => {
    it('deletes the material at ValidTo, not a millisecond before: PendingImport, the expiration event and a DeleteExpiredKeyMaterial record', () => {
      // Given imported material valid for 10 days
      const sandbox = rotationSandbox();
      const { key, keyMaterialId } = createImportedKey(sandbox, { ValidTo: day(10) });

      // When the clock reaches one millisecond before ValidTo, the key is still usable
      sandbox.advanceClock(10 * DAY_MS - 1);
      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toEqual([]);

      // When ValidTo arrives
      const { fired } = sandbox.advanceClock(1);

      // Then the material is gone and the key waits for it
      expect(fired).toEqual([`DeleteExpiredKeyMaterial ${key.keyId}`]);
      expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
      expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL')).toEqual([expect.objectContaining({ KeyMaterialId: keyMaterialId, ImportState: 'PENDING_IMPORT' })]);
      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toEqual([
        expect.objectContaining({
          source: 'aws.kms',
          account: sandbox.accountId,
          region: REGION,
          time: '2026-01-11T00:00:00Z',
          resources: [key.arn],
          detail: { 'key-id': key.keyId, 'key-material-id': keyMaterialId },
        }),
      ]);
      expect(serviceRecords(sandbox, 'DeleteExpiredKeyMaterial')).toEqual([
        expect.objectContaining({
          eventTime: day(10).toISOString().replace('.000Z', 'Z'),
          userIdentity: expect.objectContaining({ type: 'AWSService', invokedBy: 'kms.amazonaws.com' }),
          additionalEventData: { keyMaterialId },
          resources: [expect.objectContaining({ ARN: key.arn })],
        }),
      ]);
    });

    it('makes Encrypt fail with KMSInvalidStateException "pending import" until the same material is imported again', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox, { ValidTo: day(1) });
      const before = encryptUnder(sandbox, key);
      sandbox.advanceClock(DAY_MS);

      const outcome = sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from('after expiry') });

      expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending import.`);
      importTestMaterial(sandbox, key, material, { ValidTo: day(30) });
      expect(Buffer.from(decryptBlob(sandbox, before.ciphertext).Plaintext).equals(before.plaintext)).toBe(true);
    });

    it('puts the key in PendingImport when earlier (NON_CURRENT) material expires', () => {
      // Given a key rotated from expiring material to material that does not expire
      const sandbox = rotationSandbox();
      const { key, keyMaterialId: first } = createImportedKey(sandbox, { ValidTo: day(30) });
      importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL' });
      expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));

      // When the first material expires
      sandbox.advanceClock(30 * DAY_MS);

      // Then the whole key waits for it
      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration').map((e) => e.detail['key-material-id'])).toEqual([first]);
    });

    it('forgets expired material that was still pending rotation, leaving the key Enabled', () => {
      const sandbox = rotationSandbox();
      const { key, keyMaterialId } = createImportedKey(sandbox);
      importTestMaterial(sandbox, key, newKeyMaterial(), { ImportType: 'NEW_KEY_MATERIAL', ValidTo: day(5) });

      sandbox.advanceClock(5 * DAY_MS);

      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
      expect(allRotations(sandbox, key, 'ALL_KEY_MATERIAL').map((r) => r.KeyMaterialId)).toEqual([keyMaterialId]);
      expectKmsError(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }), 'UnsupportedOperationException');
    });

    it('leaves a key pending deletion in PendingDeletion, and cancelling the deletion leaves it PendingImport', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox, { ValidTo: day(3) });
      scheduleTestKeyDeletion(sandbox, key, 30);

      sandbox.advanceClock(5 * DAY_MS);

      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingDeletion');
      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toHaveLength(1);
      expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));
      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
      importTestMaterial(sandbox, key, material);
      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    });

    it('puts a Disabled key in PendingImport', () => {
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox, { ValidTo: day(3) });
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      sandbox.advanceClock(3 * DAY_MS);

      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
    });

    it('does nothing for a key deleted before its material would expire', () => {
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox, { ValidTo: day(20) });
      scheduleTestKeyDeletion(sandbox, key, 7);

      sandbox.advanceClock(30 * DAY_MS);

      expect(eventsOf(sandbox, 'KMS Imported Key Material Expiration')).toEqual([]);
      expect(serviceRecords(sandbox, 'DeleteExpiredKeyMaterial')).toEqual([]);
      expect(serviceRecords(sandbox, 'DeleteKey')).toHaveLength(1);
    });

    it('never expires KEY_MATERIAL_DOES_NOT_EXPIRE material', () => {
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox, { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });

      sandbox.advanceClock(3 * 365 * DAY_MS);

      expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
      expect(sandbox.clock.pending()).toEqual([]);
    });
  });

  describe('SecondsUntilKeyMaterialExpiration', () => {
    it('publishes the seconds left per KeyId in AWS/KMS, decreasing as the clock advances', () => {
      // Given material that expires in 30 days
      const sandbox = rotationSandbox();
      const { key } = createImportedKey(sandbox, { ValidTo: day(30) });

      // When the clock advances a day at a time
      for (let i = 0; i < 3; i++) sandbox.advanceClock(DAY_MS);

      // Then each datum is the time left at its timestamp
      const datums = expiryDatums(sandbox, key);
      expect(datums.map((d) => [d.Timestamp, d.Value])).toEqual([0, 1, 2, 3].map((n) => [day(n).toISOString(), (30 - n) * 86_400]));
      expect(datums.every((d) => d.Namespace === 'AWS/KMS' && d.Unit === 'Seconds' && d.Region === REGION)).toBe(true);
      expect(datums[0]?.Dimensions).toEqual([{ Name: 'KeyId', Value: key.keyId }]);
    });

    it('stops publishing once the material has expired, and starts again when it is re-imported', () => {
      const sandbox = rotationSandbox();
      const { key, material } = createImportedKey(sandbox, { ValidTo: day(2) });
      sandbox.advanceClock(DAY_MS);
      sandbox.advanceClock(DAY_MS);
      const atExpiry = expiryDatums(sandbox, key).length;

      sandbox.advanceClock(DAY_MS);
      expect(expiryDatums(sandbox, key)).toHaveLength(atExpiry);

      importTestMaterial(sandbox, key, material, { ValidTo: day(10) });
      expect(expiryDatums(sandbox, key).at(-1)?.Value).toBe(7 * 86_400);
    });

    it('is not published for material that does not expire, or for keys whose material KMS generated', () => {
      const sandbox = rotationSandbox();
      createImportedKey(sandbox);
      createTestKey(sandbox);
      createExternalKey(sandbox);

      sandbox.advanceClock(DAY_MS);

      expect(sandbox.metrics.items.filter((d) => d.MetricName === 'SecondsUntilKeyMaterialExpiration')).toEqual([]);
    });
  });

  it('never writes imported key material to the audit trail, metrics or events', () => {
    // Given a sandbox that has imported, used, rotated, expired, re-imported and deleted material
    const sandbox = rotationSandbox();
    const first = newKeyMaterial();
    const second = newKeyMaterial();
    const key = createExternalKey(sandbox);
    importTestMaterial(sandbox, key, first, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', ValidTo: day(10) });
    const { ciphertext } = encryptUnder(sandbox, key);
    importTestMaterial(sandbox, key, second, { algorithm: 'RSAES_OAEP_SHA_1', ImportType: 'NEW_KEY_MATERIAL' });
    expectOk(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }));
    sandbox.advanceClock(10 * DAY_MS);
    importTestMaterial(sandbox, key, first, { algorithm: 'RSA_AES_KEY_WRAP_SHA_1', ValidTo: day(20) });
    decryptBlob(sandbox, ciphertext);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', { KeyId: key.keyId }));
    sandbox.advanceClock(DAY_MS);

    // Then no stream, in any common encoding, holds either material
    const streams = [sandbox.audit.toJsonLines(), sandbox.metrics.toJsonLines(), sandbox.events.toJsonLines(), JSON.stringify(sandbox.keys())].join('\n');
    expect(streams).toContain(key.keyId);
    for (const material of [first, second]) {
      for (const encoded of [material.toString('hex'), material.toString('base64'), material.toString('base64url'), [...material].join(',')]) {
        expect(streams).not.toContain(encoded);
      }
    }
  });
});
