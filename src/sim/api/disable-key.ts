import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * DisableKey: stops a key from being used for cryptography until it is enabled again.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
 */
export const disableKey = defineOperation({
  name: 'DisableKey',
  summary: 'Disable a key (Enabled → Disabled)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'enableDisable', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    ctx.key.send({ type: 'key.disable' });
    return {};
  },
});
