import { KmsError } from '../errors.js';
import { rotateKeyMaterial } from '../keys/rotation.js';
import { required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { assertCustomerManaged, assertNotReplica, assertRotatableSpec, MAX_ON_DEMAND_ROTATIONS } from './rotation-rules.js';

/**
 * RotateKeyOnDemand: rotates now, whatever the automatic schedule (which it does not change);
 * at most 25 times per key. Keys with imported material rotate to material imported with
 * ImportType NEW_KEY_MATERIAL. https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
 */
export const rotateKeyOnDemand = defineOperation({
  name: 'RotateKeyOnDemand',
  summary: 'Rotate the key material now (at most 25 times per key)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'rotateOnDemand', accepts: 'keyOnly' },
  input: { KeyId: required(keyIdField()) },
  handler(ctx) {
    const key = ctx.key;
    assertRotatableSpec(key);
    assertCustomerManaged(key, 'RotateKeyOnDemand');
    assertNotReplica(key, 'RotateKeyOnDemand');
    // Fidelity: AWS rotates multi-Region keys with imported material (since November 2025) once
    // the new material is imported into every replica; the sandbox does not model that yet.
    if (key.multiRegion && key.origin === 'EXTERNAL')
      throw new KmsError('UnsupportedOperationException', `The sandbox does not rotate multi-Region keys with imported key material yet (${key.arn}).`);
    if (key.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS)
      throw new KmsError(
        'LimitExceededException',
        `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
      );
    if (key.origin === 'EXTERNAL' && !key.materials.some((m) => m.state === 'PENDING_ROTATION'))
      // Fidelity: AWS's wording for this refusal is not documented; the code is the one its API lists.
      throw new KmsError(
        'UnsupportedOperationException',
        `${key.arn} has no key material in PENDING_ROTATION. Import new key material with ImportType NEW_KEY_MATERIAL first.`,
      );
    rotateKeyMaterial(ctx.core, ctx.region, key, 'ON_DEMAND');
    key.onDemandRotations += 1;
    return { KeyId: key.arn };
  },
});
