import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { checkPolicyName, DEFAULT_POLICY_NAME, policyNameField } from './key-policy-name.js';
import { defineOperation } from './operation.js';

/**
 * GetKeyPolicy: a key's key policy document.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
 */
export const getKeyPolicy = defineOperation({
  name: 'GetKeyPolicy',
  summary: "Show a key's key policy",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 1000 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField('The key id or key ARN.')), PolicyName: policyNameField() },
  handler(ctx, input) {
    checkPolicyName(input.PolicyName);
    return { Policy: ctx.key.policy, PolicyName: DEFAULT_POLICY_NAME };
  },
});
