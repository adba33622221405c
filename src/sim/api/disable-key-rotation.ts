import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { assertCustomerManaged, assertNotExternal, assertNotReplica, rotatableSpec } from './rotation-rules.js';

/**
 * DisableKeyRotation: turns automatic rotation off; existing material versions stay.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html
 */
export const disableKeyRotation = defineOperation({
  name: 'DisableKeyRotation',
  summary: 'Turn off automatic rotation',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'rotationConfig', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    // Keys that cannot rotate have rotation off already: AWS accepts the call and changes nothing.
    if (!rotatableSpec(ctx.key)) return {};
    assertNotExternal(ctx.key);
    assertCustomerManaged(ctx.key, 'DisableKeyRotation');
    assertNotReplica(ctx.key, 'DisableKeyRotation');
    ctx.key.disableRotation();
    return {};
  },
});
