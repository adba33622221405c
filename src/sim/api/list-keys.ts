import { limitField, markerField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { paginate } from './paging.js';

/**
 * ListKeys: the keys of the account in the Region, in pages.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 */
export const listKeys = defineOperation({
  name: 'ListKeys',
  summary: 'List the KMS keys in the Region',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 500 },
  input: { Limit: limitField(), Marker: markerField() },
  handler(ctx, input) {
    const all = [...ctx.region.keys.values()].map((k) => ({ KeyId: k.keyId, KeyArn: k.arn }));
    const { items, ...page } = paginate(all, input.Limit ?? 100, input.Marker);
    return { Keys: items, ...page };
  },
});
