import { cancelDeletion } from '../keys/key-deletion.js';
import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * CancelKeyDeletion: stops a scheduled deletion; the key returns Disabled, not Enabled.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
 */
export const cancelKeyDeletion = defineOperation({
  name: 'CancelKeyDeletion',
  summary: 'Cancel a scheduled deletion (the key returns Disabled)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'cancelDeletion', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    ctx.key.send({ type: 'key.cancelDeletion' });
    cancelDeletion(ctx.core, ctx.key);
    return { KeyId: ctx.key.arn };
  },
});
