import { blob, required } from './schema.js';
import {
  dryRunField,
  dryRunModifiersField,
  encryptionAlgorithmField,
  encryptionContextField,
  grantTokensField,
  keyIdField,
} from './common-fields.js';
import { dryRunSucceeded, ignoresCiphertext, requireCiphertext } from './decrypt.js';
import { defineOperation } from './operation.js';
import { assertSymmetricEncryption, decryptBlob, encryptUnder } from './symmetric-crypto.js';

/**
 * ReEncrypt: decrypts and re-encrypts inside KMS, under another key or another context,
 * without exposing the plaintext. https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
 */
export const reEncrypt = defineOperation({
  name: 'ReEncrypt',
  summary: 'Re-encrypt a ciphertext under another key or context, inside KMS',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html',
  readOnly: true,
  cryptographic: true,
  quota: { shared: 'symmetric-cryptographic' },
  input: {
    CiphertextBlob: blob('The ciphertext to re-encrypt.', { min: 1, max: 6144 }),
    SourceEncryptionContext: encryptionContextField('The encryption context the ciphertext was made with.'),
    SourceKeyId: keyIdField('The KMS key that encrypted the ciphertext (optional for symmetric keys) Key id, key ARN, alias name or alias ARN.'),
    DestinationKeyId: required(keyIdField('The KMS key to re-encrypt under Key id, key ARN, alias name or alias ARN.')),
    DestinationEncryptionContext: encryptionContextField('The encryption context for the new ciphertext.'),
    SourceEncryptionAlgorithm: encryptionAlgorithmField(),
    DestinationEncryptionAlgorithm: encryptionAlgorithmField(),
    GrantTokens: grantTokensField(),
    DryRun: dryRunField(),
    DryRunModifiers: dryRunModifiersField(),
  },
  handler(ctx, input) {
    if (ignoresCiphertext(ctx, input.DryRun, input.DryRunModifiers, input.SourceKeyId)) {
      assertSymmetricEncryption(ctx.resolveKey(input.DestinationKeyId, 'cryptographic', 'keyOrAlias'), 'ReEncrypt', input.DestinationEncryptionAlgorithm);
      throw dryRunSucceeded();
    }
    const blobValue = requireCiphertext(input.CiphertextBlob);
    const destination = ctx.resolveKey(input.DestinationKeyId, 'cryptographic', 'keyOrAlias');
    assertSymmetricEncryption(destination, 'ReEncrypt', input.DestinationEncryptionAlgorithm);
    const source = decryptBlob(
      ctx, 'ReEncrypt', blobValue, input.SourceEncryptionContext, input.SourceKeyId, input.SourceEncryptionAlgorithm, input.DryRun,
    );
    const target = encryptUnder(ctx, destination, source.plaintext, input.DestinationEncryptionContext);
    source.plaintext.fill(0);
    return {
      CiphertextBlob: target.ciphertextBlob,
      SourceKeyId: source.key.arn,
      KeyId: destination.arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
      SourceKeyMaterialId: source.keyMaterialId,
      DestinationKeyMaterialId: target.keyMaterialId,
    };
  },
});
