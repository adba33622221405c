/**
 * Helpers for tests of asymmetric and HMAC keys: creating them, taking their public key out with
 * GetPublicKey, and checking signatures offline with node:crypto (and @noble/curves for
 * Ed25519ph, which Node and OpenSSL 3.0 lack), as a user outside KMS would.
 */
import { constants, createHash, createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';
import type { OperationInput, Sandbox } from '../../src/sim/index.js';
import { expectOk, REGION, type TestKey } from './sim.js';

/** A KMS key spec, as CreateKey takes it. */
export type KeySpec = NonNullable<OperationInput<'CreateKey'>['KeySpec']>;
/** A KMS key usage. */
export type KeyUsage = NonNullable<OperationInput<'CreateKey'>['KeyUsage']>;
/** A KMS signing algorithm. */
export type SigningAlgorithm = OperationInput<'Sign'>['SigningAlgorithm'];
/** A KMS MAC algorithm. */
export type MacAlgorithm = OperationInput<'GenerateMac'>['MacAlgorithm'];

/** The RSA signing algorithms, in the order AWS lists them. */
export const RSA_SIGNING_ALGORITHMS = [
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
] as const satisfies readonly SigningAlgorithm[];

/** Every key spec the sandbox can sign with, and its signing algorithms as AWS lists them. */
export const SIGNING_SPECS = {
  RSA_2048: RSA_SIGNING_ALGORITHMS,
  RSA_3072: RSA_SIGNING_ALGORITHMS,
  RSA_4096: RSA_SIGNING_ALGORITHMS,
  ECC_NIST_P256: ['ECDSA_SHA_256'],
  ECC_NIST_P384: ['ECDSA_SHA_384'],
  ECC_NIST_P521: ['ECDSA_SHA_512'],
  ECC_SECG_P256K1: ['ECDSA_SHA_256'],
  ECC_NIST_EDWARDS25519: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
} as const satisfies Partial<Record<KeySpec, readonly SigningAlgorithm[]>>;
/** A key spec that can sign. */
export type SigningSpec = keyof typeof SIGNING_SPECS;

/** The RSA key specs and their modulus lengths in bytes. */
export const RSA_SPECS = { RSA_2048: 256, RSA_3072: 384, RSA_4096: 512 } as const;
/** An RSA key spec. */
export type RsaSpec = keyof typeof RSA_SPECS;

/** The ECC specs that can be KEY_AGREEMENT keys, with node:crypto's curve name and the secret length. */
export const KEY_AGREEMENT_SPECS = {
  ECC_NIST_P256: { curve: 'prime256v1', secretBytes: 32 },
  ECC_NIST_P384: { curve: 'secp384r1', secretBytes: 48 },
  ECC_NIST_P521: { curve: 'secp521r1', secretBytes: 66 },
} as const;
/** An ECC spec that can agree keys. */
export type KeyAgreementSpec = keyof typeof KEY_AGREEMENT_SPECS;

/** The HMAC key specs, their algorithm and MAC length in bytes. */
export const HMAC_SPECS = {
  HMAC_224: { algorithm: 'HMAC_SHA_224', hash: 'sha224', macBytes: 28 },
  HMAC_256: { algorithm: 'HMAC_SHA_256', hash: 'sha256', macBytes: 32 },
  HMAC_384: { algorithm: 'HMAC_SHA_384', hash: 'sha384', macBytes: 48 },
  HMAC_512: { algorithm: 'HMAC_SHA_512', hash: 'sha512', macBytes: 64 },
} as const satisfies Record<string, { algorithm: MacAlgorithm; hash: string; macBytes: number }>;
/** An HMAC key spec. */
export type HmacSpec = keyof typeof HMAC_SPECS;

/** The data key pair specs the sandbox makes (SM2 is China-only). */
export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519',
] as const;

/** Creates a key of a spec and usage as the administrator. */
export function createSpecKey(sandbox: Sandbox, keySpec: KeySpec, keyUsage: KeyUsage, region = REGION): TestKey {
  const { KeyMetadata } = expectOk(sandbox.call(region, sandbox.admin, 'CreateKey', { KeySpec: keySpec, KeyUsage: keyUsage }));
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

/** The key's public key from GetPublicKey, as the DER bytes and a node:crypto key object. */
export function publicKeyOf(sandbox: Sandbox, key: TestKey, region = REGION): { der: Buffer; key: KeyObject } {
  const der = Buffer.from(expectOk(sandbox.call(region, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId })).PublicKey);
  return { der, key: createPublicKey({ key: der, format: 'der', type: 'spki' }) };
}

/** The node:crypto hash of an RSA or ECDSA algorithm, or of Ed25519ph (SHA-512). */
export function hashOf(algorithm: SigningAlgorithm): 'sha256' | 'sha384' | 'sha512' {
  const bits = /_SHA_(256|384|512)$/.exec(algorithm)?.[1];
  if (!bits) throw new Error(`no hash for ${algorithm}`);
  return `sha${bits}` as 'sha256' | 'sha384' | 'sha512';
}

/** The digest a caller sends with MessageType DIGEST for a message. */
export function digestFor(algorithm: SigningAlgorithm, message: Uint8Array): Buffer {
  return createHash(hashOf(algorithm)).update(message).digest();
}

/**
 * Verifies, outside KMS, a signature that Sign made over `message` (RAW) or over its digest
 * (DIGEST): node:crypto for RSA (PSS with the digest-long salt AWS uses), ECDSA (DER) and
 * Ed25519; Ed25519ph with @noble/curves over the digest bytes, which KMS hashes once more.
 */
export function verifyOffline(publicKey: KeyObject, algorithm: SigningAlgorithm, message: Uint8Array, signature: Uint8Array): boolean {
  if (algorithm === 'ED25519_SHA_512') return nodeVerify(null, message, publicKey, signature);
  if (algorithm === 'ED25519_PH_SHA_512') {
    const x = publicKey.export({ format: 'jwk' }).x;
    if (typeof x !== 'string') throw new Error('not an Ed25519 public key');
    return ed25519ph.verify(signature, digestFor(algorithm, message), Buffer.from(x, 'base64url'));
  }
  const hash = hashOf(algorithm);
  if (algorithm.startsWith('ECDSA_')) return nodeVerify(hash, message, { key: publicKey, dsaEncoding: 'der' }, signature);
  if (algorithm.startsWith('RSASSA_PSS_')) {
    const saltLength = createHash(hash).digest().length;
    return nodeVerify(hash, message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
  }
  return nodeVerify(hash, message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
}

/** A copy of bytes with one bit flipped at `index` (negative counts from the end). */
export function flipBit(bytes: Uint8Array, index = -1): Buffer {
  const copy = Buffer.from(bytes);
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
