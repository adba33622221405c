import { required } from './schema.js';
import { keyIdField, limitField, markerField } from './common-fields.js';
import { DEFAULT_POLICY_NAME } from './key-policy-name.js';
import { defineOperation } from './operation.js';
import { paginate } from './paging.js';

/**
 * ListKeyPolicies: the names of a key's policies; always just `default`.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html
 */
export const listKeyPolicies = defineOperation({
  name: 'ListKeyPolicies',
  summary: "List a key's policy names (always \"default\")",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 100 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField('The key id or key ARN.')), Limit: limitField(), Marker: markerField() },
  handler(_ctx, input) {
    const { items, ...page } = paginate([DEFAULT_POLICY_NAME], input.Limit ?? 100, input.Marker);
    return { PolicyNames: items, ...page };
  },
});
