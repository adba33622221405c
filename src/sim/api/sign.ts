import { blob, required } from './schema.js';
import { dryRunField, grantTokensField, keyIdField, messageField, messageTypeField, signingAlgorithmField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { checkSigning } from './signing.js';

/**
 * Sign: a digital signature of a message or digest with the private key of an asymmetric
 * SIGN_VERIFY key (RSASSA-PSS, RSASSA-PKCS1-v1_5, ECDSA in DER, Ed25519), which never leaves the HSM.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 */
export const sign = defineOperation({
  name: 'Sign',
  summary: 'Sign a message or digest with an asymmetric KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of an asymmetric SIGN_VERIFY key.')),
    Message: required(messageField('The message (up to 4096 bytes) or, with MessageType DIGEST, its digest.')),
    MessageType: messageTypeField(),
    GrantTokens: grantTokensField(),
    SigningAlgorithm: required(signingAlgorithmField()),
    DryRun: dryRunField(),
  },
  // CloudTrail's example shows messageType RAW, the default callers rarely send:
  // https://docs.aws.amazon.com/kms/latest/developerguide/ct-sign.html
  // Fidelity: the guide does not say whether that caller sent MessageType; the sandbox records
  // RAW when it is left out, by analogy with Decrypt's algorithm (ct-decrypt.html).
  auditLayout: [['MessageType', 'RAW'], ['KeyId'], ['SigningAlgorithm']],
  handler(ctx, input) {
    const key = ctx.key;
    const messageType = checkSigning(key, 'Sign', input.SigningAlgorithm, input.MessageType, input.Message);
    ctx.checkDryRun(input.DryRun);
    const signature = ctx.region.hsm.sign(key.keyId, input.SigningAlgorithm, input.Message, messageType);
    return { KeyId: key.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
  },
});

/** The Signature member of Verify. */
export const signatureField = () => blob('The signature to verify.', { min: 1, max: 6144 });
