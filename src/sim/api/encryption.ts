import { KmsError } from '../errors.js';
import type { EncryptionContext } from '../hsm/encryption-context.js';
import { parseCiphertext } from '../hsm/region-hsm.js';
import { oaepMaxPlaintext } from '../hsm/asymmetric-crypto.js';
import { isAsymmetric, KEY_SPEC_INFO } from '../keys/key-specs.js';
import type { EncryptionAlgorithm, KeyUsage } from '../keys/key-types.js';
import type { KmsKey } from '../keys/kms-key.js';
import type { OperationContext } from './operation.js';

/** The result of encrypting under a key: the blob, the algorithm, and (symmetric) the material version used. */
export interface Encryption {
  readonly ciphertextBlob: Buffer;
  readonly algorithm: EncryptionAlgorithm;
  readonly keyMaterialId?: string;
}

/** What decrypting a blob yields. */
export interface Decryption {
  readonly key: KmsKey;
  readonly plaintext: Buffer;
  readonly algorithm: EncryptionAlgorithm;
  readonly keyMaterialId?: string;
}

/** Refuses a key whose usage is not `usage`, with AWS's InvalidKeyUsageException wording. */
export function assertKeyUsage(key: KmsKey, usage: KeyUsage, operation: string): void {
  if (key.keyUsage !== usage)
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
}

/**
 * Checks a key for a cryptographic operation in AWS's order: its usage first, then its state
 * (a disabled HMAC key asked to sign is InvalidKeyUsageException, not DisabledException).
 */
export function useKey(key: KmsKey, usage: KeyUsage, operation: string): void {
  assertKeyUsage(key, usage, operation);
  key.assertAllowed('cryptographic');
}

/** The InvalidKeyUsageException of an algorithm the key's spec does not support. */
export function incompatibleAlgorithm(algorithm: string, key: KmsKey): KmsError {
  return new KmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
}

/**
 * Checks that a key's spec can encrypt with an algorithm (SYMMETRIC_DEFAULT when none is named,
 * as in AWS) and returns it: symmetric keys take SYMMETRIC_DEFAULT, RSA keys RSAES_OAEP_*.
 */
export function checkEncryptionAlgorithm(key: KmsKey, algorithm: EncryptionAlgorithm | undefined): EncryptionAlgorithm {
  const chosen = algorithm ?? 'SYMMETRIC_DEFAULT';
  if (!KEY_SPEC_INFO[key.keySpec].encryptionAlgorithms.includes(chosen)) throw incompatibleAlgorithm(chosen, key);
  return chosen;
}

/**
 * Checks a key for GenerateDataKey* and GenerateDataKeyPair*: data keys are only made under
 * symmetric encryption keys.
 */
export function useDataKeyKey(key: KmsKey, operation: string, what: 'data key' | 'data key pair'): void {
  useKey(key, 'ENCRYPT_DECRYPT', operation);
  // AWS's message has no full stop.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new KmsError('InvalidKeyUsageException', `You cannot generate a ${what} with an asymmetric CMK`);
}

/**
 * Encrypts under a key in the call's Region HSM: AES-256-GCM under the current material of a
 * symmetric key, or RSAES-OAEP with an RSA key (raw RSA ciphertext, no header, as AWS returns).
 */
export function encryptWith(
  ctx: OperationContext,
  key: KmsKey,
  algorithm: EncryptionAlgorithm,
  plaintext: Uint8Array,
  context: EncryptionContext | undefined,
): Encryption {
  if (algorithm === 'SYMMETRIC_DEFAULT') return encryptUnder(ctx, key, plaintext, context);
  if (algorithm !== 'RSAES_OAEP_SHA_1' && algorithm !== 'RSAES_OAEP_SHA_256') throw incompatibleAlgorithm(algorithm, key);
  refuseAsymmetricContext(context);
  const generation = KEY_SPEC_INFO[key.keySpec].generation;
  const limit = generation.type === 'rsa' ? oaepMaxPlaintext(generation.modulusLength, algorithm) : 0;
  if (plaintext.length > limit)
    throw new KmsError('ValidationException', `Algorithm ${algorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${limit} bytes.`);
  ctx.touch(key);
  return { ciphertextBlob: ctx.region.hsm.rsaEncrypt(key.keyId, algorithm, plaintext), algorithm };
}

/** Encrypts under a symmetric key's current material (data keys, Encrypt with SYMMETRIC_DEFAULT). */
export function encryptUnder(
  ctx: OperationContext,
  key: KmsKey,
  plaintext: Uint8Array,
  context: EncryptionContext | undefined,
): Encryption & { readonly keyMaterialId: string } {
  const ciphertextBlob = ctx.region.hsm.encrypt(key.keyId, plaintext, context);
  const keyMaterialId = ctx.region.hsm.currentKeyMaterialId(key.keyId) ?? '';
  ctx.touch(key, keyMaterialId);
  return { ciphertextBlob, keyMaterialId, algorithm: 'SYMMETRIC_DEFAULT' };
}

/**
 * Encryption contexts bind symmetric ciphertext only.
 * https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html
 */
function refuseAsymmetricContext(context: EncryptionContext | undefined): void {
  if (context !== undefined && Object.keys(context).length > 0)
    throw new KmsError('ValidationException', 'EncryptionContext is not supported with asymmetric KMS keys.');
}

/** Refuses a Recipient (Nitro Enclaves attestation), which the sandbox cannot verify. */
export function refuseRecipient(recipient: unknown): void {
  // Fidelity: AWS verifies a Nitro Enclaves attestation document and returns
  // CiphertextForRecipient; the sandbox has no enclaves to attest.
  // https://docs.aws.amazon.com/kms/latest/developerguide/services-nitro-enclaves.html
  if (recipient !== undefined)
    throw new KmsError('UnsupportedOperationException', 'The sandbox does not simulate Nitro Enclaves, so Recipient is not supported.');
}

/**
 * Decrypts a ciphertext. Symmetric ciphertext names its key in its header; KeyId, when given,
 * must name the same key. RSA ciphertext has no header: KeyId must name the RSA key and
 * EncryptionAlgorithm the RSAES_OAEP algorithm it was encrypted with. Without one, KMS reads the
 * blob as symmetric ciphertext, as AWS does (InvalidCiphertextException, or IncorrectKeyException
 * when it is symmetric ciphertext of another key).
 */
export function decryptBlob(
  ctx: OperationContext,
  operation: string,
  blob: Uint8Array,
  context: EncryptionContext | undefined,
  keyIdGiven: string | undefined,
  algorithm: EncryptionAlgorithm | undefined,
  dryRun: boolean | undefined,
): Decryption {
  const named = keyIdGiven === undefined ? undefined : ctx.resolveKey(keyIdGiven, 'anyState', 'keyOrAlias');
  const rsa = algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256';
  if (named && rsa && isAsymmetric(named.keySpec)) return decryptAsymmetric(ctx, operation, named, blob, context, algorithm, dryRun);
  const header = parseCiphertext(blob);
  if (!ctx.region.keys.has(header.keyId))
    throw new KmsError(
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  if (named && named.keyId !== header.keyId)
    throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  const key = ctx.resolveKey(header.keyId, 'anyState', 'keyOnly');
  useKey(key, 'ENCRYPT_DECRYPT', operation);
  checkEncryptionAlgorithm(key, algorithm);
  ctx.checkDryRun(dryRun);
  const { plaintext, keyMaterialId } = ctx.region.hsm.decrypt(header, context);
  ctx.touch(key, keyMaterialId);
  return { key, plaintext, keyMaterialId, algorithm: 'SYMMETRIC_DEFAULT' };
}

function decryptAsymmetric(
  ctx: OperationContext,
  operation: string,
  key: KmsKey,
  blob: Uint8Array,
  context: EncryptionContext | undefined,
  algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256',
  dryRun: boolean | undefined,
): Decryption {
  useKey(key, 'ENCRYPT_DECRYPT', operation);
  const chosen = checkEncryptionAlgorithm(key, algorithm) as typeof algorithm;
  refuseAsymmetricContext(context);
  ctx.checkDryRun(dryRun);
  const plaintext = ctx.region.hsm.rsaDecrypt(key.keyId, chosen, blob);
  ctx.touch(key);
  return { key, plaintext, algorithm: chosen };
}
