import { KmsError } from '../errors.js';
import { removeImportedMaterial } from '../keys/imported-material.js';
import { required, string } from './schema.js';
import { keyIdField } from './common-fields.js';
import { assertImportable } from './import-rules.js';
import { defineOperation } from './operation.js';

/**
 * DeleteImportedKeyMaterial: deletes imported material (the current one by default); the key
 * goes to PendingImport until the same material is imported again.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
 */
export const deleteImportedKeyMaterial = defineOperation({
  name: 'DeleteImportedKeyMaterial',
  summary: 'Delete imported key material (the key goes to PendingImport)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html',
  readOnly: false,
  cryptographic: false,
  quota: { rps: 5 },
  key: { field: 'KeyId', rule: 'deleteImportedMaterial', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN of the EXTERNAL key.')),
    KeyMaterialId: string('Which material to delete; the current one by default.', { min: 64, max: 64, pattern: /^[a-f0-9]+$/ }),
  },
  handler(ctx, input) {
    const key = ctx.key;
    assertImportable(key);
    const record = input.KeyMaterialId === undefined ? key.currentMaterial : key.materials.find((m) => m.keyMaterialId === input.KeyMaterialId);
    if (input.KeyMaterialId !== undefined && !record)
      throw new KmsError('NotFoundException', `Key material ${input.KeyMaterialId} does not exist for ${key.arn}`);
    // Deleting when nothing is imported has no effect, as AWS documents for PendingImport keys.
    if (record && record.importState === 'IMPORTED') removeImportedMaterial(ctx.core, ctx.region, key, record);
    return { KeyId: key.arn, KeyMaterialId: record?.keyMaterialId ?? '' };
  },
});
