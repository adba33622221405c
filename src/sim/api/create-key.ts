import { randomUUID } from 'node:crypto';
import { checkKeyPolicy, defaultKeyPolicy, POLICY_PATTERN } from '../access/key-policy.js';
import { KmsError } from '../errors.js';
import { keyMetadata } from '../keys/key-metadata.js';
import { isAsymmetric, KEY_SPEC_INFO } from '../keys/key-specs.js';
import { CUSTOMER_MASTER_KEY_SPECS, KEY_SPECS, KEY_USAGES, ORIGINS, type KeySpec, type KeyUsage } from '../keys/key-types.js';
import { KmsKey } from '../keys/kms-key.js';
import { MultiRegionKeySet, multiRegionKeyId } from '../regions/multi-region.js';
import { automaticRotation } from '../keys/rotation.js';
import { checkTags } from '../keys/tags.js';
import { boolean, enumOf, string } from './schema.js';
import { tagsField } from './common-fields.js';
import { defineOperation } from './operation.js';

/** Customer managed keys per Region (an adjustable AWS resource quota). */
export const MAX_KEYS_PER_REGION = 100_000;

/**
 * CreateKey: a new customer managed KMS key in the caller's Region.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
export const createKey = defineOperation({
  name: 'CreateKey',
  summary: 'Create a customer managed KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  input: {
    Policy: string('The key policy (JSON); the default key policy when omitted.', { min: 1, max: 131072, pattern: POLICY_PATTERN }),
    Description: string('A description of the key.', { min: 0, max: 8192 }),
    KeyUsage: enumOf('What the key is for; ENCRYPT_DECRYPT for symmetric keys.', KEY_USAGES),
    CustomerMasterKeySpec: enumOf('Deprecated: use KeySpec.', CUSTOMER_MASTER_KEY_SPECS),
    KeySpec: enumOf('The type of key; SYMMETRIC_DEFAULT by default.', KEY_SPECS),
    Origin: enumOf('Where the key material comes from; AWS_KMS by default.', ORIGINS),
    CustomKeyStoreId: string('A custom key store (not simulated).', { min: 1, max: 64 }),
    BypassPolicyLockoutSafetyCheck: boolean('Skip the check that you can still manage the key.'),
    Tags: tagsField(),
    MultiRegion: boolean('Create a multi-Region primary key.'),
    XksKeyId: string('A key in an external key store (not simulated).', { min: 1, max: 128 }),
  },
  validate(input) {
    if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined)
      throw new KmsError('ValidationException', 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  },
  handler(ctx, input) {
    const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    const origin = input.Origin ?? 'AWS_KMS';
    const keyUsage = checkKeyUsage(keySpec, input.KeyUsage);
    const spec = KEY_SPEC_INFO[keySpec];
    if (spec.generation.type === 'unsupported')
      throw new KmsError('UnsupportedOperationException', `KeySpec ${keySpec} is not supported by the sandbox: ${spec.generation.why}.`);
    // Fidelity: AWS imports asymmetric key material too (since June 2023); the sandbox imports
    // symmetric and HMAC material only so far.
    if (origin === 'EXTERNAL' && isAsymmetric(keySpec))
      throw new KmsError('UnsupportedOperationException', `The sandbox does not import ${keySpec} key material yet; EXTERNAL keys can be SYMMETRIC_DEFAULT or HMAC keys.`);
    if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE')
      throw new KmsError('UnsupportedOperationException', `Origin ${origin} needs a custom key store, which the sandbox does not simulate.`);
    if (input.CustomKeyStoreId !== undefined || input.XksKeyId !== undefined)
      throw new KmsError('UnsupportedOperationException', 'The sandbox does not simulate custom key stores.');
    const policy = input.Policy ?? defaultKeyPolicy(ctx.core.accountId);
    if (input.Policy !== undefined) checkKeyPolicy(input.Policy, ctx.principal, input.BypassPolicyLockoutSafetyCheck ?? false);
    const tags = input.Tags ?? [];
    checkTags(tags);
    if (ctx.region.keys.size >= MAX_KEYS_PER_REGION)
      throw new KmsError('LimitExceededException', `The request was rejected because you have reached the limit of ${MAX_KEYS_PER_REGION} customer managed keys in ${ctx.region.name}.`);

    const keyId = input.MultiRegion ? multiRegionKeyId() : randomUUID();
    const multiRegionSet = input.MultiRegion ? new MultiRegionKeySet(keyId, ctx.core.accountId, ctx.region.name) : undefined;
    const key = new KmsKey({
      keyId,
      region: ctx.region.name,
      accountId: ctx.core.accountId,
      creationDate: ctx.now,
      description: input.Description ?? '',
      keySpec,
      keyUsage,
      origin,
      keyManager: 'CUSTOMER',
      multiRegion: multiRegionSet !== undefined,
      multiRegionSet,
      policy,
      tags: new Map(tags.map((t) => [t.TagKey, t.TagValue])),
      clock: ctx.core.clock,
      onRotationDue: automaticRotation(ctx.core, ctx.region),
    });
    // EXTERNAL keys start without material (PendingImport); others get theirs from the HSM now.
    const keyMaterialId = origin === 'EXTERNAL' ? undefined : ctx.region.hsm.generateKeyMaterial(key.keyId, spec.generation);
    if (keyMaterialId) key.materials.push({ keyMaterialId, state: 'CURRENT' });
    ctx.region.keys.set(key.keyId, key);
    if (multiRegionSet) ctx.core.multiRegionKeys.set(keyId, multiRegionSet);
    ctx.touch(key);
    return { KeyMetadata: keyMetadata(key, keyMaterialId) };
  },
});

/**
 * The key usage of a new key: required for every spec but SYMMETRIC_DEFAULT, and one the spec
 * supports (RSA: encryption or signing; ECC: signing or key agreement; HMAC: MACs).
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
function checkKeyUsage(keySpec: KeySpec, keyUsage: KeyUsage | undefined): KeyUsage {
  if (keyUsage === undefined) {
    if (keySpec === 'SYMMETRIC_DEFAULT') return 'ENCRYPT_DECRYPT';
    throw new KmsError('ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  if (!KEY_SPEC_INFO[keySpec].usages.includes(keyUsage))
    throw new KmsError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
  return keyUsage;
}
