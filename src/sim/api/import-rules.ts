import { KmsError } from '../errors.js';
import { isAsymmetric } from '../keys/key-specs.js';
import type { KeySpec } from '../keys/key-types.js';
import type { KmsKey } from '../keys/kms-key.js';

/** Refuses import operations on keys whose material KMS generates ([9] of the key state table). */
export function assertImportable(key: KmsKey): void {
  if (key.origin !== 'EXTERNAL')
    throw new KmsError('UnsupportedOperationException', `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
  // Fidelity: AWS also imports asymmetric material (since June 2023); the sandbox imports
  // symmetric and HMAC material so far, and CreateKey refuses EXTERNAL asymmetric keys.
  if (isAsymmetric(key.keySpec))
    throw new KmsError('UnsupportedOperationException', `Importing ${key.keySpec} key material is not supported by the sandbox yet.`);
}

/**
 * The lengths of key material a key spec accepts, in bytes: 256 bits for symmetric keys; for HMAC
 * keys, from the digest length up to the hash's block size.
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-get-public-key-and-token.html
 */
export function importedMaterialLengths(spec: KeySpec): { readonly min: number; readonly max: number } {
  switch (spec) {
    case 'HMAC_224':
      return { min: 28, max: 64 };
    case 'HMAC_256':
      return { min: 32, max: 64 };
    case 'HMAC_384':
      return { min: 48, max: 128 };
    case 'HMAC_512':
      return { min: 64, max: 128 };
    default:
      return { min: 32, max: 32 };
  }
}
