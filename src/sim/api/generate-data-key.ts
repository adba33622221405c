import { randomBytes } from 'node:crypto';
import { KmsError } from '../errors.js';
import { DATA_KEY_SPECS } from '../keys/key-types.js';
import { enumOf, integer, required } from './schema.js';
import { dryRunField, encryptionContextField, grantTokensField, keyIdField, recipientField } from './common-fields.js';
import { defineOperation, type OperationContext } from './operation.js';
import { encryptUnder, refuseRecipient, useDataKeyKey } from './encryption.js';

/** The input members of GenerateDataKey and GenerateDataKeyWithoutPlaintext. */
export const dataKeyInput = {
  KeyId: required(keyIdField('The symmetric KMS key that encrypts the data key Key id, key ARN, alias name or alias ARN.')),
  EncryptionContext: encryptionContextField(),
  NumberOfBytes: integer('The data key length in bytes (1–1024); or use KeySpec.', { min: 1, max: 1024 }),
  KeySpec: enumOf('AES_128 or AES_256; or use NumberOfBytes.', DATA_KEY_SPECS),
  GrantTokens: grantTokensField(),
  DryRun: dryRunField(),
};

/** Exactly one of KeySpec and NumberOfBytes, as AWS requires. */
export function checkDataKeyLength(input: { KeySpec?: string; NumberOfBytes?: number }): void {
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined))
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
}

/** Makes a data key and its copy encrypted under the call's key. */
export function makeDataKey(
  ctx: OperationContext,
  operation: string,
  input: { KeySpec?: string; NumberOfBytes?: number; EncryptionContext?: Record<string, string>; DryRun?: boolean },
): { plaintext: Buffer; ciphertextBlob: Buffer; keyMaterialId: string } {
  useDataKeyKey(ctx.key, operation, 'data key');
  ctx.checkDryRun(input.DryRun);
  const length = input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32);
  const plaintext = randomBytes(length);
  const { ciphertextBlob, keyMaterialId } = encryptUnder(ctx, ctx.key, plaintext, input.EncryptionContext);
  return { plaintext, ciphertextBlob, keyMaterialId };
}

/**
 * GenerateDataKey: a fresh data key in plaintext and encrypted under a symmetric KMS key,
 * for envelope encryption. https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 */
export const generateDataKey = defineOperation({
  name: 'GenerateDataKey',
  summary: 'Make a data key: plaintext plus a copy encrypted under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: { ...dataKeyInput, Recipient: recipientField() },
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatedatakey.html
  // (no default: the caller sends KeySpec or NumberOfBytes).
  auditLayout: [['KeyId'], ['KeySpec'], ['EncryptionContext']],
  validate: checkDataKeyLength,
  handler(ctx, input) {
    refuseRecipient(input.Recipient);
    const { plaintext, ciphertextBlob, keyMaterialId } = makeDataKey(ctx, 'GenerateDataKey', input);
    return { CiphertextBlob: ciphertextBlob, Plaintext: plaintext, KeyId: ctx.key.arn, KeyMaterialId: keyMaterialId };
  },
});
