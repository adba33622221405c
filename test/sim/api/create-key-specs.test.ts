/**
 * CreateKey and DescribeKey over every KeySpec × KeyUsage: the combinations AWS allows get their
 * algorithm lists; the others are refused with a ValidationException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { RSA_SIGNING_ALGORITHMS, type KeySpec, type KeyUsage } from '../../helpers/asymmetric.js';
import { describeTestKey, expectKmsError, expectOk, REGION, testSandbox } from '../../helpers/sim.js';

const USAGES: readonly KeyUsage[] = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'];

type Lists = Partial<Record<'EncryptionAlgorithms' | 'SigningAlgorithms' | 'MacAlgorithms' | 'KeyAgreementAlgorithms', readonly string[]>>;
const OAEP = { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] };
const ECDH = { KeyAgreementAlgorithms: ['ECDH'] };

/** Per spec, the usages AWS allows and the algorithm lists DescribeKey then shows (AWS's order). */
const ALLOWED: Record<KeySpec, Partial<Record<KeyUsage, Lists>>> = {
  SYMMETRIC_DEFAULT: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } },
  RSA_2048: { ENCRYPT_DECRYPT: OAEP, SIGN_VERIFY: { SigningAlgorithms: RSA_SIGNING_ALGORITHMS } },
  RSA_3072: { ENCRYPT_DECRYPT: OAEP, SIGN_VERIFY: { SigningAlgorithms: RSA_SIGNING_ALGORITHMS } },
  RSA_4096: { ENCRYPT_DECRYPT: OAEP, SIGN_VERIFY: { SigningAlgorithms: RSA_SIGNING_ALGORITHMS } },
  ECC_NIST_P256: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_256'] }, KEY_AGREEMENT: ECDH },
  ECC_NIST_P384: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_384'] }, KEY_AGREEMENT: ECDH },
  ECC_NIST_P521: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_512'] }, KEY_AGREEMENT: ECDH },
  ECC_SECG_P256K1: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_256'] } },
  ECC_NIST_EDWARDS25519: { SIGN_VERIFY: { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] } },
  HMAC_224: { GENERATE_VERIFY_MAC: { MacAlgorithms: ['HMAC_SHA_224'] } },
  HMAC_256: { GENERATE_VERIFY_MAC: { MacAlgorithms: ['HMAC_SHA_256'] } },
  HMAC_384: { GENERATE_VERIFY_MAC: { MacAlgorithms: ['HMAC_SHA_384'] } },
  HMAC_512: { GENERATE_VERIFY_MAC: { MacAlgorithms: ['HMAC_SHA_512'] } },
  ML_DSA_44: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } },
  ML_DSA_65: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } },
  ML_DSA_87: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } },
  // Only the China Regions offer SM2 (Fidelity: allowed by AWS there, refused here with UnsupportedOperationException)
  SM2: { ENCRYPT_DECRYPT: {}, SIGN_VERIFY: {}, KEY_AGREEMENT: {} },
};
const UNSUPPORTED: readonly KeySpec[] = ['SM2'];

const COMBINATIONS = (Object.keys(ALLOWED) as KeySpec[]).flatMap((spec) => USAGES.map((usage) => ({ spec, usage, lists: ALLOWED[spec][usage] })));
const MADE = COMBINATIONS.filter((c) => c.lists && !UNSUPPORTED.includes(c.spec));
const REFUSED = COMBINATIONS.filter((c) => !c.lists);

describe('CreateKey and DescribeKey for every key spec and usage', () => {
  let sandbox: Sandbox;

  beforeAll(() => {
    sandbox = testSandbox();
  });

  it('covers all 17 key specs × 4 usages: 22 made, 3 (SM2) refused as unsupported here, 43 refused', () => {
    expect(COMBINATIONS).toHaveLength(68);
    expect(MADE).toHaveLength(22);
    expect(REFUSED).toHaveLength(43);
  });

  it.each(MADE)('creates a $spec $usage key with only its algorithm list', ({ spec, usage, lists }) => {
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: usage }));

    const listed = {
      EncryptionAlgorithms: KeyMetadata.EncryptionAlgorithms,
      SigningAlgorithms: KeyMetadata.SigningAlgorithms,
      MacAlgorithms: KeyMetadata.MacAlgorithms,
      KeyAgreementAlgorithms: KeyMetadata.KeyAgreementAlgorithms,
    };
    expect(listed).toEqual({ EncryptionAlgorithms: undefined, SigningAlgorithms: undefined, MacAlgorithms: undefined, KeyAgreementAlgorithms: undefined, ...lists });
    expect(KeyMetadata).toMatchObject({ KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: usage, KeyState: 'Enabled', Enabled: true, Origin: 'AWS_KMS' });
    // DescribeKey shows the same metadata
    expect(describeTestKey(sandbox, KeyMetadata.KeyId)).toEqual(KeyMetadata);
  });

  it.each(REFUSED)('refuses $spec with $usage: ValidationException', ({ spec, usage }) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: usage });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(`KeyUsage ${usage} is not compatible with KeySpec ${spec}.`);
  });

  it.each(COMBINATIONS.filter((c) => c.lists && UNSUPPORTED.includes(c.spec)))(
    'refuses $spec $usage, which it cannot make, with UnsupportedOperationException',
    ({ spec, usage }) => {
      const before = sandbox.keys().length;

      const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: usage });

      expectKmsError(outcome, 'UnsupportedOperationException', spec);
      expect(sandbox.keys()).toHaveLength(before);
    },
  );

  it.each((Object.keys(ALLOWED) as KeySpec[]).filter((s) => s !== 'SYMMETRIC_DEFAULT'))('requires a KeyUsage for %s', (spec) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  });

  it('accepts the deprecated CustomerMasterKeySpec for an asymmetric key', () => {
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { CustomerMasterKeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' }));

    expect(KeyMetadata).toMatchObject({ KeySpec: 'ECC_NIST_P384', CustomerMasterKeySpec: 'ECC_NIST_P384', SigningAlgorithms: ['ECDSA_SHA_384'] });
  });

  it('creates an EXTERNAL HMAC key pending import, with its MAC algorithm', () => {
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }));

    expect(KeyMetadata).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL', MacAlgorithms: ['HMAC_SHA_384'] });
  });

  it('refuses an EXTERNAL asymmetric key, whose material it cannot import yet, with UnsupportedOperationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });

    expectKmsError(outcome, 'UnsupportedOperationException');
  });
});
