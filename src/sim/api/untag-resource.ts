import { list, required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * UntagResource: removes tags from a key by tag key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
 */
export const untagResource = defineOperation({
  name: 'UntagResource',
  summary: 'Remove tags from a key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'manageMetadata', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN to untag.')),
    TagKeys: required(list('The tag keys to remove.', string('A tag key.', { min: 1, max: 128 }))),
  },
  handler(ctx, input) {
    for (const tagKey of input.TagKeys) ctx.key.tags.delete(tagKey);
    return {};
  },
});
