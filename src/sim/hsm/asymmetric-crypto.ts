import {
  constants,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  randomBytes,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { createRequire } from 'node:module';
import type { KeyGeneration, MessageType, SigningAlgorithm } from '../keys/key-specs.js';
import { signingHash, type SigningHash } from '../keys/key-specs.js';

/**
 * The cryptography of asymmetric KMS keys, on node:crypto key objects. RAW messages go to
 * node:crypto (OpenSSL). Signing a digest that the caller already computed (MessageType DIGEST)
 * is not something Node 20 exposes for ECDSA, nor is Ed25519ph, so those go to @noble/curves (audited,
 * constant-time, no dependencies besides @noble/hashes); RSA digests are padded here (PKCS #1 v1.5
 * DigestInfo, EMSA-PSS per RFC 8017) and signed with the raw RSA private-key operation.
 * ML-DSA (FIPS 204), which Node 20 lacks altogether, comes from @noble/post-quantum (by the same
 * maintainer, tested against NIST's ACVP vectors).
 */

/** An RSA, EC or Ed25519 key pair held by an HSM, as node:crypto key objects. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** An ML-DSA key pair held by an HSM, as FIPS 204 encodings. */
export interface MlDsaKeyPair {
  readonly parameterSet: 44 | 65 | 87;
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** Any asymmetric key pair. */
export type AsymmetricKeys = KeyPair | MlDsaKeyPair;

export function isMlDsa(keys: AsymmetricKeys): keys is MlDsaKeyPair {
  return 'parameterSet' in keys;
}

/**
 * The pure-JS libraries, loaded on first use (Node 20.19+ requires ES modules synchronously):
 * most sessions never sign a digest or use ML-DSA, and loading them costs ~75 ms at start-up.
 */
const load = createRequire(import.meta.url);
type Curves = typeof import('@noble/curves/nist.js');
type Edwards = typeof import('@noble/curves/ed25519.js');
type Secp = typeof import('@noble/curves/secp256k1.js');
type MlDsa = typeof import('@noble/post-quantum/ml-dsa.js');
let curves: (Curves & Edwards & Secp) | undefined;
let mlDsa: MlDsa | undefined;

function noble(): Curves & Edwards & Secp {
  return (curves ??= {
    ...(load('@noble/curves/nist.js') as Curves),
    ...(load('@noble/curves/ed25519.js') as Edwards),
    ...(load('@noble/curves/secp256k1.js') as Secp),
  });
}

function mlDsaSigner(parameterSet: 44 | 65 | 87): MlDsa['ml_dsa44'] {
  const lib = (mlDsa ??= load('@noble/post-quantum/ml-dsa.js') as MlDsa);
  return { 44: lib.ml_dsa44, 65: lib.ml_dsa65, 87: lib.ml_dsa87 }[parameterSet];
}

/** Generates a key pair for an RSA, EC or Ed25519 key spec. */
export function generateKeyPair(generation: KeyGeneration): KeyPair {
  switch (generation.type) {
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: generation.modulusLength, publicExponent: 65537 });
    case 'ec':
      return generateKeyPairSync('ec', { namedCurve: generation.namedCurve });
    case 'ed25519':
      return generateKeyPairSync('ed25519');
    default:
      throw new Error(`no key pair for ${generation.type} keys`);
  }
}

/** Generates an ML-DSA key pair (FIPS 204 ML-DSA.KeyGen, from a fresh 32-byte seed). */
export function generateMlDsaKeyPair(parameterSet: 44 | 65 | 87): MlDsaKeyPair {
  const seed = randomBytes(32);
  try {
    const { secretKey, publicKey } = mlDsaSigner(parameterSet).keygen(seed);
    return { parameterSet, secretKey, publicKey };
  } finally {
    seed.fill(0);
  }
}

/** The public key as DER SubjectPublicKeyInfo (what GetPublicKey returns). */
export function spkiDer(keys: AsymmetricKeys): Buffer {
  if (isMlDsa(keys)) return mlDsaSpki(keys);
  return keys.publicKey.export({ format: 'der', type: 'spki' });
}

/**
 * The SubjectPublicKeyInfo of an ML-DSA public key (RFC 9881): the algorithm identifier is the
 * bare OID id-ml-dsa-44/65/87 (2.16.840.1.101.3.4.3.17/18/19), the key the raw FIPS 204 encoding.
 */
function mlDsaSpki(keys: MlDsaKeyPair): Buffer {
  const oidLastByte = { 44: 0x11, 65: 0x12, 87: 0x13 }[keys.parameterSet];
  const algorithm = Buffer.from([0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, oidLastByte]);
  const bitString = derElement(0x03, Buffer.concat([Buffer.from([0]), keys.publicKey]));
  return derElement(0x30, Buffer.concat([algorithm, bitString]));
}

/** One DER element with a definite length (short form, or long form up to 65535 bytes). */
function derElement(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}

/** The private key as DER PKCS #8 (what GenerateDataKeyPair returns). */
export function pkcs8Der(privateKey: KeyObject): Buffer {
  return privateKey.export({ format: 'der', type: 'pkcs8' });
}

// ---------------------------------------------------------------- RSA encryption (OAEP)

/** The OAEP hash of an RSAES algorithm. */
function oaepHash(algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256'): 'sha1' | 'sha256' {
  return algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256';
}

/** The longest plaintext OAEP can encrypt: k − 2·hLen − 2 bytes (RFC 8017 §7.1.1). */
export function oaepMaxPlaintext(modulusBits: number, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256'): number {
  const hLen = algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32;
  return modulusBits / 8 - 2 * hLen - 2;
}

export function oaepEncrypt(publicKey: KeyObject, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256', plaintext: Uint8Array): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) }, plaintext);
}

/** Decrypts OAEP ciphertext; undefined when it does not decrypt (wrong key, algorithm or bytes). */
export function oaepDecrypt(privateKey: KeyObject, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256', ciphertext: Uint8Array): Buffer | undefined {
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) }, ciphertext);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- signatures

/**
 * Signs a message (RAW) or a digest of it (DIGEST) with a signing algorithm. ML-DSA signs a RAW
 * message with pure ML-DSA and an empty context, or an EXTERNAL_MU (the 64-byte µ of FIPS 204).
 */
export function signMessage(keys: AsymmetricKeys, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
  if (isMlDsa(keys)) {
    const signer = mlDsaSigner(keys.parameterSet);
    return Buffer.from(messageType === 'EXTERNAL_MU' ? signer.internal.sign(message, keys.secretKey, { externalMu: true }) : signer.sign(message, keys.secretKey));
  }
  const hash = signingHash(algorithm);
  if (algorithm === 'ED25519_SHA_512') return nodeSign(null, message, keys.privateKey);
  if (algorithm === 'ED25519_PH_SHA_512') {
    // AWS: with ED25519_PH_SHA_512 (MessageType DIGEST) KMS still performs the SHA-512 prehash of
    // FIPS 186-5 §7.8.1 on the digest it is given: Ed25519ph over the given bytes.
    const seed = jwkBytes(keys.privateKey, 'd');
    try {
      return Buffer.from(noble().ed25519ph.sign(message, seed));
    } finally {
      seed.fill(0);
    }
  }
  if (!hash) throw new Error(`no signature for ${algorithm}`);
  if (algorithm.startsWith('ECDSA_')) {
    if (messageType === 'RAW') return nodeSign(hash.hash, message, { key: keys.privateKey, dsaEncoding: 'der' });
    const d = jwkBytes(keys.privateKey, 'd');
    try {
      return Buffer.from(nobleCurve(keys.publicKey).sign(message, d, { prehash: false, format: 'der', extraEntropy: true }));
    } finally {
      d.fill(0);
    }
  }
  const pss = algorithm.startsWith('RSASSA_PSS_');
  if (messageType === 'RAW') {
    return nodeSign(hash.hash, message, pss
      ? { key: keys.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hash.digestBytes }
      : { key: keys.privateKey, padding: constants.RSA_PKCS1_PADDING });
  }
  if (!pss) return privateEncrypt({ key: keys.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO[hash.hash], message]));
  const modulusBits = modulusLength(keys.publicKey);
  return privateEncrypt({ key: keys.privateKey, padding: constants.RSA_NO_PADDING }, emsaPssEncode(message, modulusBits - 1, hash));
}

/** Verifies a signature over a message (RAW) or its digest (DIGEST). Never throws for bad input. */
export function verifySignature(
  publicKey: KeyObject | MlDsaKeyPair,
  algorithm: SigningAlgorithm,
  message: Uint8Array,
  messageType: MessageType,
  signature: Uint8Array,
): boolean {
  try {
    if (!('parameterSet' in publicKey)) return verifyOrThrow(publicKey, algorithm, message, messageType, signature);
    const keys = publicKey;
    const verifier = mlDsaSigner(keys.parameterSet);
    return messageType === 'EXTERNAL_MU'
      ? verifier.internal.verify(signature, message, keys.publicKey, { externalMu: true })
      : verifier.verify(signature, message, keys.publicKey);
  } catch {
    return false;
  }
}

function verifyOrThrow(publicKey: KeyObject, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
  const hash = signingHash(algorithm);
  if (algorithm === 'ED25519_SHA_512') return nodeVerify(null, message, publicKey, signature);
  if (algorithm === 'ED25519_PH_SHA_512') {
    return noble().ed25519ph.verify(signature, message, jwkBytes(publicKey, 'x'), { zip215: false });
  }
  if (!hash) return false;
  if (algorithm.startsWith('ECDSA_')) {
    if (messageType === 'RAW') return nodeVerify(hash.hash, message, { key: publicKey, dsaEncoding: 'der' }, signature);
    return nobleCurve(publicKey).verify(signature, message, uncompressedPoint(publicKey), { prehash: false, format: 'der', lowS: false });
  }
  const pss = algorithm.startsWith('RSASSA_PSS_');
  if (messageType === 'RAW') {
    return nodeVerify(hash.hash, message, pss
      ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hash.digestBytes }
      : { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  }
  const modulusBits = modulusLength(publicKey);
  if (signature.length !== modulusBits / 8) return false;
  if (!pss) {
    const expected = Buffer.concat([DIGEST_INFO[hash.hash], message]);
    const recovered = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    return recovered.length === expected.length && timingSafeEqual(recovered, expected);
  }
  const encoded = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  return emsaPssVerify(message, encoded, modulusBits - 1, hash);
}

/** The DER DigestInfo prefixes of PKCS #1 v1.5 signatures (RFC 8017 §9.2, note 1). */
const DIGEST_INFO: Readonly<Record<SigningHash['hash'], Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** MGF1 with the signature's hash (RFC 8017 §B.2.1). */
function mgf1(seed: Uint8Array, length: number, hash: SigningHash['hash']): Buffer {
  const out = Buffer.alloc(length);
  const counter = Buffer.alloc(4);
  for (let offset = 0, i = 0; offset < length; i += 1) {
    counter.writeUInt32BE(i);
    const block = createHash(hash).update(seed).update(counter).digest();
    block.copy(out, offset, 0, Math.min(block.length, length - offset));
    offset += block.length;
  }
  return out;
}

/** EMSA-PSS-ENCODE with a salt as long as the digest (RFC 8017 §9.1.1), as AWS signs. */
function emsaPssEncode(mHash: Uint8Array, emBits: number, { hash, digestBytes: hLen }: SigningHash): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.alloc(emLen - hLen - 1);
  db[db.length - hLen - 1] = 0x01;
  salt.copy(db, db.length - hLen);
  const mask = mgf1(h, db.length, hash);
  for (let i = 0; i < db.length; i += 1) db[i] = (db[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits));
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  // The RSA input is as long as the modulus; with a modulus of a whole number of bytes, EM is one
  // bit shorter, and its top bit is clear.
  return em.length * 8 < emBits + 1 ? Buffer.concat([Buffer.alloc(1), em]) : em;
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2), salt length = digest length. */
function emsaPssVerify(mHash: Uint8Array, decoded: Buffer, emBits: number, { hash, digestBytes: hLen }: SigningHash): boolean {
  const emLen = Math.ceil(emBits / 8);
  if (decoded.length < emLen) return false;
  for (let i = 0; i < decoded.length - emLen; i += 1) if (decoded[i] !== 0) return false;
  const em = decoded.subarray(decoded.length - emLen);
  if (emLen < 2 * hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  if (((maskedDb[0] as number) & ~(0xff >> (8 * emLen - emBits)) & 0xff) !== 0) return false;
  const db = mgf1(h, maskedDb.length, hash);
  for (let i = 0; i < db.length; i += 1) db[i] = (db[i] as number) ^ (maskedDb[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits));
  const separator = emLen - 2 * hLen - 2;
  for (let i = 0; i < separator; i += 1) if (db[i] !== 0) return false;
  if (db[separator] !== 0x01) return false;
  const salt = db.subarray(db.length - hLen);
  const expected = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return timingSafeEqual(expected, h);
}

/** The @noble/curves ECDSA implementation of an EC key's curve. */
function nobleCurve(publicKey: KeyObject): Curves['p256'] {
  const lib = noble();
  switch (publicKey.asymmetricKeyDetails?.namedCurve) {
    case 'prime256v1':
      return lib.p256;
    case 'secp384r1':
      return lib.p384;
    case 'secp521r1':
      return lib.p521;
    case 'secp256k1':
      return lib.secp256k1;
    default:
      throw new Error(`unsupported curve ${String(publicKey.asymmetricKeyDetails?.namedCurve)}`);
  }
}

/** The uncompressed SEC 1 point (04 ‖ x ‖ y) of an EC public key. */
function uncompressedPoint(publicKey: KeyObject): Uint8Array {
  return Buffer.concat([Buffer.from([4]), jwkBytes(publicKey, 'x'), jwkBytes(publicKey, 'y')]);
}

/** One base64url member of a key's JWK, as bytes. */
function jwkBytes(key: KeyObject, member: 'd' | 'x' | 'y'): Buffer {
  const value = key.export({ format: 'jwk' })[member];
  if (typeof value !== 'string') throw new Error(`the key has no JWK member ${member}`);
  return Buffer.from(value, 'base64url');
}

function modulusLength(publicKey: KeyObject): number {
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (!bits) throw new Error('not an RSA key');
  return bits;
}

// ---------------------------------------------------------------- key agreement

/**
 * Parses a peer's DER SubjectPublicKeyInfo for ECDH with a key on `namedCurve`; undefined when
 * it is not a public key on that curve.
 */
export function peerPublicKey(der: Uint8Array, namedCurve: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === namedCurve ? key : undefined;
  } catch {
    return undefined;
  }
}

/** ECDH: the shared secret (the x coordinate of the shared point, SEC 1 §3.3.1). */
export function ecdh(privateKey: KeyObject, peer: KeyObject): Buffer {
  return diffieHellman({ privateKey, publicKey: peer });
}
