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
  if (key.keySpec !== 'SYMMETRIC_DEFAULT')
    throw new KmsError('UnsupportedOperationException', `${key.arn} key spec ${key.keySpec} does not support rotation. Only symmetric encryption keys rotate.`);
}

/** Refuses automatic-rotation settings on keys with imported material ([6]/[7] of the key state table). */
export function assertNotExternal(key: KmsKey): void {
  if (key.origin === 'EXTERNAL') throw new KmsError('UnsupportedOperationException', `${key.arn} origin is EXTERNAL which is not valid for this operation.`);
}

/** AWS managed keys rotate yearly on their own: their rotation cannot be changed. */
export function assertCustomerManaged(key: KmsKey, operation: string): void {
  // AWS documents that the rotation of AWS managed keys (yearly) cannot be enabled, disabled,
  // changed or triggered on demand.
  if (key.keyManager === 'AWS')
    throw new KmsError('UnsupportedOperationException', `${key.arn} is an AWS managed key: ${operation} is not supported on AWS managed keys, whose rotation AWS manages.`);
}
