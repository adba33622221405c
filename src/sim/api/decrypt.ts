import { KmsError } from '../errors.js';
import { blob } from './schema.js';
import {
  dryRunField,
  dryRunModifiersField,
  encryptionAlgorithmField,
  encryptionContextField,
  grantTokensField,
  keyIdField,
  recipientField,
} from './common-fields.js';
import { defineOperation, type OperationContext } from './operation.js';
import { decryptBlob, refuseRecipient } from './encryption.js';

/**
 * Decrypt: decrypts a ciphertext made by Encrypt, GenerateDataKey or ReEncrypt. The key comes
 * from the ciphertext; KeyId, when given, must name the same key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 */
export const decrypt = defineOperation({
  name: 'Decrypt',
  summary: 'Decrypt a ciphertext blob (the key is read from the blob)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  input: {
    CiphertextBlob: blob('The ciphertext to decrypt.', { min: 1, max: 6144 }),
    EncryptionContext: encryptionContextField('The exact encryption context used to encrypt.'),
    GrantTokens: grantTokensField(),
    KeyId: keyIdField('The KMS key that encrypted the ciphertext (optional for symmetric keys) Key id, key ARN, alias name or alias ARN.'),
    EncryptionAlgorithm: encryptionAlgorithmField(),
    Recipient: recipientField(),
    DryRun: dryRunField(),
    DryRunModifiers: dryRunModifiersField(),
  },
  // "The CloudTrail log entry for a Decrypt operation always includes the encryptionAlgorithm in
  // the requestParameters even if the encryption algorithm wasn't specified in the request."
  // https://docs.aws.amazon.com/kms/latest/developerguide/ct-decrypt.html
  auditLayout: [['EncryptionAlgorithm', 'SYMMETRIC_DEFAULT'], ['KeyId'], ['EncryptionContext']],
  handler(ctx, input) {
    refuseRecipient(input.Recipient);
    if (ignoresCiphertext(ctx, input.DryRun, input.DryRunModifiers, input.KeyId)) throw dryRunSucceeded();
    const blobValue = requireCiphertext(input.CiphertextBlob);
    const { key, plaintext, keyMaterialId, algorithm } = decryptBlob(
      ctx, 'Decrypt', blobValue, input.EncryptionContext, input.KeyId, input.EncryptionAlgorithm, input.DryRun,
    );
    return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: algorithm, ...(keyMaterialId ? { KeyMaterialId: keyMaterialId } : {}) };
  },
});

/**
 * With DryRun and DryRunModifiers IGNORE_CIPHERTEXT, checks the named key without a ciphertext.
 * https://docs.aws.amazon.com/kms/latest/developerguide/programming-dryrun.html
 */
export function ignoresCiphertext(
  ctx: OperationContext,
  dryRun: boolean | undefined,
  modifiers: readonly string[] | undefined,
  keyId: string | undefined,
): boolean {
  if (!dryRun || !modifiers?.includes('IGNORE_CIPHERTEXT')) return false;
  if (keyId === undefined)
    throw new KmsError('ValidationException', 'KeyId is required when DryRunModifiers includes IGNORE_CIPHERTEXT.');
  ctx.resolveKey(keyId, 'cryptographic', 'keyOrAlias');
  return true;
}

/** The CiphertextBlob member, which is required unless a dry run ignores it. */
export function requireCiphertext(value: Uint8Array | undefined): Uint8Array {
  if (value === undefined)
    throw new KmsError('ValidationException', "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
  return value;
}

/** The DryRunOperationException of a dry run that would have succeeded. */
export function dryRunSucceeded(): KmsError {
  return new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
}
