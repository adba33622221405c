import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomFillSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { KmsError } from '../errors.js';
import { macHash, type KeyGeneration, type MacAlgorithm, type MessageType, type SigningAlgorithm } from '../keys/key-specs.js';
import {
  ecdh,
  generateKeyPair,
  oaepDecrypt,
  oaepEncrypt,
  generateMlDsaKeyPair,
  isMlDsa,
  pkcs8Der,
  signMessage,
  spkiDer,
  verifySignature,
  type AsymmetricKeys,
  type KeyPair,
} from './asymmetric-crypto.js';
import { decodeCiphertext, encodeHeaderPrefix, IV_BYTES, type CiphertextHeader } from './ciphertext-format.js';
import { canonicalContextAad, type EncryptionContext } from './encryption-context.js';

/** What a successful HSM decryption yields. */
export interface HsmDecryption {
  readonly keyId: string;
  readonly keyMaterialId: string;
  readonly plaintext: Buffer;
}

/** One version of a key's material: secret bytes (AES, HMAC) or an asymmetric key pair. */
type Material = Buffer | AsymmetricKeys;

/**
 * Key material by HSM, then key id, then key material id. Module-private so that no
 * property of an HSM object ever holds (or serialises to) key material.
 */
const vaults = new WeakMap<RegionHsm, Map<string, Map<string, Material>>>();

const AES_256: KeyGeneration = { type: 'aes', bytes: 32 };

/**
 * The simulated HSM fleet of one Region. Key material is generated inside it, lives only in
 * its memory and never leaves it: callers get ciphertext, plaintext they supplied, or ids.
 */
export class RegionHsm {
  readonly #current = new Map<string, string>();
  readonly #headerPrefixes = new Map<string, { readonly keyMaterialId: string; readonly prefix: Buffer }>();

  constructor(readonly region: string) {
    vaults.set(this, new Map());
  }

  /**
   * Generates a new key material version for a key (256-bit AES by default, or what its key spec
   * needs: HMAC bytes, an RSA, EC or Ed25519 key pair), makes it current, returns its id.
   */
  generateKeyMaterial(keyId: string, generation: KeyGeneration = AES_256): string {
    const keyMaterialId = randomBytes(32).toString('hex');
    let versions = this.#vault().get(keyId);
    if (!versions) this.#vault().set(keyId, (versions = new Map()));
    versions.set(keyMaterialId, newMaterial(generation));
    this.#current.set(keyId, keyMaterialId);
    return keyMaterialId;
  }

  /**
   * Stores imported key material for a key; returns its KeyMaterialId, which is derived from the
   * material and the key (so the same material always has the same id, and re-imports can be
   * recognised after the material was deleted). With `makeCurrent` it becomes the material of
   * new encryptions; otherwise it waits (PENDING_ROTATION) for `makeCurrent`.
   */
  storeImportedKeyMaterial(keyId: string, material: Uint8Array, makeCurrent: boolean): string {
    const keyMaterialId = importedKeyMaterialId(keyId, material);
    let versions = this.#vault().get(keyId);
    if (!versions) this.#vault().set(keyId, (versions = new Map()));
    versions.set(keyMaterialId, Buffer.from(material));
    if (makeCurrent) this.#current.set(keyId, keyMaterialId);
    return keyMaterialId;
  }

  /** Makes a key material version the current one (a rotation). */
  makeCurrent(keyId: string, keyMaterialId: string): void {
    if (!this.#vault().get(keyId)?.has(keyMaterialId)) throw missingMaterial();
    this.#current.set(keyId, keyMaterialId);
  }

  /** Tells whether the HSM holds a key material version. */
  hasKeyMaterial(keyId: string, keyMaterialId: string): boolean {
    return this.#vault().get(keyId)?.has(keyMaterialId) ?? false;
  }

  /** Destroys one key material version (imported material deleted or expired). */
  destroyOneKeyMaterial(keyId: string, keyMaterialId: string): void {
    const versions = this.#vault().get(keyId);
    const material = versions?.get(keyMaterialId);
    if (material) wipe(material);
    versions?.delete(keyMaterialId);
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
    if (!keyMaterialId || !(material instanceof Buffer)) throw missingMaterial();
    // The AAD is the header (prefix and a fresh IV) followed by the canonical context, built in
    // one buffer; the blob is the header, the ciphertext and the tag, copied into another.
    const prefix = this.#headerPrefix(keyId, keyMaterialId);
    const headerLength = prefix.length + IV_BYTES;
    const aad = canonicalContextAad(context, headerLength);
    aad.set(prefix, 0);
    takeIv(aad, prefix.length);
    const cipher = createCipheriv('aes-256-gcm', material, aad.subarray(prefix.length, headerLength));
    cipher.setAAD(aad);
    const body = cipher.update(plaintext);
    const final = cipher.final();
    const tag = cipher.getAuthTag();
    const blob = Buffer.allocUnsafe(headerLength + body.length + final.length + tag.length);
    for (let i = 0; i < headerLength; i += 1) blob[i] = aad[i] as number;
    blob.set(body, headerLength);
    if (final.length > 0) blob.set(final, headerLength + body.length);
    blob.set(tag, headerLength + body.length + final.length);
    return blob;
  }

  /** The header bytes before the IV for a key's material version (kept per key: they never change). */
  #headerPrefix(keyId: string, keyMaterialId: string): Buffer {
    let cached = this.#headerPrefixes.get(keyId);
    if (cached?.keyMaterialId !== keyMaterialId) this.#headerPrefixes.set(keyId, (cached = { keyMaterialId, prefix: encodeHeaderPrefix(keyId, keyMaterialId) }));
    return cached.prefix;
  }

  /**
   * Decrypts a parsed blob with the material version its header names.
   * Any tampering, or a missing or different context, is InvalidCiphertextException.
   */
  decrypt(header: CiphertextHeader, context: EncryptionContext | undefined): HsmDecryption {
    const material = this.#vault().get(header.keyId)?.get(header.keyMaterialId);
    if (!(material instanceof Buffer)) throw invalidCiphertext();
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

  /** The public key of an asymmetric key, as DER SubjectPublicKeyInfo. */
  publicKey(keyId: string): Buffer {
    return spkiDer(this.#asymmetric(keyId));
  }

  /** RSAES-OAEP encryption with an RSA key's public key (raw RSA ciphertext, as AWS returns). */
  rsaEncrypt(keyId: string, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256', plaintext: Uint8Array): Buffer {
    return oaepEncrypt(this.#keyPair(keyId).publicKey, algorithm, plaintext);
  }

  /** RSAES-OAEP decryption; anything that does not decrypt is InvalidCiphertextException. */
  rsaDecrypt(keyId: string, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256', ciphertext: Uint8Array): Buffer {
    const plaintext = oaepDecrypt(this.#keyPair(keyId).privateKey, algorithm, ciphertext);
    if (!plaintext) throw invalidCiphertext();
    return plaintext;
  }

  /** Signs a message or digest with an asymmetric key's private key. */
  sign(keyId: string, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
    return signMessage(this.#asymmetric(keyId), algorithm, message, messageType);
  }

  /** Verifies a signature with an asymmetric key's public key. */
  verify(keyId: string, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
    const keys = this.#asymmetric(keyId);
    return verifySignature(isMlDsa(keys) ? keys : keys.publicKey, algorithm, message, messageType, signature);
  }

  /** ECDH between a key agreement key's private key and a peer's public key. */
  deriveSharedSecret(keyId: string, peer: KeyObject): Buffer {
    return ecdh(this.#keyPair(keyId).privateKey, peer);
  }

  /** An HMAC (RFC 2104) of a message with an HMAC key's current material. */
  mac(keyId: string, algorithm: MacAlgorithm, message: Uint8Array): Buffer {
    return createHmac(macHash(algorithm), this.#secret(keyId)).update(message).digest();
  }

  /** Checks a MAC in constant time. */
  verifyMac(keyId: string, algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): boolean {
    const expected = this.mac(keyId, algorithm, message);
    return expected.length === mac.length && timingSafeEqual(expected, mac);
  }

  /**
   * A fresh data key pair (GenerateDataKeyPair): the private key as DER PKCS #8 and the public key
   * as DER SubjectPublicKeyInfo. KMS keeps neither; the caller encrypts the private key at once.
   */
  generateDataKeyPair(generation: KeyGeneration): { readonly privateKey: Buffer; readonly publicKey: Buffer } {
    const pair = generateKeyPair(generation);
    return { privateKey: pkcs8Der(pair.privateKey), publicKey: spkiDer(pair) };
  }

  /** Destroys every material version of a key (the end of a deletion window). */
  destroyKeyMaterial(keyId: string): void {
    this.#vault().get(keyId)?.forEach(wipe);
    this.#vault().delete(keyId);
    this.#current.delete(keyId);
    this.#headerPrefixes.delete(keyId);
  }

  /** The current material of a key, which must be an asymmetric key pair. */
  #asymmetric(keyId: string): AsymmetricKeys {
    const material = this.#currentMaterial(keyId);
    if (!isKeyPair(material)) throw missingMaterial();
    return material;
  }

  /** The current material of a key, which must be an RSA, EC or Ed25519 key pair. */
  #keyPair(keyId: string): KeyPair {
    const material = this.#asymmetric(keyId);
    if (isMlDsa(material)) throw missingMaterial();
    return material;
  }

  /** The current material of a key, which must be secret bytes. */
  #secret(keyId: string): Buffer {
    const material = this.#currentMaterial(keyId);
    if (!(material instanceof Buffer)) throw missingMaterial();
    return material;
  }

  #currentMaterial(keyId: string): Material {
    const keyMaterialId = this.#current.get(keyId);
    const material = keyMaterialId === undefined ? undefined : this.#vault().get(keyId)?.get(keyMaterialId);
    if (!material) throw missingMaterial();
    return material;
  }

  #vault(): Map<string, Map<string, Material>> {
    const vault = vaults.get(this);
    if (!vault) throw new Error('HSM vault missing');
    return vault;
  }
}

/**
 * IVs come from a pool of CSPRNG bytes, refilled with randomFillSync when spent: one call to
 * the generator per 341 IVs instead of one per encryption (randomBytes(12) costs several
 * microseconds, most of it per-call overhead). Each IV is still 12 fresh random bytes used
 * once; the pool is module-private and only ever holds IVs not yet handed out (they are public
 * in the blob's header once used). node:crypto's randomUUID pools its entropy the same way.
 */
const IV_POOL = Buffer.alloc(IV_BYTES * 341);
let ivPoolOffset = IV_POOL.length;

/** 12 fresh random bytes for one encryption (a copy: the pool is refilled in place). */
export function freshIv(): Buffer {
  const iv = Buffer.allocUnsafe(IV_BYTES);
  takeIv(iv, 0);
  return iv;
}

/** Writes 12 fresh random bytes into `target` at `offset`, and wipes them from the pool. */
function takeIv(target: Buffer, offset: number): void {
  if (ivPoolOffset + IV_BYTES > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivPoolOffset = 0;
  }
  for (let i = 0; i < IV_BYTES; i += 1) {
    target[offset + i] = IV_POOL[ivPoolOffset + i] as number;
    IV_POOL[ivPoolOffset + i] = 0;
  }
  ivPoolOffset += IV_BYTES;
}

/** Parses a blob, or fails with AWS's InvalidCiphertextException. */
export function parseCiphertext(blob: Uint8Array): CiphertextHeader {
  const header = decodeCiphertext(blob);
  if (!header) throw invalidCiphertext();
  return header;
}

/**
 * Replicates a multi-Region key's material from one Region's HSM to another's, as KMS does over
 * its protected channel between HSM fleets: every version (or one, after a rotation), with the
 * same key material ids; `makeCurrent` also moves the current version. The bytes go from one
 * module-private vault to the other and are never seen outside them.
 */
export function replicateKeyMaterial(from: RegionHsm, to: RegionHsm, keyId: string, options: { readonly only?: string; readonly makeCurrent: boolean }): void {
  const source = vaults.get(from)?.get(keyId);
  const target = vaults.get(to);
  if (!source || !target) throw missingMaterial();
  let versions = target.get(keyId);
  if (!versions) target.set(keyId, (versions = new Map()));
  for (const [keyMaterialId, material] of source) {
    if (options.only !== undefined && keyMaterialId !== options.only) continue;
    versions.set(keyMaterialId, copyMaterial(material));
  }
  const current = from.currentKeyMaterialId(keyId);
  if (options.makeCurrent && current !== undefined && versions.has(current)) to.makeCurrent(keyId, current);
}

/** A copy of material for another HSM (key objects are immutable and shared). */
function copyMaterial(material: Material): Material {
  if (!isKeyPair(material)) return Buffer.from(material);
  if (isMlDsa(material)) return { ...material, secretKey: Uint8Array.from(material.secretKey) };
  return material;
}

/**
 * Copies of every key material version an HSM holds, for the leak test only: it searches
 * files and records for these bytes. Nothing in src/ calls this.
 */
export function copyKeyMaterialForLeakTest(hsm: RegionHsm): Buffer[] {
  const out: Buffer[] = [];
  vaults.get(hsm)?.forEach((versions) =>
    versions.forEach((m) => {
      if (!isKeyPair(m)) {
        out.push(Buffer.from(m));
        return;
      }
      if (isMlDsa(m)) {
        out.push(Buffer.from(m.secretKey));
        return;
      }
      // The whole PKCS #8 encoding, and the private scalar (or seed) on its own.
      out.push(pkcs8Der(m.privateKey));
      const d = m.privateKey.export({ format: 'jwk' }).d;
      if (d) out.push(Buffer.from(d, 'base64url'));
    }),
  );
  return out;
}

function isKeyPair(material: Material): material is AsymmetricKeys {
  return !(material instanceof Buffer);
}

/** New material for a key spec, made inside the HSM. */
function newMaterial(generation: KeyGeneration): Material {
  switch (generation.type) {
    case 'aes':
    case 'hmac':
      return randomBytes(generation.bytes);
    case 'unsupported':
      throw new Error(`cannot make key material: ${generation.why}`);
    case 'ml-dsa':
      return generateMlDsaKeyPair(generation.parameterSet);
    default:
      return generateKeyPair(generation);
  }
}

/** Overwrites secret bytes; key objects are dropped (OpenSSL frees and clears their memory). */
function wipe(material: Material): void {
  if (!isKeyPair(material)) material.fill(0);
  else if (isMlDsa(material)) material.secretKey.fill(0);
}

/**
 * The KeyMaterialId of imported material: an HMAC-SHA-256 of the material keyed by the key id,
 * 64 hex characters. Fidelity: AWS does not document how it derives the id; this derivation keeps
 * its observable property (the same material imported into a key always gets the same id).
 */
export function importedKeyMaterialId(keyId: string, material: Uint8Array): string {
  return createHmac('sha256', `kms-sandbox imported key material ${keyId}`).update(material).digest('hex');
}

function invalidCiphertext(): KmsError {
  // Fidelity: AWS returns InvalidCiphertextException with an empty message; so do we.
  return new KmsError('InvalidCiphertextException', '');
}

function missingMaterial(): KmsError {
  return new KmsError('KMSInternalException', 'The key has no key material in this Region.');
}
