import { required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * UpdateKeyDescription: replaces a key's description.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html
 */
export const updateKeyDescription = defineOperation({
  name: 'UpdateKeyDescription',
  summary: "Replace a key's description",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'manageMetadata', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()), Description: required(string('The new description.', { min: 0, max: 8192 })) },
  handler(ctx, input) {
    ctx.key.description = input.Description;
    return {};
  },
});
