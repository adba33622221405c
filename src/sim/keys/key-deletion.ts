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

/** Cancels a scheduled deletion's timer. */
export function cancelDeletion(core: SimCore, key: KmsKey): void {
  if (key.deletion) core.clock.cancel(key.deletion.timerId);
  key.deletion = undefined;
}

function deleteKeyNow(core: SimCore, region: RegionState, key: KmsKey): void {
  for (const alias of region.aliasesOf(key.keyId)) region.aliases.delete(alias.aliasName);
  region.hsm.destroyKeyMaterial(key.keyId);
  region.keys.delete(key.keyId);
  key.stop();
  core.recordServiceEvent('DeleteKey', key);
  core.emitEvent('KMS CMK Deletion', key, { 'key-id': key.keyId });
}
