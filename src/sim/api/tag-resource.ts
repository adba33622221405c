import { checkTags } from '../keys/tags.js';
import { required } from './schema.js';
import { keyIdField, tagsField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * TagResource: adds tags to a key, replacing the values of keys it already has.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
 */
export const tagResource = defineOperation({
  name: 'TagResource',
  summary: 'Add or replace tags on a key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 10 },
  key: { field: 'KeyId', rule: 'manageMetadata', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField('The key id or key ARN to tag.')), Tags: required(tagsField()) },
  handler(ctx, input) {
    checkTags(input.Tags, ctx.key.tags);
    for (const tag of input.Tags) ctx.key.tags.set(tag.TagKey, tag.TagValue);
    return {};
  },
});
