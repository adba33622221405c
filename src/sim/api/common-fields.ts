import { MAC_ALGORITHMS, MESSAGE_TYPES, SIGNING_ALGORITHMS } from '../keys/key-specs.js';
import { blob, boolean, enumOf, integer, list, required, string, stringMap, structure } from './schema.js';

/** Members shared by many operations, with the KMS API model's constraints. */
export const keyIdField = (doc = 'The key id or key ARN of the KMS key.') =>
  string(doc, { min: 1, max: 2048 });

export const encryptionContextField = (doc = 'Key-value pairs bound to the ciphertext as additional authenticated data.') =>
  stringMap(doc);

export const grantTokensField = () =>
  list('Grant tokens (accepted; grants are not simulated yet).', string('A grant token.', { min: 1, max: 8192 }), { min: 0, max: 10 });

export const dryRunField = () => boolean('Checks the request without performing it (DryRunOperationException on success).');

export const limitField = (max = 1000) => integer('The most items to return in one page.', { min: 1, max });

export const markerField = () =>
  string('Where to start: the NextMarker of the previous page.', { min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ });

export const tagsField = () =>
  list(
    'Tags: TagKey and TagValue pairs.',
    structure('A tag.', {
      TagKey: required(string('The tag key.', { min: 1, max: 128 })),
      TagValue: required(string('The tag value.', { min: 0, max: 256 })),
    }),
  );

export const encryptionAlgorithmField = () =>
  enumOf('The encryption algorithm; SYMMETRIC_DEFAULT for symmetric keys.', [
    'SYMMETRIC_DEFAULT',
    'RSAES_OAEP_SHA_1',
    'RSAES_OAEP_SHA_256',
    'SM2PKE',
  ] as const);

export const recipientField = () =>
  structure('A Nitro Enclaves attestation document (not simulated).', {
    KeyEncryptionAlgorithm: enumOf('The algorithm for the recipient key.', ['RSAES_OAEP_SHA_256'] as const),
    AttestationDocument: string('The attestation document, base64.', { min: 1, max: 262144 }),
  });

export const dryRunModifiersField = () =>
  list('Dry-run modifiers: IGNORE_CIPHERTEXT checks a Decrypt or ReEncrypt without a ciphertext.', enumOf('A modifier.', ['IGNORE_CIPHERTEXT'] as const));

export const signingAlgorithmField = () =>
  enumOf('The signing algorithm; one the key spec supports (DescribeKey lists them).', SIGNING_ALGORITHMS);

export const messageTypeField = () =>
  enumOf('RAW (default): KMS hashes the message; DIGEST: the message is already a digest; EXTERNAL_MU: ML-DSA only.', MESSAGE_TYPES);

export const macAlgorithmField = () => enumOf('The MAC algorithm: the one that matches the HMAC key spec.', MAC_ALGORITHMS);

export const messageField = (doc: string) => blob(doc, { min: 1, max: 4096, sensitive: true });
