import { blob, required } from './schema.js';
import { dryRunField, encryptionAlgorithmField, encryptionContextField, grantTokensField, keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { checkEncryptionAlgorithm, encryptWith, useKey } from './encryption.js';

/**
 * Encrypt: encrypts up to 4096 bytes under a symmetric KMS key, or a little under an RSA key
 * (RSAES_OAEP; the limit depends on the key size and hash).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 */
export const encrypt = defineOperation({
  name: 'Encrypt',
  summary: 'Encrypt up to 4 KiB of plaintext under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of the KMS key.')),
    Plaintext: required(blob('The data to encrypt (1–4096 bytes).', { min: 1, max: 4096, sensitive: true })),
    EncryptionContext: encryptionContextField(),
    GrantTokens: grantTokensField(),
    EncryptionAlgorithm: encryptionAlgorithmField(),
    DryRun: dryRunField(),
  },
  // CloudTrail's example shows encryptionAlgorithm SYMMETRIC_DEFAULT, a member callers of
  // symmetric keys rarely send: https://docs.aws.amazon.com/kms/latest/developerguide/ct-encrypt.html
  // Fidelity: the guide states that KMS records the default when it is left out only for
  // Decrypt (ct-decrypt.html); the sandbox assumes Encrypt does the same, also for failed calls.
  auditLayout: [['EncryptionContext'], ['KeyId'], ['EncryptionAlgorithm', 'SYMMETRIC_DEFAULT']],
  handler(ctx, input) {
    // The dispatcher resolved the key; AWS checks its usage, then its state, then the algorithm.
    useKey(ctx.key, 'ENCRYPT_DECRYPT', 'Encrypt');
    const algorithm = checkEncryptionAlgorithm(ctx.key, input.EncryptionAlgorithm);
    ctx.checkDryRun(input.DryRun);
    const { ciphertextBlob } = encryptWith(ctx, ctx.key, algorithm, input.Plaintext, input.EncryptionContext);
    return { CiphertextBlob: ciphertextBlob, KeyId: ctx.key.arn, EncryptionAlgorithm: algorithm };
  },
});
