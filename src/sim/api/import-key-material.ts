import { DAY_MS } from '../../lib/duration.js';
import type { SimCore } from '../core.js';
import type { KmsKey } from '../keys/kms-key.js';
import { KmsError } from '../errors.js';
import { unwrapImportedMaterial } from '../hsm/key-import.js';
import { importedKeyMaterialId } from '../hsm/region-hsm.js';
import { recordMaterialExpiryMetrics, scheduleMaterialExpiry } from '../keys/imported-material.js';
import type { ExpirationModel, KeyMaterialRecord } from '../keys/key-material.js';
import { blob, enumOf, required, string, timestamp } from './schema.js';
import { keyIdField } from './common-fields.js';
import { assertImportable, importedMaterialLengths } from './import-rules.js';
import { defineOperation } from './operation.js';

/** The furthest ahead ValidTo may be: 365 days. */
export const MAX_VALID_TO_MS = 365 * DAY_MS;

/**
 * ImportKeyMaterial: imports wrapped 256-bit key material into an EXTERNAL key. The first import
 * enables the key; later imports re-import the same material (EXISTING_KEY_MATERIAL, e.g. after
 * expiry) or bring new material for on-demand rotation (NEW_KEY_MATERIAL → PENDING_ROTATION).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
 */
export const importKeyMaterial = defineOperation({
  name: 'ImportKeyMaterial',
  summary: 'Import wrapped key material into an EXTERNAL key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'importMaterial', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN of the EXTERNAL key (the one the import token is for).')),
    ImportToken: required(blob('The import token from GetParametersForImport.', { min: 1, max: 6144 })),
    EncryptedKeyMaterial: required(blob('The key material wrapped with the wrapping public key.', { min: 1, max: 6144 })),
    ValidTo: timestamp('When the material expires (with KEY_MATERIAL_EXPIRES); at most 365 days ahead.'),
    ExpirationModel: enumOf('KEY_MATERIAL_EXPIRES (default; needs ValidTo) or KEY_MATERIAL_DOES_NOT_EXPIRE.', ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] as const),
    ImportType: enumOf('NEW_KEY_MATERIAL or EXISTING_KEY_MATERIAL (the default after the first import).', ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] as const),
    KeyMaterialDescription: string('A description of this key material.', { min: 0, max: 256 }),
    KeyMaterialId: string('The id of the material being re-imported (checked against it).', { min: 64, max: 64, pattern: /^[a-f0-9]+$/ }),
  },
  handler(ctx, input) {
    const key = ctx.key;
    assertImportable(key);
    const now = ctx.core.clock.nowMs;
    const expirationModel: ExpirationModel = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
    if (expirationModel === 'KEY_MATERIAL_EXPIRES') {
      if (!input.ValidTo) throw new KmsError('ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
      if (input.ValidTo.getTime() <= now) throw new KmsError('ValidationException', 'The validTo date must be in the future.');
      if (input.ValidTo.getTime() > now + MAX_VALID_TO_MS) throw new KmsError('ValidationException', 'The validTo date must be no more than 365 days from now.');
    } else if (input.ValidTo) {
      throw new KmsError('ValidationException', 'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE');
    }

    const material = unwrapImportedMaterial(ctx.region.hsm, key.keyId, input.ImportToken, input.EncryptedKeyMaterial, now);
    try {
      const lengths = importedMaterialLengths(key.keySpec);
      if (material.length < lengths.min || material.length > lengths.max)
        throw new KmsError('IncorrectKeyMaterialException', lengths.min === lengths.max
          ? `Key material for a ${key.keySpec} key must be ${lengths.min * 8} bits (${lengths.min} bytes); this is ${material.length} bytes.`
          : `Key material for a ${key.keySpec} key must be ${lengths.min} to ${lengths.max} bytes; this is ${material.length} bytes.`);
      const keyMaterialId = importedKeyMaterialId(key.keyId, material);
      if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== keyMaterialId)
        throw new KmsError('IncorrectKeyMaterialException', `The key material is not the key material with id ${input.KeyMaterialId}.`);
      const first = key.materials.length === 0;
      if (first) assertSameAsOtherRegions(ctx.core, key, keyMaterialId);
      const importType = input.ImportType ?? (first ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
      let record = key.materials.find((m) => m.keyMaterialId === keyMaterialId);
      if (first) {
        record = { keyMaterialId, state: 'CURRENT' };
        key.materials.push(record);
      } else if (importType === 'NEW_KEY_MATERIAL') {
        // Only symmetric encryption keys rotate; HMAC (and asymmetric) keys keep their first material.
        if (key.keySpec !== 'SYMMETRIC_DEFAULT')
          throw new KmsError('UnsupportedOperationException', `${key.arn} key spec ${key.keySpec} cannot have new key material: only symmetric encryption keys rotate. Re-import the same material with ImportType EXISTING_KEY_MATERIAL.`);
        if (record) throw new KmsError('IncorrectKeyMaterialException', `This key material (${keyMaterialId}) was already imported into ${key.arn}; import it with ImportType EXISTING_KEY_MATERIAL.`);
        if (key.materials.some((m) => m.state === 'PENDING_ROTATION'))
          throw new KmsError('IncorrectKeyMaterialException', `${key.arn} already has key material in PENDING_ROTATION: rotate to it with RotateKeyOnDemand, or delete it first.`);
        record = { keyMaterialId, state: 'PENDING_ROTATION' };
        key.materials.push(record);
      } else if (!record) {
        throw new KmsError('IncorrectKeyMaterialException', `The key material is not the same key material that was previously imported into ${key.arn}.`);
      }
      ctx.region.hsm.storeImportedKeyMaterial(key.keyId, material, record.state === 'CURRENT');
      record.importState = 'IMPORTED';
      record.expirationModel = expirationModel;
      if (input.ValidTo) record.validTo = input.ValidTo;
      else delete (record as Partial<KeyMaterialRecord>).validTo;
      if (input.KeyMaterialDescription !== undefined) record.description = input.KeyMaterialDescription;
      scheduleMaterialExpiry(ctx.core, ctx.region, key, record);
      // The key is usable again once every one of its materials is back in the HSM.
      if (key.state === 'PendingImport' && key.materials.every((m) => m.importState === 'IMPORTED')) key.send({ type: 'material.imported' });
      ctx.touch(key, keyMaterialId);
      recordMaterialExpiryMetrics(ctx.core);
      return { KeyId: key.arn, KeyMaterialId: keyMaterialId };
    } finally {
      material.fill(0);
    }
  },
});

/**
 * The keys of a multi-Region key set share their key material: material imported into one of them
 * must be the material the others already have.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-import.html
 */
function assertSameAsOtherRegions(core: SimCore, key: KmsKey, keyMaterialId: string): void {
  const set = key.multiRegionSet;
  if (!set) return;
  for (const name of set.regions) {
    const other = name === key.region ? undefined : core.regions.get(name)?.keys.get(key.keyId);
    if (other && other.materials.length > 0 && !other.materials.some((m) => m.keyMaterialId === keyMaterialId))
      throw new KmsError('IncorrectKeyMaterialException', `The key material is not the key material of the multi-Region key ${key.keyId} in ${name}: every key of the set must have the same material.`);
  }
}
