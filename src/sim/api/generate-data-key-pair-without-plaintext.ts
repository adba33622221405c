import { dataKeyPairInput, makeDataKeyPair } from './generate-data-key-pair.js';
import { defineOperation } from './operation.js';

/**
 * GenerateDataKeyPairWithoutPlaintext: a data key pair whose private key is returned only
 * encrypted (decrypt it later with Decrypt), and its public key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html
 */
export const generateDataKeyPairWithoutPlaintext = defineOperation({
  name: 'GenerateDataKeyPairWithoutPlaintext',
  summary: 'Make an asymmetric data key pair; the private key only encrypted under a KMS key',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html',
  readOnly: true,
  cryptographic: true,
  quota: { byKeyPairSpec: true },
  key: { field: 'KeyId', rule: 'anyState', accepts: 'keyOrAlias' },
  input: dataKeyPairInput,
  // CloudTrail's order: https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatedatakeypairwithoutplaintext.html
  auditLayout: [['KeyPairSpec'], ['EncryptionContext'], ['KeyId']],
  handler(ctx, input) {
    const pair = makeDataKeyPair(ctx, 'GenerateDataKeyPairWithoutPlaintext', input);
    pair.privateKeyPlaintext.fill(0);
    return {
      PrivateKeyCiphertextBlob: pair.privateKeyCiphertextBlob,
      PublicKey: pair.publicKey,
      KeyId: ctx.key.arn,
      KeyPairSpec: input.KeyPairSpec,
      KeyMaterialId: pair.keyMaterialId,
    };
  },
});
