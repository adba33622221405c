import { KmsError } from '../errors.js';
import { createImportParameters, type WrappingAlgorithm, type WrappingKeySpec } from '../hsm/key-import.js';
import { enumOf, required } from './schema.js';
import { keyIdField } from './common-fields.js';
import { assertImportable } from './import-rules.js';
import { defineOperation } from './operation.js';

/**
 * GetParametersForImport: an RSA wrapping public key and an import token for one EXTERNAL key,
 * valid together for 24 hours. https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
 */
export const getParametersForImport = defineOperation({
  name: 'GetParametersForImport',
  summary: 'Get a wrapping public key and import token (valid 24 hours)',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html',
  readOnly: true,
  cryptographic: false,
  quota: { rps: 0.25 },
  key: { field: 'KeyId', rule: 'importParameters', accepts: 'keyOnly' },
  input: {
    KeyId: required(keyIdField('The key id or key ARN of a key with Origin EXTERNAL.')),
    WrappingAlgorithm: required(
      enumOf('How the key material will be wrapped.', ['RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE'] as const),
    ),
    WrappingKeySpec: required(enumOf('The RSA wrapping key size.', ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const)),
  },
  handler(ctx, input) {
    assertImportable(ctx.key);
    if (input.WrappingAlgorithm === 'RSAES_PKCS1_V1_5')
      throw new KmsError('UnsupportedOperationException', 'The RSAES_PKCS1_V1_5 wrapping algorithm is not supported since October 10, 2023. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.');
    // Fidelity: SM2 wrapping exists only in the China Regions, which the sandbox does not simulate.
    if (input.WrappingAlgorithm === 'SM2PKE' || input.WrappingKeySpec === 'SM2')
      throw new KmsError('UnsupportedOperationException', 'SM2 wrapping is available only in the AWS China Regions.');
    const parameters = createImportParameters(
      ctx.region.hsm,
      ctx.key.keyId,
      input.WrappingKeySpec as WrappingKeySpec,
      input.WrappingAlgorithm as WrappingAlgorithm,
      ctx.core.clock.nowMs,
    );
    return { KeyId: ctx.key.arn, ImportToken: parameters.importToken, PublicKey: parameters.publicKey, ParametersValidTo: parameters.parametersValidTo };
  },
});
