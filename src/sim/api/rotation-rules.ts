import { KmsError } from '../errors.js';
import type { KmsKey } from '../keys/kms-key.js';

/** The most on-demand rotations one key can have; not adjustable. */
export const MAX_ON_DEMAND_ROTATIONS = 25;

/**
 * Refuses keys that cannot rotate: only symmetric encryption keys rotate (asymmetric and HMAC
 * keys rotate manually, by a new key and a moved alias).
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
export function assertRotatableSpec(key: KmsKey): void {
  // AWS answers with no message (measured against AWS by the floci project's integration tests).
  if (!rotatableSpec(key)) throw new KmsError('UnsupportedOperationException', '');
}

/** Whether a key's spec rotates: only symmetric encryption keys do. */
export function rotatableSpec(key: KmsKey): boolean {
  return key.keySpec === 'SYMMETRIC_DEFAULT';
}

/** Refuses automatic-rotation settings on keys with imported material ([6]/[7] of the key state table). */
export function assertNotExternal(key: KmsKey): void {
  if (key.origin === 'EXTERNAL') throw new KmsError('UnsupportedOperationException', `${key.arn} origin is EXTERNAL which is not valid for this operation.`);
}

/**
 * Rotation is a shared property of a multi-Region key, set and triggered on its primary.
 * Fidelity: AWS's message for this refusal is not documented.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-update.html
 */
export function assertNotReplica(key: KmsKey, operation: string): void {
  const set = key.multiRegionSet;
  if (set && !set.isPrimary(key.region))
    throw new KmsError('UnsupportedOperationException', `${key.arn} is a multi-Region replica key: call ${operation} on its primary key in ${set.primaryRegion}; rotation is shared by every key of the set.`);
}

/** AWS managed keys rotate yearly on their own: their rotation cannot be changed. */
export function assertCustomerManaged(key: KmsKey, operation: string): void {
  // AWS documents that the rotation of AWS managed keys (yearly) cannot be enabled, disabled,
  // changed or triggered on demand.
  if (key.keyManager === 'AWS')
    throw new KmsError('UnsupportedOperationException', `${key.arn} is an AWS managed key: ${operation} is not supported on AWS managed keys, whose rotation AWS manages.`);
}
