import { checkKeyPolicy, defaultKeyPolicy, POLICY_PATTERN } from '../access/key-policy.js';
import { KmsError } from '../errors.js';
import { replicateKeyMaterial } from '../hsm/region-hsm.js';
import { keyMetadata } from '../keys/key-metadata.js';
import { KmsKey } from '../keys/kms-key.js';
import { automaticRotation } from '../keys/rotation.js';
import { checkTags } from '../keys/tags.js';
import { boolean, required, string } from './schema.js';
import { keyIdField, tagsField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { MAX_KEYS_PER_REGION } from './create-key.js';

/**
 * How long a new replica stays Creating on the virtual clock.
 * Fidelity: AWS gives no figure ("the replica key is created in the Creating state … When the
 * process completes, the key state … is Enabled"); the sandbox takes 30 seconds, so a learner
 * sees it with `clock advance 30s`.
 */
export const REPLICA_CREATION_MS = 30_000;

/**
 * ReplicateKey: a replica of a multi-Region primary key in another Region, with the same key id
 * and key material; its description, policy and tags are its own. It is Creating, then Enabled
 * (PendingImport for an EXTERNAL key, whose material must be imported into it). KMS logs
 * CreateKey in the replica's Region.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 */
export const replicateKey = defineOperation({
  name: 'ReplicateKey',
  summary: 'Replicate a multi-Region primary key into another Region',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'replicate', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN of the multi-Region primary key.')),
    ReplicaRegion: required(string('The Region to replicate the key into, e.g. eu-west-1.', { min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ })),
    Policy: string("The replica's key policy (JSON); the default key policy when omitted.", { min: 1, max: 131072, pattern: POLICY_PATTERN }),
    BypassPolicyLockoutSafetyCheck: boolean('Skip the check that you can still manage the replica.'),
    Description: string("The replica's description.", { min: 0, max: 8192 }),
    Tags: tagsField(),
  },
  handler(ctx, input) {
    const primary = ctx.key;
    const set = primary.multiRegionSet;
    // Fidelity: AWS's texts for these refusals are not documented; these say what is wrong.
    if (!set) throw new KmsError('UnsupportedOperationException', `${primary.arn} is not a multi-Region key. Only multi-Region keys (mrk-…) can be replicated.`);
    if (!set.isPrimary(ctx.region.name))
      throw new KmsError('UnsupportedOperationException', `${primary.arn} is a replica key. Call ReplicateKey on the primary key in ${set.primaryRegion}.`);
    const target = ctx.core.region(input.ReplicaRegion);
    if (set.regions.includes(target.name))
      throw new KmsError('AlreadyExistsException', `The multi-Region key ${primary.keyId} already has a ${target.name === set.primaryRegion ? 'primary' : 'replica'} key in ${target.name}.`);
    if (input.Policy !== undefined) checkKeyPolicy(input.Policy, ctx.principal, input.BypassPolicyLockoutSafetyCheck ?? false);
    const tags = input.Tags ?? [];
    checkTags(tags);
    if (target.keys.size >= MAX_KEYS_PER_REGION)
      throw new KmsError('LimitExceededException', `The request was rejected because you have reached the limit of ${MAX_KEYS_PER_REGION} customer managed keys in ${target.name}.`);

    const policy = input.Policy ?? defaultKeyPolicy(ctx.core.accountId);
    const replica = new KmsKey({
      keyId: primary.keyId,
      region: target.name,
      accountId: primary.accountId,
      creationDate: ctx.now,
      description: input.Description ?? '',
      keySpec: primary.keySpec,
      keyUsage: primary.keyUsage,
      origin: primary.origin,
      keyManager: 'CUSTOMER',
      multiRegion: true,
      multiRegionSet: set,
      replica: true,
      policy,
      tags: new Map(tags.map((t) => [t.TagKey, t.TagValue])),
      clock: ctx.core.clock,
      onRotationDue: automaticRotation(ctx.core, target),
    });
    // The replica shares the primary's material (EXTERNAL keys: none until it is imported).
    if (primary.origin !== 'EXTERNAL') {
      replicateKeyMaterial(ctx.region.hsm, target.hsm, primary.keyId, { makeCurrent: true });
      for (const record of primary.materials) replica.materials.push({ ...record });
    }
    target.keys.set(replica.keyId, replica);
    set.regions.push(target.name);
    ctx.core.recordServiceEvent('CreateKey', replica);
    ctx.core.clock.schedule(ctx.core.clock.nowMs + REPLICA_CREATION_MS, `ReplicateKey ${replica.keyId} ${target.name}`, () => {
      if (target.keys.get(replica.keyId) === replica && replica.can({ type: 'replica.created' })) replica.send({ type: 'replica.created' });
    });
    return {
      ReplicaKeyMetadata: keyMetadata(replica, target.hsm.currentKeyMaterialId(replica.keyId)),
      ReplicaPolicy: policy,
      ReplicaTags: tags,
    };
  },
});
