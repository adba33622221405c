import { required } from './schema.js';
import { keyIdField, limitField, markerField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { paginate } from './paging.js';

/**
 * ListResourceTags: a key's tags, in pages of at most 50.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
 */
export const listResourceTags = defineOperation({
  name: 'ListResourceTags',
  summary: "List a key's tags",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 2000 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField('The key id or key ARN.')), Limit: limitField(50), Marker: markerField() },
  handler(ctx, input) {
    const all = [...ctx.key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    const { items, ...page } = paginate(all, input.Limit ?? 50, input.Marker);
    return { Tags: items, ...page };
  },
});
