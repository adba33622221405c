import { KmsError } from '../errors.js';
import { algorithmsFor, isAsymmetric } from '../keys/key-specs.js';
import { required } from './schema.js';
import { grantTokensField, keyIdField } from './common-fields.js';
import { defineOperation } from './operation.js';

/**
 * GetPublicKey: the public key of an asymmetric key, as DER SubjectPublicKeyInfo (RFC 5280), with
 * its spec, usage and algorithms, so that it can be used outside KMS (openssl, node:crypto).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
 */
export const getPublicKey = defineOperation({
  name: 'GetPublicKey',
  summary: 'Download the public key of an asymmetric KMS key (DER)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 2000 },
  key: { field: 'KeyId', rule: 'publicKey', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of an asymmetric key.')),
    GrantTokens: grantTokensField(),
  },
  handler(ctx) {
    const key = ctx.key;
    // Symmetric and HMAC keys have no public key; AWS sends this error without a message.
    if (!isAsymmetric(key.keySpec)) throw new KmsError('UnsupportedOperationException', '');
    const algorithms = algorithmsFor(key.keySpec, key.keyUsage);
    return {
      KeyId: key.arn,
      PublicKey: ctx.region.hsm.publicKey(key.keyId),
      CustomerMasterKeySpec: key.keySpec,
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      ...(algorithms.encryption ? { EncryptionAlgorithms: [...algorithms.encryption] } : {}),
      ...(algorithms.signing ? { SigningAlgorithms: [...algorithms.signing] } : {}),
      ...(algorithms.keyAgreement ? { KeyAgreementAlgorithms: [...algorithms.keyAgreement] } : {}),
    };
  },
});
