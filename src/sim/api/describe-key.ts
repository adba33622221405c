import { keyMetadata } from '../keys/key-metadata.js';
import { required } from './schema.js';
import { grantTokensField, keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * DescribeKey: a key's metadata, in any key state.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 */
export const describeKey = defineOperation({
  name: 'DescribeKey',
  summary: "Show a key's metadata: state, spec, usage, dates",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 2000 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: { KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of the KMS key.')), GrantTokens: grantTokensField() },
  handler(ctx) {
    return { KeyMetadata: keyMetadata(ctx.key, ctx.region.hsm.currentKeyMaterialId(ctx.key.keyId)) };
  },
});
