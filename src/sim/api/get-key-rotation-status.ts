import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { assertNotExternal, rotatableSpec } from './rotation-rules.js';

/**
 * GetKeyRotationStatus: whether automatic rotation is on, its period and next date. A key
 * pending deletion reports false (cancelling the deletion restores it).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
 */
export const getKeyRotationStatus = defineOperation({
  name: 'GetKeyRotationStatus',
  summary: 'Show whether automatic rotation is on, its period and next date',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 1000 },
  key: { field: 'KeyId', rule: 'rotationStatus', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    // A replica reports its primary's rotation, which the whole multi-Region key set shares.
    const set = ctx.key.multiRegionSet;
    const key = (set && !set.isPrimary(ctx.region.name) && ctx.core.regions.get(set.primaryRegion)?.keys.get(ctx.key.keyId)) || ctx.key;
    // Asymmetric and HMAC keys never rotate: AWS documents their status as always false.
    if (!rotatableSpec(key)) return { KeyRotationEnabled: false, KeyId: ctx.key.arn };
    assertNotExternal(key);
    const enabled = key.rotationEnabled && key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion';
    const next = key.nextRotationDate;
    // Fidelity: OnDemandRotationStartDate is never returned: an on-demand rotation completes
    // within the RotateKeyOnDemand call here, so none is ever in progress.
    return {
      KeyRotationEnabled: enabled,
      KeyId: ctx.key.arn,
      ...(enabled ? { RotationPeriodInDays: key.rotationPeriodDays } : {}),
      ...(enabled && next ? { NextRotationDate: next } : {}),
    };
  },
});
