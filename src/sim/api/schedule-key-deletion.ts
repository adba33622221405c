import { KmsError } from '../errors.js';
import { scheduleDeletion } from '../keys/key-deletion.js';
import { integer, required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/** AWS's waiting period bounds for ScheduleKeyDeletion, in days. */
export const PENDING_WINDOW_DAYS = { min: 7, max: 30, default: 30 } as const;

/**
 * ScheduleKeyDeletion: starts a 7–30 day waiting period, after which the key and its key
 * material are deleted for good. https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
export const scheduleKeyDeletion = defineOperation({
  name: 'ScheduleKeyDeletion',
  summary: 'Schedule a key for deletion after a 7–30 day waiting period',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 15 },
  key: { field: 'KeyId', rule: 'scheduleDeletion', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField()),
    PendingWindowInDays: integer('The waiting period in days (7–30, default 30).', { min: 1, max: 365 }),
  },
  validate(input) {
    const days = input.PendingWindowInDays;
    // The model allows 1–365; the service enforces 7–30.
    if (days !== undefined && (days < PENDING_WINDOW_DAYS.min || days > PENDING_WINDOW_DAYS.max)) {
      const bound = days < PENDING_WINDOW_DAYS.min ? `greater than or equal to ${PENDING_WINDOW_DAYS.min}` : `less than or equal to ${PENDING_WINDOW_DAYS.max}`;
      throw new KmsError('ValidationException', `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`);
    }
  },
  handler(ctx, input) {
    const days = input.PendingWindowInDays ?? PENDING_WINDOW_DAYS.default;
    const set = ctx.key.multiRegionSet;
    const hasReplicas = set !== undefined && set.isPrimary(ctx.region.name) && set.replicaRegions.length > 0;
    ctx.key.send({ type: 'key.scheduleDeletion', hasReplicas });
    // A multi-Region primary with replicas waits (PendingReplicaDeletion); its waiting period
    // starts when its last replica is deleted, so it has no deletion date yet.
    if (hasReplicas) {
      ctx.key.pendingReplicaDeletionDays = days;
      return { KeyId: ctx.key.arn, KeyState: ctx.key.state, PendingWindowInDays: days };
    }
    ctx.key.deletion = scheduleDeletion(ctx.core, ctx.region, ctx.key, days);
    return {
      KeyId: ctx.key.arn,
      DeletionDate: ctx.key.deletion.deletionDate,
      KeyState: ctx.key.state,
      PendingWindowInDays: days,
    };
  },
});
