import { blob, required } from './schema.js';
import { dryRunField, encryptionAlgorithmField, encryptionContextField, grantTokensField, keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { assertSymmetricEncryption, encryptUnder } from './symmetric-crypto.js';

/**
 * Encrypt: encrypts up to 4096 bytes under a symmetric KMS key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 */
export const encrypt = defineOperation({
  name: 'Encrypt',
  summary: 'Encrypt up to 4 KiB of plaintext under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
  readOnly: true,
  cryptographic: true,
  quota: { shared: 'symmetric-cryptographic' },
  key: { field: 'KeyId', rule: 'cryptographic', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of the KMS key.')),
    Plaintext: required(blob('The data to encrypt (1–4096 bytes).', { min: 1, max: 4096, sensitive: true })),
    EncryptionContext: encryptionContextField(),
    GrantTokens: grantTokensField(),
    EncryptionAlgorithm: encryptionAlgorithmField(),
    DryRun: dryRunField(),
  },
  handler(ctx, input) {
    // resolve key and lifecycle: done by the dispatcher (KeyId, cryptographic)
    assertSymmetricEncryption(ctx.key, 'Encrypt', input.EncryptionAlgorithm);
    ctx.checkDryRun(input.DryRun);
    const { ciphertextBlob } = encryptUnder(ctx, ctx.key, input.Plaintext, input.EncryptionContext);
    return { CiphertextBlob: ciphertextBlob, KeyId: ctx.key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const };
  },
});
