/**
 * Helpers for tests of imported key material: an EXTERNAL key, wrapping with node:crypto as a
 * user following AWS's instructions would, and a whole GetParametersForImport → ImportKeyMaterial
 * round trip, all through the facade.
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import type { OperationInput, OperationOutput, Outcome, Sandbox } from '../../src/sim/index.js';
import { expectOk, REGION, type TestKey } from './sim.js';

/** The import wrapping algorithms AWS supports outside China (RSAES_PKCS1_V1_5 is gone since Oct 2023). */
export const WRAPPING_ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const;
/** One of the supported import wrapping algorithms. */
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

/** The RSA wrapping key specs. */
export const WRAPPING_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const;
/** One of the RSA wrapping key specs. */
export type WrappingKeySpec = (typeof WRAPPING_KEY_SPECS)[number];

/** The IV of AES key wrap with padding (RFC 5649 §3), which AWS's instructions pass to OpenSSL. */
const RFC_5649_IV = Buffer.from('A65959A6', 'hex');

/** Creates a symmetric key with Origin EXTERNAL (it starts in PendingImport). */
export function createExternalKey(sandbox: Sandbox, region = REGION): TestKey {
  const { KeyMetadata } = expectOk(sandbox.call(region, sandbox.admin, 'CreateKey', { Origin: 'EXTERNAL', Description: 'imported' }));
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

/** 32 fresh random bytes: symmetric key material to import. */
export function newKeyMaterial(): Buffer {
  return randomBytes(32);
}

/**
 * Wraps key material with a GetParametersForImport public key (DER SPKI), as AWS's instructions
 * do: RSA-OAEP directly, or for RSA_AES_KEY_WRAP an RSA-OAEP-wrapped fresh AES-256 key followed by
 * the material under AES key wrap with padding (RFC 5649).
 */
export function wrapKeyMaterial(publicKeyDer: Uint8Array, algorithm: WrappingAlgorithm, material: Uint8Array): Buffer {
  const publicKey = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const rsaOaep = (data: Uint8Array): Buffer => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);
  if (algorithm.startsWith('RSAES_OAEP')) return rsaOaep(material);
  const aesKey = randomBytes(32);
  const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, RFC_5649_IV);
  return Buffer.concat([rsaOaep(aesKey), cipher.update(material), cipher.final()]);
}

/** GetParametersForImport for a key; fails the test on an error. */
export function importParameters(
  sandbox: Sandbox,
  key: TestKey,
  algorithm: WrappingAlgorithm = 'RSAES_OAEP_SHA_256',
  spec: WrappingKeySpec = 'RSA_2048',
): OperationOutput<'GetParametersForImport'> {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }));
}

/** ImportKeyMaterial fields other than the key, token and wrapped material. */
export type ImportOptions = Omit<OperationInput<'ImportKeyMaterial'>, 'KeyId' | 'ImportToken' | 'EncryptedKeyMaterial'> & {
  readonly algorithm?: WrappingAlgorithm;
  readonly spec?: WrappingKeySpec;
};

/**
 * Gets fresh import parameters, wraps `material` and calls ImportKeyMaterial; returns the outcome.
 * Without ValidTo or ExpirationModel the material does not expire (KEY_MATERIAL_DOES_NOT_EXPIRE).
 */
export function tryImport(sandbox: Sandbox, key: TestKey, material: Uint8Array, options: ImportOptions = {}): Outcome<OperationOutput<'ImportKeyMaterial'>> {
  const { algorithm = 'RSAES_OAEP_SHA_256', spec = 'RSA_2048', ...fields } = options;
  const { PublicKey, ImportToken } = importParameters(sandbox, key, algorithm, spec);
  const expiration = fields.ValidTo === undefined && fields.ExpirationModel === undefined ? { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const } : {};
  return sandbox.call(REGION, sandbox.admin, 'ImportKeyMaterial', {
    KeyId: key.keyId,
    ImportToken,
    EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, algorithm, material),
    ...expiration,
    ...fields,
  });
}

/** Imports key material (see tryImport); fails the test on an error. */
export function importTestMaterial(sandbox: Sandbox, key: TestKey, material: Uint8Array, options: ImportOptions = {}): OperationOutput<'ImportKeyMaterial'> {
  return expectOk(tryImport(sandbox, key, material, options));
}

/** An EXTERNAL key with 32 random bytes imported (not expiring unless options say so), and those bytes. */
export function createImportedKey(sandbox: Sandbox, options: ImportOptions = {}): { key: TestKey; material: Buffer; keyMaterialId: string } {
  const key = createExternalKey(sandbox);
  const material = newKeyMaterial();
  const { KeyMaterialId } = importTestMaterial(sandbox, key, material, options);
  return { key, material, keyMaterialId: KeyMaterialId };
}
