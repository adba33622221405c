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
    const key = ctx.key;
    key.send({ type: 'key.cancelDeletion' });
    cancelDeletion(ctx.core, key);
    // An imported key without all its material (never imported, or deleted or expired while the
    // deletion was pending) cannot be used: it goes back to PendingImport, not Disabled, so that
    // EnableKey cannot make an Enabled key with no material behind it.
    // Fidelity: AWS's CancelKeyDeletion page names only Disabled; its key-state page says an
    // imported key is PendingImport whenever any of its material is missing.
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
    if (key.origin === 'EXTERNAL' && (key.materials.length === 0 || key.materials.some((m) => m.importState !== 'IMPORTED')))
      key.send({ type: 'material.deleted' });
    return { KeyId: key.arn };
  },
});
