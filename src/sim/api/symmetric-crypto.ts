import { KmsError } from '../errors.js';
import type { EncryptionContext } from '../hsm/encryption-context.js';
import { parseCiphertext } from '../hsm/region-hsm.js';
import type { KmsKey } from '../keys/kms-key.js';
import type { OperationContext } from './operation.js';

/** The result of encrypting under a key: the blob and the material version used. */
export interface Encryption {
  readonly ciphertextBlob: Buffer;
  readonly keyMaterialId: string;
}

/** What decrypting a blob yields. */
export interface Decryption {
  readonly key: KmsKey;
  readonly plaintext: Buffer;
  readonly keyMaterialId: string;
}

/**
 * Refuses keys that cannot do symmetric encryption in this operation, with AWS's
 * InvalidKeyUsageException wording, and algorithms other than SYMMETRIC_DEFAULT.
 */
export function assertSymmetricEncryption(key: KmsKey, operation: string, algorithm: string | undefined): void {
  if (key.keyUsage !== 'ENCRYPT_DECRYPT')
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT')
    throw new KmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
}

/** Encrypts under the key's current material in the call's Region HSM. */
export function encryptUnder(
  ctx: OperationContext,
  key: KmsKey,
  plaintext: Uint8Array,
  context: EncryptionContext | undefined,
): Encryption {
  const ciphertextBlob = ctx.region.hsm.encrypt(key.keyId, plaintext, context);
  const keyMaterialId = ctx.region.hsm.currentKeyMaterialId(key.keyId) ?? '';
  ctx.touch(key, keyMaterialId);
  return { ciphertextBlob, keyMaterialId };
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
 * Finds the key a ciphertext names, checks an optional KeyId against it, applies the
 * cryptographic lifecycle rule, and decrypts with the material version the blob names.
 */
export function decryptBlob(
  ctx: OperationContext,
  operation: string,
  blob: Uint8Array,
  context: EncryptionContext | undefined,
  keyIdGiven: string | undefined,
  algorithm: string | undefined,
  dryRun: boolean | undefined,
): Decryption {
  const header = parseCiphertext(blob);
  if (!ctx.region.keys.has(header.keyId))
    throw new KmsError(
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  if (keyIdGiven !== undefined) {
    const named = ctx.resolveKey(keyIdGiven, 'anyState', 'keyOrAlias');
    if (named.keyId !== header.keyId)
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  }
  const key = ctx.resolveKey(header.keyId, 'cryptographic', 'keyOnly');
  assertSymmetricEncryption(key, operation, algorithm);
  ctx.checkDryRun(dryRun);
  const { plaintext, keyMaterialId } = ctx.region.hsm.decrypt(header, context);
  ctx.touch(key, keyMaterialId);
  return { key, plaintext, keyMaterialId };
}
