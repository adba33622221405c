import { hkdfSync } from 'node:crypto';

export { open, seal } from '../sealing.js';

/**
 * The per-object key S3 derives locally from a Bucket Key: HKDF-SHA256 over the bucket key, a
 * random per-object salt and the object's ARN.
 */
// Fidelity: AWS does not publish how S3 derives object keys from a Bucket Key; HKDF is a sound
// stand-in with the documented property (one KMS call serves many objects, each with its own key).
export function deriveObjectKey(bucketKey: Uint8Array, salt: Uint8Array, objectArn: string): Buffer {
  return Buffer.from(hkdfSync('sha256', bucketKey, salt, Buffer.from(`aws:s3:arn=${objectArn}`, 'utf8'), 32));
}

/** Overwrites key bytes once they are no longer needed. */
export function wipe(...keys: (Uint8Array | undefined)[]): void {
  for (const key of keys) key?.fill(0);
}
