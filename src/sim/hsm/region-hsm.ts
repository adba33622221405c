import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KmsError } from '../errors.js';
import { decodeCiphertext, encodeHeader, IV_BYTES, type CiphertextHeader } from './ciphertext-format.js';
import { canonicalContextAad, type EncryptionContext } from './encryption-context.js';

/** What a successful HSM decryption yields. */
export interface HsmDecryption {
  readonly keyId: string;
  readonly keyMaterialId: string;
  readonly plaintext: Buffer;
}

/**
 * Key material by HSM, then key id, then key material id. Module-private so that no
 * property of an HSM object ever holds (or serialises to) key material.
 */
const vaults = new WeakMap<RegionHsm, Map<string, Map<string, Buffer>>>();

/**
 * The simulated HSM fleet of one Region. Key material is generated inside it, lives only in
 * its memory and never leaves it: callers get ciphertext, plaintext they supplied, or ids.
 */
export class RegionHsm {
  readonly #current = new Map<string, string>();

  constructor(readonly region: string) {
    vaults.set(this, new Map());
  }

  /** Generates a new 256-bit key material version for a key, makes it current, returns its id. */
  generateKeyMaterial(keyId: string): string {
    const keyMaterialId = randomBytes(32).toString('hex');
    let versions = this.#vault().get(keyId);
    if (!versions) this.#vault().set(keyId, (versions = new Map()));
    versions.set(keyMaterialId, randomBytes(32));
    this.#current.set(keyId, keyMaterialId);
    return keyMaterialId;
  }

  /** The id of the key material that new encryptions under this key use. */
  currentKeyMaterialId(keyId: string): string | undefined {
    return this.#current.get(keyId);
  }

  /** The ids of every key material version the HSM holds for a key, oldest first. */
  keyMaterialIds(keyId: string): readonly string[] {
    return [...(this.#vault().get(keyId)?.keys() ?? [])];
  }

  /** Encrypts under the key's current material with a fresh IV; returns the ciphertext blob. */
  encrypt(keyId: string, plaintext: Uint8Array, context: EncryptionContext | undefined): Buffer {
    const keyMaterialId = this.#current.get(keyId);
    const material = keyMaterialId && this.#vault().get(keyId)?.get(keyMaterialId);
    if (!keyMaterialId || !material) throw missingMaterial();
    const iv = randomBytes(IV_BYTES);
    const header = encodeHeader(keyId, keyMaterialId, iv);
    const cipher = createCipheriv('aes-256-gcm', material, iv);
    cipher.setAAD(Buffer.concat([header, canonicalContextAad(context)]));
    const body = cipher.update(plaintext);
    const final = cipher.final();
    return Buffer.concat([header, body, final, cipher.getAuthTag()]);
  }

  /**
   * Decrypts a parsed blob with the material version its header names.
   * Any tampering, or a missing or different context, is InvalidCiphertextException.
   */
  decrypt(header: CiphertextHeader, context: EncryptionContext | undefined): HsmDecryption {
    const material = this.#vault().get(header.keyId)?.get(header.keyMaterialId);
    if (!material) throw invalidCiphertext();
    try {
      const decipher = createDecipheriv('aes-256-gcm', material, header.iv);
      decipher.setAAD(Buffer.concat([header.bytes, canonicalContextAad(context)]));
      decipher.setAuthTag(header.tag);
      const plaintext = Buffer.concat([decipher.update(header.body), decipher.final()]);
      return { keyId: header.keyId, keyMaterialId: header.keyMaterialId, plaintext };
    } catch {
      throw invalidCiphertext();
    }
  }

  /** Destroys every material version of a key (the end of a deletion window). */
  destroyKeyMaterial(keyId: string): void {
    this.#vault().get(keyId)?.forEach((material) => material.fill(0));
    this.#vault().delete(keyId);
    this.#current.delete(keyId);
  }

  #vault(): Map<string, Map<string, Buffer>> {
    const vault = vaults.get(this);
    if (!vault) throw new Error('HSM vault missing');
    return vault;
  }
}

/** Parses a blob, or fails with AWS's InvalidCiphertextException. */
export function parseCiphertext(blob: Uint8Array): CiphertextHeader {
  const header = decodeCiphertext(blob);
  if (!header) throw invalidCiphertext();
  return header;
}

/**
 * Copies of every key material version an HSM holds, for the leak test only: it searches
 * files and records for these bytes. Nothing in src/ calls this.
 */
export function copyKeyMaterialForLeakTest(hsm: RegionHsm): Buffer[] {
  const out: Buffer[] = [];
  vaults.get(hsm)?.forEach((versions) => versions.forEach((m) => out.push(Buffer.from(m))));
  return out;
}

function invalidCiphertext(): KmsError {
  // Fidelity: AWS returns InvalidCiphertextException with an empty message; so do we.
  return new KmsError('InvalidCiphertextException', '');
}

function missingMaterial(): KmsError {
  return new KmsError('KMSInternalException', 'The key has no key material in this Region.');
}
