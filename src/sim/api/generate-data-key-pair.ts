import { KmsError } from '../errors.js';
import { DATA_KEY_PAIR_SPECS, KEY_SPEC_INFO, type DataKeyPairSpec } from '../keys/key-specs.js';
import { enumOf, required } from './schema.js';
import { dryRunField, encryptionContextField, grantTokensField, keyIdField, recipientField } from './common-fields.js';
import { encryptUnder, refuseRecipient, useDataKeyKey } from './encryption.js';
import { defineOperation, type OperationContext } from './operation.js';

/** The input both GenerateDataKeyPair operations share. */
export const dataKeyPairInput = {
  KeyId: required(keyIdField('The symmetric encryption key that encrypts the private key (key id, key ARN, alias name or alias ARN).')),
  KeyPairSpec: required(enumOf('The type of key pair: RSA_2048/3072/4096, ECC_NIST_P256/P384/P521, ECC_SECG_P256K1, ECC_NIST_EDWARDS25519.', DATA_KEY_PAIR_SPECS)),
  EncryptionContext: encryptionContextField(),
  GrantTokens: grantTokensField(),
  DryRun: dryRunField(),
};

/** A data key pair: the private key in plaintext (PKCS #8) and encrypted, and the public key. */
export interface DataKeyPair {
  readonly privateKeyPlaintext: Buffer;
  readonly privateKeyCiphertextBlob: Buffer;
  readonly publicKey: Buffer;
  readonly keyMaterialId: string;
}

/** Makes a data key pair and encrypts its private key under the call's symmetric key. */
export function makeDataKeyPair(
  ctx: OperationContext,
  operation: string,
  input: { KeyPairSpec: DataKeyPairSpec; EncryptionContext?: Record<string, string>; DryRun?: boolean },
): DataKeyPair {
  useDataKeyKey(ctx.key, operation, 'data key pair');
  const generation = KEY_SPEC_INFO[input.KeyPairSpec].generation;
  if (generation.type === 'unsupported')
    throw new KmsError('UnsupportedOperationException', `KeyPairSpec ${input.KeyPairSpec} is not supported by the sandbox: ${generation.why}.`);
  ctx.checkDryRun(input.DryRun);
  const pair = ctx.region.hsm.generateDataKeyPair(generation);
  const encrypted = encryptUnder(ctx, ctx.key, pair.privateKey, input.EncryptionContext);
  return {
    privateKeyPlaintext: pair.privateKey,
    privateKeyCiphertextBlob: encrypted.ciphertextBlob,
    publicKey: pair.publicKey,
    keyMaterialId: encrypted.keyMaterialId,
  };
}

/**
 * GenerateDataKeyPair: an asymmetric data key pair for use outside KMS. The private key comes in
 * plaintext (DER PKCS #8) and encrypted under a symmetric KMS key; the public key is DER
 * SubjectPublicKeyInfo. KMS keeps neither.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
 */
export const generateDataKeyPair = defineOperation({
  name: 'GenerateDataKeyPair',
  summary: 'Make an asymmetric data key pair; the private key also encrypted under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeyPairSpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: { ...dataKeyPairInput, Recipient: recipientField() },
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatedatakeypair.html
  auditLayout: [['KeyPairSpec'], ['EncryptionContext'], ['KeyId']],
  handler(ctx, input) {
    refuseRecipient(input.Recipient);
    const pair = makeDataKeyPair(ctx, 'GenerateDataKeyPair', input);
    return {
      PrivateKeyCiphertextBlob: pair.privateKeyCiphertextBlob,
      PrivateKeyPlaintext: pair.privateKeyPlaintext,
      PublicKey: pair.publicKey,
      KeyId: ctx.key.arn,
      KeyPairSpec: input.KeyPairSpec,
      KeyMaterialId: pair.keyMaterialId,
    };
  },
});
