import { assert } from '../../lib/assert.js';
import type { SimCore } from '../core.js';
import { replicateKeyMaterial } from '../hsm/region-hsm.js';
import type { RegionState } from '../regions/region-state.js';
import type { RotationType } from './key-material.js';
import type { KmsKey } from './kms-key.js';

/**
 * Rotates a key's material: AWS_KMS keys get new material generated in the HSM; EXTERNAL keys
 * make their PENDING_ROTATION imported material current. The previous material stays to decrypt.
 * KMS logs `RotateKey` and emits `KMS CMK Rotation`.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
export function rotateKeyMaterial(core: SimCore, region: RegionState, key: KmsKey, type: RotationType): string {
  const previous = key.currentMaterial;
  let keyMaterialId: string;
  if (key.origin === 'EXTERNAL') {
    const pending = key.materials.find((m) => m.state === 'PENDING_ROTATION');
    assert(pending, 'rotating an imported key needs material in PENDING_ROTATION');
    region.hsm.makeCurrent(key.keyId, pending.keyMaterialId);
    pending.state = 'CURRENT';
    pending.rotationDate = core.clock.now();
    pending.rotationType = type;
    keyMaterialId = pending.keyMaterialId;
  } else {
    keyMaterialId = region.hsm.generateKeyMaterial(key.keyId);
    key.materials.push({ keyMaterialId, state: 'CURRENT', rotationDate: core.clock.now(), rotationType: type });
  }
  if (previous) previous.state = 'NON_CURRENT';
  syncReplicas(core, region, key, keyMaterialId);
  core.recordServiceEvent('RotateKey', key, { keyMaterialId, rotationType: type });
  core.emitEvent('KMS CMK Rotation', key, {
    'key-id': key.keyId,
    'rotation-type': type,
    'key-origin': key.origin,
    'previous-key-material-id': previous?.keyMaterialId ?? '',
    'current-key-material-id': keyMaterialId,
  });
  return keyMaterialId;
}

/**
 * Rotation is a shared property of a multi-Region key: the primary rotates, and its new material
 * becomes current in every replica too (key material records included).
 */
function syncReplicas(core: SimCore, region: RegionState, key: KmsKey, keyMaterialId: string): void {
  const set = key.multiRegionSet;
  if (!set?.isPrimary(region.name)) return;
  const record = key.materials.find((m) => m.keyMaterialId === keyMaterialId);
  for (const name of set.replicaRegions) {
    const replicaRegion = core.regions.get(name);
    const replica = replicaRegion?.keys.get(key.keyId);
    if (!replicaRegion || !replica || !record) continue;
    if (!replicaRegion.hsm.hasKeyMaterial(key.keyId, keyMaterialId))
      replicateKeyMaterial(region.hsm, replicaRegion.hsm, key.keyId, { only: keyMaterialId, makeCurrent: false });
    replicaRegion.hsm.makeCurrent(key.keyId, keyMaterialId);
    for (const m of replica.materials) if (m.state === 'CURRENT') m.state = 'NON_CURRENT';
    const existing = replica.materials.find((m) => m.keyMaterialId === keyMaterialId);
    if (existing) Object.assign(existing, { ...record });
    else replica.materials.push({ ...record });
  }
}

/**
 * What a key does when its automatic rotation falls due: an Enabled key rotates now; any other
 * key waits (rotation resumes when it is enabled again).
 */
export function automaticRotation(core: SimCore, region: RegionState): (key: KmsKey) => void {
  return (key) => {
    if (key.state !== 'Enabled' || !region.keys.has(key.keyId)) return;
    rotateKeyMaterial(core, region, key, 'AUTOMATIC');
    key.rotationDone();
  };
}
