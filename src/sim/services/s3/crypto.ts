import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SealedBody } from './state.js';

/** AES-256-GCM under `key`, with a fresh 96-bit IV; `aad` binds the bytes to where they belong. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): SealedBody {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Opens what `seal` made; throws when the key, the AAD or any byte differs. */
export function open(key: Uint8Array, sealed: SealedBody, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

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
