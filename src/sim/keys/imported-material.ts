import type { SimCore } from '../core.js';
import type { RegionState } from '../regions/region-state.js';
import type { KeyMaterialRecord } from './key-material.js';
import type { KmsKey } from './kms-key.js';

/**
 * Schedules the expiry of imported key material on the virtual clock: at ValidTo KMS deletes
 * the material (CloudTrail `DeleteExpiredKeyMaterial`), the key goes to PendingImport and
 * EventBridge gets `KMS Imported Key Material Expiration`.
 */
export function scheduleMaterialExpiry(core: SimCore, region: RegionState, key: KmsKey, record: KeyMaterialRecord): void {
  if (record.expiryTimerId !== undefined) core.clock.cancel(record.expiryTimerId);
  record.expiryTimerId = undefined;
  if (record.expirationModel !== 'KEY_MATERIAL_EXPIRES' || !record.validTo) return;
  record.expiryTimerId = core.clock.schedule(record.validTo.getTime(), `DeleteExpiredKeyMaterial ${key.keyId}`, () => {
    record.expiryTimerId = undefined;
    if (!region.keys.has(key.keyId)) return;
    removeImportedMaterial(core, region, key, record);
    core.recordServiceEvent('DeleteExpiredKeyMaterial', key, { keyMaterialId: record.keyMaterialId });
    core.emitEvent('KMS Imported Key Material Expiration', key, { 'key-id': key.keyId, 'key-material-id': record.keyMaterialId });
  });
}

/**
 * Deletes imported key material from the HSM. Material that was current or previous leaves its
 * record (PENDING_IMPORT: only the same material can come back) and puts the key in PendingImport,
 * unless it is pending deletion; material still pending rotation is simply forgotten.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
 */
export function removeImportedMaterial(core: SimCore, region: RegionState, key: KmsKey, record: KeyMaterialRecord): void {
  if (record.expiryTimerId !== undefined) core.clock.cancel(record.expiryTimerId);
  record.expiryTimerId = undefined;
  region.hsm.destroyOneKeyMaterial(key.keyId, record.keyMaterialId);
  if (record.state === 'PENDING_ROTATION') {
    key.materials.splice(key.materials.indexOf(record), 1);
    return;
  }
  record.importState = 'PENDING_IMPORT';
  if (key.can({ type: 'material.deleted' })) key.send({ type: 'material.deleted' });
}

/** Seconds until each imported key's current material expires: the `SecondsUntilKeyMaterialExpiration` metric. */
export function recordMaterialExpiryMetrics(core: SimCore): void {
  const now = core.clock.nowMs;
  const timestamp = new Date(now).toISOString();
  for (const region of core.regions.values()) {
    for (const key of region.keys.values()) {
      const current = key.currentMaterial;
      if (key.origin !== 'EXTERNAL' || current?.importState !== 'IMPORTED' || !current.validTo) continue;
      core.metrics.append({
        Namespace: 'AWS/KMS',
        MetricName: 'SecondsUntilKeyMaterialExpiration',
        Dimensions: [{ Name: 'KeyId', Value: key.keyId }],
        Timestamp: timestamp,
        Value: Math.max(0, Math.round((current.validTo.getTime() - now) / 1000)),
        Unit: 'Seconds',
        Region: region.name,
      });
    }
  }
}
