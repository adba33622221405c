import { DAY_MS } from '../../lib/duration.js';
import type { SimCore } from '../core.js';
import type { RegionState } from '../regions/region-state.js';
import type { KmsKey, ScheduledDeletion } from './kms-key.js';

/**
 * Puts a deletion timer on the virtual clock. When it fires, the key, its aliases and its
 * key material are gone: KMS logs `DeleteKey` and emits `KMS CMK Deletion`.
 */
export function scheduleDeletion(core: SimCore, region: RegionState, key: KmsKey, pendingWindowInDays: number): ScheduledDeletion {
  const deletionDate = new Date(core.clock.nowMs + pendingWindowInDays * DAY_MS);
  const timerId = core.clock.schedule(deletionDate.getTime(), `DeleteKey ${key.keyId}`, () => deleteKeyNow(core, region, key));
  return { deletionDate, pendingWindowInDays, timerId };
}

/** Cancels a scheduled deletion's timer (or a primary's wait for its replicas). */
export function cancelDeletion(core: SimCore, key: KmsKey): void {
  if (key.deletion) core.clock.cancel(key.deletion.timerId);
  key.deletion = undefined;
  key.pendingReplicaDeletionDays = undefined;
}

function deleteKeyNow(core: SimCore, region: RegionState, key: KmsKey): void {
  for (const alias of region.aliasesOf(key.keyId)) region.aliases.delete(alias.aliasName);
  region.hsm.destroyKeyMaterial(key.keyId);
  region.keys.delete(key.keyId);
  key.stop();
  core.recordServiceEvent('DeleteKey', key);
  core.emitEvent('KMS CMK Deletion', key, { 'key-id': key.keyId });
  leaveMultiRegionSet(core, region, key);
}

/**
 * A deleted key leaves its multi-Region key set. When the last replica of a primary that waits in
 * PendingReplicaDeletion is gone, the primary's own waiting period starts (PendingDeletion).
 */
function leaveMultiRegionSet(core: SimCore, region: RegionState, key: KmsKey): void {
  const set = key.multiRegionSet;
  if (!set) return;
  set.regions.splice(set.regions.indexOf(region.name), 1);
  if (set.regions.length === 0) {
    core.multiRegionKeys.delete(set.keyId);
    return;
  }
  const primaryRegion = core.regions.get(set.primaryRegion);
  const primary = primaryRegion?.keys.get(set.keyId);
  const days = primary?.pendingReplicaDeletionDays;
  if (!primaryRegion || !primary || days === undefined || set.replicaRegions.length > 0) return;
  primary.send({ type: 'replicas.allDeleted' });
  primary.pendingReplicaDeletionDays = undefined;
  primary.deletion = scheduleDeletion(core, primaryRegion, primary, days);
}
