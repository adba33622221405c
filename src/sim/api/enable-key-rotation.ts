import { DEFAULT_ROTATION_PERIOD_DAYS } from '../keys/rotation-machine.js';
import { integer, required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { assertCustomerManaged, assertNotExternal, assertNotReplica, assertRotatableSpec } from './rotation-rules.js';

/**
 * EnableKeyRotation: automatic rotation every RotationPeriodInDays (90–2560, default 365); calling
 * it again changes the period. https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 */
export const enableKeyRotation = defineOperation({
  name: 'EnableKeyRotation',
  summary: 'Turn on automatic rotation (every 90–2560 days, default 365)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 15 },
  key: { field: 'KeyId', rule: 'rotationConfig', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField()),
    RotationPeriodInDays: integer('Days between automatic rotations (90–2560, default 365).', { min: 90, max: 2560 }),
  },
  handler(ctx, input) {
    assertRotatableSpec(ctx.key);
    assertNotExternal(ctx.key);
    assertCustomerManaged(ctx.key, 'EnableKeyRotation');
    assertNotReplica(ctx.key, 'EnableKeyRotation');
    ctx.key.enableRotation(input.RotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS);
    return {};
  },
});
