import { KmsError } from '../errors.js';
import { required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * How long both keys stay Updating on the virtual clock.
 * Fidelity: AWS says only that the update is brief and does not interrupt cryptography; the
 * sandbox takes 30 seconds, so a learner sees it with `clock advance 30s`.
 */
export const UPDATE_PRIMARY_REGION_MS = 30_000;

/**
 * UpdatePrimaryRegion: makes the replica in another Region the primary key of a multi-Region key
 * set; the old primary becomes a replica. Both keys are Updating for a moment, still usable for
 * cryptography. Shared properties (automatic rotation) are managed from the new primary afterwards.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
 */
export const updatePrimaryRegion = defineOperation({
  name: 'UpdatePrimaryRegion',
  summary: 'Make the replica in another Region the primary multi-Region key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'updatePrimaryRegion', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN of the current primary key.')),
    PrimaryRegion: required(string('The Region of the replica that becomes the primary, e.g. eu-west-1.', { min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ })),
  },
  handler(ctx, input) {
    const primary = ctx.key;
    const set = primary.multiRegionSet;
    // Fidelity: AWS's texts for these refusals are not documented; these say what is wrong.
    if (!set) throw new KmsError('UnsupportedOperationException', `${primary.arn} is not a multi-Region key.`);
    if (!set.isPrimary(ctx.region.name))
      throw new KmsError('UnsupportedOperationException', `${primary.arn} is a replica key. Call UpdatePrimaryRegion on the primary key in ${set.primaryRegion}.`);
    const targetRegion = ctx.core.region(input.PrimaryRegion);
    if (targetRegion.name === ctx.region.name)
      throw new KmsError('ValidationException', `${primary.arn} is already the primary key; PrimaryRegion must be the Region of one of its replicas.`);
    const replica = set.replicaRegions.includes(targetRegion.name) ? targetRegion.keys.get(primary.keyId) : undefined;
    if (!replica) throw new KmsError('NotFoundException', `The multi-Region key ${primary.keyId} has no replica in ${targetRegion.name}. Replicate it there first (ReplicateKey).`);
    replica.assertAllowed('updatePrimaryRegion');

    const rotation = primary.rotationEnabled ? primary.rotationPeriodDays : undefined;
    for (const key of [primary, replica]) if (key.can({ type: 'primaryRegion.updateStarted' })) key.send({ type: 'primaryRegion.updateStarted' });
    set.primaryRegion = targetRegion.name;
    // Automatic rotation is shared: the new primary carries the schedule on.
    // Fidelity: its next rotation is one period from now, not the old primary's date.
    if (rotation !== undefined) {
      primary.disableRotation();
      replica.enableRotation(rotation);
    }
    ctx.touch(replica);
    ctx.core.clock.schedule(ctx.core.clock.nowMs + UPDATE_PRIMARY_REGION_MS, `UpdatePrimaryRegion ${primary.keyId}`, () => {
      for (const key of [primary, replica]) if (key.can({ type: 'primaryRegion.updateFinished' })) key.send({ type: 'primaryRegion.updateFinished' });
    });
    return {};
  },
});
