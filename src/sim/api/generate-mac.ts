import type { MacAlgorithm } from '../keys/key-specs.js';
import { KEY_SPEC_INFO } from '../keys/key-specs.js';
import type { KmsKey } from '../keys/kms-key.js';
import { required } from './schema.js';
import { dryRunField, grantTokensField, keyIdField, macAlgorithmField, messageField } from './common-fields.js';
import { incompatibleAlgorithm, useKey } from './encryption.js';
import { defineOperation } from './operation.js';

/** Checks a GenerateMac or VerifyMac request: an HMAC key, usable, whose spec matches the algorithm. */
export function checkMac(key: KmsKey, operation: 'GenerateMac' | 'VerifyMac', algorithm: MacAlgorithm): void {
  useKey(key, 'GENERATE_VERIFY_MAC', operation);
  if (!KEY_SPEC_INFO[key.keySpec].macAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, key);
}

/**
 * GenerateMac: an HMAC (RFC 2104) of a message with an HMAC KMS key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
 */
export const generateMac = defineOperation({
  name: 'GenerateMac',
  summary: 'Make an HMAC tag of a message with an HMAC KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    Message: required(messageField('The message to MAC (up to 4096 bytes).')),
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of an HMAC key.')),
    MacAlgorithm: required(macAlgorithmField()),
    GrantTokens: grantTokensField(),
    DryRun: dryRunField(),
  },
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatemac.html
  auditLayout: [['MacAlgorithm'], ['KeyId']],
  handler(ctx, input) {
    const key = ctx.key;
    checkMac(key, 'GenerateMac', input.MacAlgorithm);
    ctx.checkDryRun(input.DryRun);
    return { Mac: ctx.region.hsm.mac(key.keyId, input.MacAlgorithm, input.Message), MacAlgorithm: input.MacAlgorithm, KeyId: key.arn };
  },
});
