import { cancelKeyDeletion } from './cancel-key-deletion.js';
import { deleteImportedKeyMaterial } from './delete-imported-key-material.js';
import { disableKeyRotation } from './disable-key-rotation.js';
import { enableKeyRotation } from './enable-key-rotation.js';
import { getKeyRotationStatus } from './get-key-rotation-status.js';
import { getParametersForImport } from './get-parameters-for-import.js';
import { importKeyMaterial } from './import-key-material.js';
import { listKeyRotations } from './list-key-rotations.js';
import { rotateKeyOnDemand } from './rotate-key-on-demand.js';
import { createAlias } from './create-alias.js';
import { replicateKey } from './replicate-key.js';
import { updatePrimaryRegion } from './update-primary-region.js';
import { deriveSharedSecret } from './derive-shared-secret.js';
import { generateDataKeyPair } from './generate-data-key-pair.js';
import { generateDataKeyPairWithoutPlaintext } from './generate-data-key-pair-without-plaintext.js';
import { generateMac } from './generate-mac.js';
import { getPublicKey } from './get-public-key.js';
import { sign } from './sign.js';
import { verify } from './verify.js';
import { verifyMac } from './verify-mac.js';
import { createKey } from './create-key.js';
import { decrypt } from './decrypt.js';
import { deleteAlias } from './delete-alias.js';
import { describeKey } from './describe-key.js';
import { disableKey } from './disable-key.js';
import { enableKey } from './enable-key.js';
import { encrypt } from './encrypt.js';
import { generateDataKey } from './generate-data-key.js';
import { generateDataKeyWithoutPlaintext } from './generate-data-key-without-plaintext.js';
import { generateRandom } from './generate-random.js';
import { getKeyPolicy } from './get-key-policy.js';
import { listAliases } from './list-aliases.js';
import { listKeyPolicies } from './list-key-policies.js';
import { listKeys } from './list-keys.js';
import { listResourceTags } from './list-resource-tags.js';
import type { OperationDef } from './operation.js';
import type { InputOf } from './schema.js';
import { putKeyPolicy } from './put-key-policy.js';
import { reEncrypt } from './re-encrypt.js';
import { scheduleKeyDeletion } from './schedule-key-deletion.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateAlias } from './update-alias.js';
import { updateKeyDescription } from './update-key-description.js';

/**
 * The operation registry: every KMS operation the sandbox implements, each defined once.
 * The dispatcher, the HTTP endpoint, the console, its help and completion read it.
 */
export const OPERATIONS = [
  cancelKeyDeletion,
  createAlias,
  createKey,
  decrypt,
  deleteAlias,
  deleteImportedKeyMaterial,
  deriveSharedSecret,
  describeKey,
  disableKey,
  disableKeyRotation,
  enableKey,
  enableKeyRotation,
  encrypt,
  generateDataKey,
  generateDataKeyPair,
  generateDataKeyPairWithoutPlaintext,
  generateDataKeyWithoutPlaintext,
  generateMac,
  generateRandom,
  getKeyPolicy,
  getKeyRotationStatus,
  getParametersForImport,
  getPublicKey,
  importKeyMaterial,
  listAliases,
  listKeyPolicies,
  listKeyRotations,
  listKeys,
  listResourceTags,
  putKeyPolicy,
  reEncrypt,
  replicateKey,
  rotateKeyOnDemand,
  scheduleKeyDeletion,
  sign,
  tagResource,
  untagResource,
  updateAlias,
  updateKeyDescription,
  updatePrimaryRegion,
  verify,
  verifyMac,
] as const;

/** The name of an operation the sandbox implements. */
export type OperationName = (typeof OPERATIONS)[number]['name'];

type DefOf<N extends OperationName> = Extract<(typeof OPERATIONS)[number], { name: N }>;

/** The input type of an operation, with AWS wire names. */
export type OperationInput<N extends OperationName> = DefOf<N> extends OperationDef<infer S, unknown, N> ? InputOf<S> : never;

/** The output type of an operation, with AWS wire names. */
export type OperationOutput<N extends OperationName> = ReturnType<DefOf<N>['handler']>;

const BY_NAME: ReadonlyMap<string, OperationDef> = new Map(OPERATIONS.map((op) => [op.name, op as unknown as OperationDef]));

/** The definition of an operation by its AWS name, or undefined. */
export function findOperation(name: string): OperationDef | undefined {
  return BY_NAME.get(name);
}
