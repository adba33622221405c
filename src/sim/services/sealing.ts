import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Bytes sealed with AES-256-GCM: the IV, the ciphertext and the tag. */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/**
 * How the simulated services encrypt their data under a data key from KMS (envelope encryption):
 * AES-256-GCM with a fresh 96-bit IV, the AAD binding the bytes to where they belong (a volume
 * id and block, an object ARN, a parameter ARN).
 */
export function seal(key: Uint8Array, plaintext: Uint8Array | string, aad: Uint8Array | string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  const ciphertext = Buffer.concat([typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Opens what `seal` made; throws when the key, the AAD or any byte differs. */
export function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array | string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
