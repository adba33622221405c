import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * EnableKey: lets a Disabled key be used again.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html
 */
export const enableKey = defineOperation({
  name: 'EnableKey',
  summary: 'Enable a key (Disabled → Enabled)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'enableDisable', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    // Fidelity: for an Unavailable key AWS records the request and applies it on reconnection;
    // custom key stores are not simulated, so no key is Unavailable.
    ctx.key.send({ type: 'key.enable' });
    // A rotation that fell due while the key was disabled happens now.
    ctx.key.resumeRotation();
    return {};
  },
});
