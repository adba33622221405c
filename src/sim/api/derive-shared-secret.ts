import { KmsError } from '../errors.js';
import { peerPublicKey } from '../hsm/asymmetric-crypto.js';
import { KEY_AGREEMENT_ALGORITHMS, KEY_SPEC_INFO } from '../keys/key-specs.js';
import { blob, enumOf, required } from './schema.js';
import { dryRunField, grantTokensField, keyIdField, recipientField } from './common-fields.js';
import { refuseRecipient, useKey } from './encryption.js';
import { defineOperation } from './operation.js';

/**
 * DeriveSharedSecret: ECDH between the private key of a KEY_AGREEMENT key (which never leaves KMS)
 * and a peer's public key on the same curve. The result is the raw shared secret (the x
 * coordinate, SP 800-56A cofactor ECDH); AWS applies no KDF, and recommends one.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
 */
export const deriveSharedSecret = defineOperation({
  name: 'DeriveSharedSecret',
  summary: 'ECDH: a shared secret from a KEY_AGREEMENT key and a peer public key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeySpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: {
    KeyId: required(keyIdField('The key id, key ARN, alias name or alias ARN of an ECC KEY_AGREEMENT key.')),
    KeyAgreementAlgorithm: required(enumOf('The key agreement algorithm: ECDH.', KEY_AGREEMENT_ALGORITHMS)),
    PublicKey: required(blob("The peer's public key: DER SubjectPublicKeyInfo, on the same curve.", { min: 1, max: 8192 })),
    GrantTokens: grantTokensField(),
    DryRun: dryRunField(),
    Recipient: recipientField(),
  },
  handler(ctx, input) {
    const key = ctx.key;
    refuseRecipient(input.Recipient);
    useKey(key, 'KEY_AGREEMENT', 'DeriveSharedSecret');
    if (!KEY_SPEC_INFO[key.keySpec].keyAgreementAlgorithms.includes(input.KeyAgreementAlgorithm))
      throw new KmsError('InvalidKeyUsageException', `Algorithm ${input.KeyAgreementAlgorithm} is incompatible with key spec ${key.keySpec}.`);
    const generation = KEY_SPEC_INFO[key.keySpec].generation;
    const peer = generation.type === 'ec' ? peerPublicKey(input.PublicKey, generation.namedCurve) : undefined;
    // Fidelity: AWS documents a ValidationException for a malformed public key, without its text.
    if (!peer)
      throw new KmsError('ValidationException', `PublicKey must be a DER-encoded X.509 SubjectPublicKeyInfo of an elliptic curve key on the curve of ${key.keySpec}.`);
    ctx.checkDryRun(input.DryRun);
    return {
      KeyId: key.arn,
      SharedSecret: ctx.region.hsm.deriveSharedSecret(key.keyId, peer),
      KeyAgreementAlgorithm: input.KeyAgreementAlgorithm,
      KeyOrigin: key.origin,
    };
  },
});
