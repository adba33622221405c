import { KmsError } from '../errors.js';
import { required } from './schema.js';
import { dryRunField, grantTokensField, keyIdField, messageField, messageTypeField, signingAlgorithmField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { signatureField } from './sign.js';
import { checkSigning } from './signing.js';

/**
 * Verify: checks a signature made by Sign (or offline with the private key, which never leaves
 * KMS, so only by Sign) with the key's public key. A signature that does not verify is
 * KMSInvalidSignatureException; SignatureValid is never false.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
 */
export const verify = defineOperation({
  name: 'Verify',
  summary: 'Verify a signature made with an asymmetric KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of the asymmetric key that signed.')),
    Message: required(messageField('The message (up to 4096 bytes) or, with MessageType DIGEST, its digest.')),
    MessageType: messageTypeField(),
    Signature: required(signatureField()),
    SigningAlgorithm: required(signingAlgorithmField()),
    GrantTokens: grantTokensField(),
    DryRun: dryRunField(),
  },
  // CloudTrail's example shows messageType RAW, the default callers rarely send:
  // https://docs.aws.amazon.com/kms/latest/developerguide/ct-verify.html
  // Fidelity: the guide does not say whether that caller sent MessageType; the sandbox records
  // RAW when it is left out, by analogy with Decrypt's algorithm (ct-decrypt.html).
  auditLayout: [['SigningAlgorithm'], ['KeyId'], ['MessageType', 'RAW']],
  handler(ctx, input) {
    const key = ctx.key;
    const messageType = checkSigning(key, 'Verify', input.SigningAlgorithm, input.MessageType, input.Message);
    ctx.checkDryRun(input.DryRun);
    // AWS sends this error without a message.
    if (!ctx.region.hsm.verify(key.keyId, input.SigningAlgorithm, input.Message, messageType, input.Signature))
      throw new KmsError('KMSInvalidSignatureException', '');
    return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
  },
});
