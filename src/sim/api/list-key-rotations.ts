import { enumOf, required } from './schema.js';
import { keyIdField, limitField, markerField } from './common-fields.js';
import { defineOperation } from './operation.js';
import { paginate } from './paging.js';
import { assertRotatableSpec } from './rotation-rules.js';

/**
 * ListKeyRotations: the key material of completed rotations (AUTOMATIC and ON_DEMAND), oldest
 * first; with IncludeKeyMaterial ALL_KEY_MATERIAL also the first material and imported material
 * pending rotation. https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
 */
export const listKeyRotations = defineOperation({
  name: 'ListKeyRotations',
  summary: "List a key's rotations and key material versions",
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 100 },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField()),
    IncludeKeyMaterial: enumOf('ROTATIONS_ONLY (default) or ALL_KEY_MATERIAL.', ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] as const),
    Limit: limitField(),
    Marker: markerField(),
  },
  handler(ctx, input) {
    const key = ctx.key;
    assertRotatableSpec(key);
    const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
    const imported = key.origin === 'EXTERNAL';
    const entries = key.materials
      .filter((m) => all || m.rotationType !== undefined)
      .map((m) => ({
        KeyId: key.keyId,
        KeyMaterialId: m.keyMaterialId,
        ...(imported && m.description !== undefined ? { KeyMaterialDescription: m.description } : {}),
        ...(imported && m.importState ? { ImportState: m.importState } : {}),
        KeyMaterialState: m.state,
        ...(imported && m.expirationModel ? { ExpirationModel: m.expirationModel } : {}),
        ...(imported && m.validTo ? { ValidTo: m.validTo } : {}),
        ...(m.rotationDate ? { RotationDate: m.rotationDate } : {}),
        ...(m.rotationType ? { RotationType: m.rotationType } : {}),
      }));
    const { items, ...page } = paginate(entries, input.Limit ?? 100, input.Marker);
    return { Rotations: items, ...page };
  },
});
