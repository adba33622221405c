import type { EncryptionAlgorithm, KeySpec, KeyUsage } from './key-types.js';

/** The AWS `SigningAlgorithmSpec` values. */
export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512',
  'SM2DSA', 'ML_DSA_SHAKE_256', 'ED25519_SHA_512', 'ED25519_PH_SHA_512',
] as const;
/** An AWS `SigningAlgorithmSpec` value. */
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** The AWS `MacAlgorithmSpec` values. */
export const MAC_ALGORITHMS = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
/** An AWS `MacAlgorithmSpec` value. */
export type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];

/** The AWS `KeyAgreementAlgorithmSpec` values. */
export const KEY_AGREEMENT_ALGORITHMS = ['ECDH'] as const;
/** An AWS `KeyAgreementAlgorithmSpec` value. */
export type KeyAgreementAlgorithm = (typeof KEY_AGREEMENT_ALGORITHMS)[number];

/** The AWS `MessageType` values. */
export const MESSAGE_TYPES = ['RAW', 'DIGEST', 'EXTERNAL_MU'] as const;
/** An AWS `MessageType` value. */
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The AWS `DataKeyPairSpec` values. */
export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096',
  'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'SM2', 'ECC_NIST_EDWARDS25519',
] as const;
/** An AWS `DataKeyPairSpec` value. */
export type DataKeyPairSpec = (typeof DATA_KEY_PAIR_SPECS)[number];

/** The kind of cryptography behind a key spec. */
export type KeyFamily = 'symmetric' | 'rsa' | 'ecc' | 'ed25519' | 'hmac' | 'sm2' | 'ml-dsa';

/** How node:crypto makes a key of this spec. */
export type KeyGeneration =
  | { readonly type: 'aes'; readonly bytes: 32 }
  | { readonly type: 'rsa'; readonly modulusLength: 2048 | 3072 | 4096 }
  | { readonly type: 'ec'; readonly namedCurve: 'prime256v1' | 'secp384r1' | 'secp521r1' | 'secp256k1' }
  | { readonly type: 'ed25519' }
  | { readonly type: 'hmac'; readonly bytes: number }
  | { readonly type: 'ml-dsa'; readonly parameterSet: 44 | 65 | 87 }
  | { readonly type: 'unsupported'; readonly why: string };

/** What AWS says a key spec can do, and how the sandbox makes it. */
export interface KeySpecInfo {
  readonly family: KeyFamily;
  /** The key usages CreateKey accepts for this spec. */
  readonly usages: readonly KeyUsage[];
  /** Per usage, the algorithms DescribeKey and GetPublicKey list, in AWS's order. */
  readonly encryptionAlgorithms: readonly EncryptionAlgorithm[];
  readonly signingAlgorithms: readonly SigningAlgorithm[];
  readonly macAlgorithms: readonly MacAlgorithm[];
  readonly keyAgreementAlgorithms: readonly KeyAgreementAlgorithm[];
  readonly generation: KeyGeneration;
  /** The request quota its cryptographic operations count against. */
  readonly quota: 'symmetric-cryptographic' | 'rsa-cryptographic' | 'ecc-cryptographic' | 'sm2-cryptographic' | 'ml-dsa-cryptographic';
}

const RSA_SIGNING: readonly SigningAlgorithm[] = [
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
];

const none = [] as const;

function rsa(modulusLength: 2048 | 3072 | 4096): KeySpecInfo {
  return {
    family: 'rsa',
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
    encryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
    signingAlgorithms: RSA_SIGNING,
    macAlgorithms: none,
    keyAgreementAlgorithms: none,
    generation: { type: 'rsa', modulusLength },
    quota: 'rsa-cryptographic',
  };
}

function ecc(
  namedCurve: 'prime256v1' | 'secp384r1' | 'secp521r1' | 'secp256k1',
  signing: SigningAlgorithm,
  keyAgreement: boolean,
): KeySpecInfo {
  return {
    family: 'ecc',
    usages: keyAgreement ? ['SIGN_VERIFY', 'KEY_AGREEMENT'] : ['SIGN_VERIFY'],
    encryptionAlgorithms: none,
    signingAlgorithms: [signing],
    macAlgorithms: none,
    keyAgreementAlgorithms: keyAgreement ? ['ECDH'] : none,
    generation: { type: 'ec', namedCurve },
    quota: 'ecc-cryptographic',
  };
}

function hmac(bits: 224 | 256 | 384 | 512): KeySpecInfo {
  return {
    family: 'hmac',
    usages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: none,
    signingAlgorithms: none,
    macAlgorithms: [`HMAC_SHA_${bits}`],
    keyAgreementAlgorithms: none,
    // AWS generates HMAC key material as long as the digest (HMAC_224: 224 bits).
    generation: { type: 'hmac', bytes: bits / 8 },
    // HMAC keys count against the symmetric cryptographic quota.
    quota: 'symmetric-cryptographic',
  };
}

// ML-DSA (FIPS 204): Node 20's OpenSSL 3.0 has none, so the HSM uses @noble/post-quantum.
function mlDsa(parameterSet: 44 | 65 | 87): KeySpecInfo {
  return {
    family: 'ml-dsa',
    usages: ['SIGN_VERIFY'],
    encryptionAlgorithms: none,
    signingAlgorithms: ['ML_DSA_SHAKE_256'],
    macAlgorithms: none,
    keyAgreementAlgorithms: none,
    generation: { type: 'ml-dsa', parameterSet },
    quota: 'ml-dsa-cryptographic',
  };
}

/**
 * Every AWS key spec: its usages and algorithms as AWS lists them, and how it is made.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
export const KEY_SPEC_INFO: Readonly<Record<KeySpec, KeySpecInfo>> = {
  SYMMETRIC_DEFAULT: {
    family: 'symmetric',
    usages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    signingAlgorithms: none,
    macAlgorithms: none,
    keyAgreementAlgorithms: none,
    generation: { type: 'aes', bytes: 32 },
    quota: 'symmetric-cryptographic',
  },
  RSA_2048: rsa(2048),
  RSA_3072: rsa(3072),
  RSA_4096: rsa(4096),
  ECC_NIST_P256: ecc('prime256v1', 'ECDSA_SHA_256', true),
  ECC_NIST_P384: ecc('secp384r1', 'ECDSA_SHA_384', true),
  ECC_NIST_P521: ecc('secp521r1', 'ECDSA_SHA_512', true),
  ECC_SECG_P256K1: ecc('secp256k1', 'ECDSA_SHA_256', false),
  ECC_NIST_EDWARDS25519: {
    family: 'ed25519',
    usages: ['SIGN_VERIFY'],
    encryptionAlgorithms: none,
    signingAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
    macAlgorithms: none,
    keyAgreementAlgorithms: none,
    generation: { type: 'ed25519' },
    quota: 'ecc-cryptographic',
  },
  HMAC_224: hmac(224),
  HMAC_256: hmac(256),
  HMAC_384: hmac(384),
  HMAC_512: hmac(512),
  // Fidelity: SM2 is refused with UnsupportedOperationException: AWS offers it only in the
  // China Regions, and Node 20's OpenSSL does not sign or encrypt with it.
  SM2: {
    family: 'sm2',
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
    encryptionAlgorithms: ['SM2PKE'],
    signingAlgorithms: ['SM2DSA'],
    macAlgorithms: none,
    keyAgreementAlgorithms: ['ECDH'],
    generation: { type: 'unsupported', why: 'SM2 is offered only in the AWS China Regions, which the sandbox does not simulate' },
    quota: 'sm2-cryptographic',
  },
  ML_DSA_44: mlDsa(44),
  ML_DSA_65: mlDsa(65),
  ML_DSA_87: mlDsa(87),
};

/** The algorithms a key of this spec and usage lists in DescribeKey and GetPublicKey. */
export function algorithmsFor(spec: KeySpec, usage: KeyUsage): {
  encryption?: readonly EncryptionAlgorithm[];
  signing?: readonly SigningAlgorithm[];
  mac?: readonly MacAlgorithm[];
  keyAgreement?: readonly KeyAgreementAlgorithm[];
} {
  const info = KEY_SPEC_INFO[spec];
  switch (usage) {
    case 'ENCRYPT_DECRYPT':
      return { encryption: info.encryptionAlgorithms };
    case 'SIGN_VERIFY':
      return { signing: info.signingAlgorithms };
    case 'GENERATE_VERIFY_MAC':
      return { mac: info.macAlgorithms };
    case 'KEY_AGREEMENT':
      return { keyAgreement: info.keyAgreementAlgorithms };
  }
}

/** Whether keys of this spec are asymmetric (they have a public key). */
export function isAsymmetric(spec: KeySpec): boolean {
  const family = KEY_SPEC_INFO[spec].family;
  return family !== 'symmetric' && family !== 'hmac';
}

/** The hash behind a signing algorithm, and the digest length MessageType DIGEST must have. */
export interface SigningHash {
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly digestBytes: 32 | 48 | 64;
}

const HASHES: Readonly<Record<'256' | '384' | '512', SigningHash>> = {
  256: { hash: 'sha256', digestBytes: 32 },
  384: { hash: 'sha384', digestBytes: 48 },
  512: { hash: 'sha512', digestBytes: 64 },
};

/** The hash of an RSA, ECDSA or Ed25519 signing algorithm (ML-DSA and SM2 have none here). */
export function signingHash(algorithm: SigningAlgorithm): SigningHash | undefined {
  const bits = /_SHA_(256|384|512)$/.exec(algorithm)?.[1] as '256' | '384' | '512' | undefined;
  return bits ? HASHES[bits] : undefined;
}

/** The node:crypto HMAC hash of a MAC algorithm. */
export function macHash(algorithm: MacAlgorithm): 'sha224' | 'sha256' | 'sha384' | 'sha512' {
  return `sha${algorithm.slice('HMAC_SHA_'.length)}` as 'sha224' | 'sha256' | 'sha384' | 'sha512';
}
