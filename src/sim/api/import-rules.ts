import { KmsError } from '../errors.js';
import type { KmsKey } from '../keys/kms-key.js';

/** Refuses import operations on keys whose material KMS generates ([9] of the key state table). */
export function assertImportable(key: KmsKey): void {
  if (key.origin !== 'EXTERNAL')
    throw new KmsError('UnsupportedOperationException', `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
  // Fidelity: AWS also imports asymmetric and HMAC material (since June 2023); those key specs
  // arrive with the asymmetric keys issue.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT')
    throw new KmsError('UnsupportedOperationException', `Importing ${key.keySpec} key material is not supported by the sandbox yet.`);
}
