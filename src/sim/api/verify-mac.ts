import { KmsError } from '../errors.js';
import { blob, required } from './schema.js';
import { dryRunField, grantTokensField, keyIdField, macAlgorithmField, messageField } from './common-fields.js';
import { checkMac } from './generate-mac.js';
import { defineOperation } from './operation.js';

/**
 * VerifyMac: recomputes the HMAC of a message and compares it, in constant time, with the one
 * given. A mismatch is KMSInvalidMacException; MacValid is never false.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
 */
export const verifyMac = defineOperation({
  name: 'VerifyMac',
  summary: 'Verify an HMAC tag with an HMAC KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    Message: required(messageField('The message the MAC was made of (up to 4096 bytes).')),
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of the HMAC key.')),
    MacAlgorithm: required(macAlgorithmField()),
    Mac: required(blob('The MAC to verify.', { min: 1, max: 6144 })),
    GrantTokens: grantTokensField(),
    DryRun: dryRunField(),
  },
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-verifymac.html
  auditLayout: [['MacAlgorithm'], ['KeyId']],
  handler(ctx, input) {
    const key = ctx.key;
    checkMac(key, 'VerifyMac', input.MacAlgorithm);
    ctx.checkDryRun(input.DryRun);
    // AWS sends this error without a message.
    if (!ctx.region.hsm.verifyMac(key.keyId, input.MacAlgorithm, input.Message, input.Mac)) throw new KmsError('KMSInvalidMacException', '');
    return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
  },
});
