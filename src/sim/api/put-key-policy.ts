import { checkKeyPolicy, POLICY_PATTERN } from '../access/key-policy.js';
import { boolean, required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { checkPolicyName, policyNameField } from './key-policy-name.js';
import { defineOperation } from './operation.js';

/**
 * PutKeyPolicy: replaces a key's key policy after checking it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
export const putKeyPolicy = defineOperation({
  name: 'PutKeyPolicy',
  summary: "Replace a key's key policy",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 15 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN.')),
    PolicyName: policyNameField(),
    Policy: required(string('The key policy document (JSON).', { min: 1, max: 131072, pattern: POLICY_PATTERN })),
    BypassPolicyLockoutSafetyCheck: boolean('Skip the check that you can still manage the key.'),
  },
  handler(ctx, input) {
    checkPolicyName(input.PolicyName);
    checkKeyPolicy(input.Policy, ctx.principal, input.BypassPolicyLockoutSafetyCheck ?? false);
    // Fidelity: the policy is stored and returned; its statements are not yet evaluated when
    // authorizing calls (the access-control issue adds that).
    ctx.key.policy = input.Policy;
    return {};
  },
});
