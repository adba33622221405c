import { checkDataKeyLength, dataKeyInput, makeDataKey } from './generate-data-key.js';
import { defineOperation } from './operation.js';

/**
 * GenerateDataKeyWithoutPlaintext: a data key returned only encrypted, for a component that
 * must never see it. https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html
 */
export const generateDataKeyWithoutPlaintext = defineOperation({
  name: 'GenerateDataKeyWithoutPlaintext',
  summary: 'Make a data key returned only encrypted under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: dataKeyInput,
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatedatakeyplaintext.html
  auditLayout: [['KeyId'], ['KeySpec'], ['EncryptionContext']],
  validate: checkDataKeyLength,
  handler(ctx, input) {
    const { plaintext, ciphertextBlob, keyMaterialId } = makeDataKey(ctx, 'GenerateDataKeyWithoutPlaintext', input);
    plaintext.fill(0);
    return { CiphertextBlob: ciphertextBlob, KeyId: ctx.key.arn, KeyMaterialId: keyMaterialId };
  },
});
