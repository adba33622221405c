/** The AWS `KeyState` values. */
export const KEY_STATES = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'PendingReplicaDeletion',
  'Unavailable',
  'Updating',
] as const;

/** An AWS `KeyState` value: the top-level state of a key's lifecycle machine. */
export type KeyState = (typeof KEY_STATES)[number];

/** The AWS `KeySpec` values. */
export const KEY_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096',
  'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT',
  'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512',
  'SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ECC_NIST_EDWARDS25519',
] as const;
/** An AWS `KeySpec` value. */
export type KeySpec = (typeof KEY_SPECS)[number];

/** The legacy `CustomerMasterKeySpec` values (KeySpec without the 2025 additions). */
export const CUSTOMER_MASTER_KEY_SPECS = KEY_SPECS.filter(
  (s) => !s.startsWith('ML_DSA') && s !== 'ECC_NIST_EDWARDS25519',
) as readonly Exclude<KeySpec, 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87' | 'ECC_NIST_EDWARDS25519'>[];

/** The AWS `KeyUsageType` values. */
export const KEY_USAGES = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] as const;
/** An AWS `KeyUsageType` value. */
export type KeyUsage = (typeof KEY_USAGES)[number];

/** The AWS `OriginType` values. */
export const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const;
/** An AWS `OriginType` value. */
export type Origin = (typeof ORIGINS)[number];

/** An AWS `KeyManagerType` value. */
export type KeyManager = 'AWS' | 'CUSTOMER';

/** The AWS `EncryptionAlgorithmSpec` values. */
export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
/** An AWS `EncryptionAlgorithmSpec` value. */
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

/** The AWS `DataKeySpec` values. */
export const DATA_KEY_SPECS = ['AES_256', 'AES_128'] as const;
/** An AWS `DataKeySpec` value. */
export type DataKeySpec = (typeof DATA_KEY_SPECS)[number];
