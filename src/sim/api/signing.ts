import { KmsError } from '../errors.js';
import { KEY_SPEC_INFO, signingHash, type MessageType, type SigningAlgorithm } from '../keys/key-specs.js';
import type { KmsKey } from '../keys/kms-key.js';
import { incompatibleAlgorithm, useKey } from './encryption.js';

/**
 * Checks a Sign or Verify request in AWS's order (usage, key state, algorithm against the key
 * spec, message type, digest length) and returns the message type (RAW when none is given).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 */
export function checkSigning(
  key: KmsKey,
  operation: 'Sign' | 'Verify',
  algorithm: SigningAlgorithm,
  messageType: MessageType | undefined,
  message: Uint8Array,
): MessageType {
  useKey(key, 'SIGN_VERIFY', operation);
  if (!KEY_SPEC_INFO[key.keySpec].signingAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, key);
  const type = messageType ?? 'RAW';
  // Ed25519 (AWS): ED25519_SHA_512 signs the message itself (RAW); ED25519_PH_SHA_512 signs a
  // SHA-512 digest (DIGEST). EXTERNAL_MU is for ML-DSA keys only.
  if ((algorithm === 'ED25519_SHA_512' && type !== 'RAW') || (algorithm === 'ED25519_PH_SHA_512' && type !== 'DIGEST'))
    throw new KmsError('ValidationException', `Message type ${type} is incompatible with algorithm ${algorithm}.`);
  const mlDsa = algorithm === 'ML_DSA_SHAKE_256';
  // ML-DSA signs a RAW message (pure ML-DSA) or the 64-byte µ of FIPS 204 (EXTERNAL_MU), never a
  // DIGEST; EXTERNAL_MU is for ML-DSA only.
  if ((mlDsa && type === 'DIGEST') || (!mlDsa && type === 'EXTERNAL_MU'))
    throw new KmsError('ValidationException', `Message type ${type} is incompatible with key spec ${key.keySpec}.`);
  // Fidelity: AWS documents that µ must be 64 bytes but not the message of a wrong length; this is
  // the DIGEST one.
  const expected = type === 'EXTERNAL_MU' ? 64 : type === 'DIGEST' ? signingHash(algorithm)?.digestBytes : undefined;
  if (expected !== undefined && message.length !== expected)
    throw new KmsError('ValidationException', `Digest is invalid length for algorithm ${algorithm}.`);
  return type;
}
