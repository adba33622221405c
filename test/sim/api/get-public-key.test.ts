import { createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, RSA_SIGNING_ALGORITHMS, type KeySpec, type KeyUsage } from '../../helpers/asymmetric.js';
import { createExternalKey } from '../../helpers/key-import.js';
import {
  createTestAlias,
  createTestKey,
  expectKmsError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
  type TestKey,
} from '../../helpers/sim.js';

/** What node:crypto reads from each spec's SubjectPublicKeyInfo. */
const SPKI = [
  ['RSA_2048', 'SIGN_VERIFY', { asymmetricKeyType: 'rsa', details: { modulusLength: 2048, publicExponent: 65537n } }],
  ['RSA_3072', 'ENCRYPT_DECRYPT', { asymmetricKeyType: 'rsa', details: { modulusLength: 3072, publicExponent: 65537n } }],
  ['ECC_NIST_P256', 'SIGN_VERIFY', { asymmetricKeyType: 'ec', details: { namedCurve: 'prime256v1' } }],
  ['ECC_NIST_P384', 'KEY_AGREEMENT', { asymmetricKeyType: 'ec', details: { namedCurve: 'secp384r1' } }],
  ['ECC_NIST_P521', 'SIGN_VERIFY', { asymmetricKeyType: 'ec', details: { namedCurve: 'secp521r1' } }],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', { asymmetricKeyType: 'ec', details: { namedCurve: 'secp256k1' } }],
  ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { asymmetricKeyType: 'ed25519', details: {} }],
] as const satisfies readonly (readonly [KeySpec, KeyUsage, unknown])[];

describe('GetPublicKey', () => {
  let sandbox: Sandbox;
  let rsaSigning: TestKey;

  beforeAll(() => {
    sandbox = testSandbox();
    rsaSigning = createSpecKey(sandbox, 'RSA_2048', 'SIGN_VERIFY');
  });

  it.each(SPKI)('returns the %s %s public key as DER SubjectPublicKeyInfo', (spec, usage, expected) => {
    const key = createSpecKey(sandbox, spec, usage);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId }));

    const publicKey = createPublicKey({ key: Buffer.from(output.PublicKey), format: 'der', type: 'spki' });
    expect(publicKey.type).toBe('public');
    expect(publicKey.asymmetricKeyType).toBe(expected.asymmetricKeyType);
    expect(publicKey.asymmetricKeyDetails).toEqual(expected.details);
    // DER re-encodes to the same bytes: it is canonical SPKI, not PEM or a raw point
    expect(publicKey.export({ format: 'der', type: 'spki' }).equals(Buffer.from(output.PublicKey))).toBe(true);
    expect(output).toMatchObject({ KeyId: key.arn, KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: usage });
  });

  it('returns a 44-byte SPKI for Ed25519 (RFC 8410)', () => {
    const key = createSpecKey(sandbox, 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');

    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId })).PublicKey).toHaveLength(44);
  });

  it.each([
    ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
    ['RSA_2048', 'SIGN_VERIFY', { SigningAlgorithms: [...RSA_SIGNING_ALGORITHMS] }],
    ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] }],
    ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ] as const)('lists only the algorithms of a %s %s key, as DescribeKey does', (spec, usage, lists) => {
    const key = createSpecKey(sandbox, spec, usage);

    const { PublicKey: _publicKey, ...output } = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId }));

    expect(output).toEqual({ KeyId: key.arn, CustomerMasterKeySpec: spec, KeySpec: spec, KeyUsage: usage, ...lists });
    const metadata = expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId })).KeyMetadata;
    expect({ EncryptionAlgorithms: metadata.EncryptionAlgorithms, SigningAlgorithms: metadata.SigningAlgorithms, KeyAgreementAlgorithms: metadata.KeyAgreementAlgorithms })
      .toEqual({ EncryptionAlgorithms: undefined, SigningAlgorithms: undefined, KeyAgreementAlgorithms: undefined, ...lists });
  });

  it.each(KEY_REFERENCE_FORMS)('finds the key by its %s, and returns the same key each time', (form) => {
    const alias = createTestAlias(sandbox, rsaSigning, `alias/public-${form.replace(' ', '-')}`);
    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: rsaSigning.keyId })).PublicKey;

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: keyReference(rsaSigning, form, alias) }));

    expect(output.KeyId).toBe(rsaSigning.arn);
    expect(Buffer.from(output.PublicKey).equals(Buffer.from(first))).toBe(true);
  });

  it('gives each key its own key pair', () => {
    const a = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const b = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');

    const publicOf = (key: TestKey) => Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId })).PublicKey);

    expect(publicOf(a).equals(publicOf(b))).toBe(false);
  });

  it.each([
    ['a symmetric encryption key', (s: Sandbox) => createTestKey(s)],
    ['an HMAC key', (s: Sandbox) => createSpecKey(s, 'HMAC_256', 'GENERATE_VERIFY_MAC')],
  ])('fails with UnsupportedOperationException, without a message, for %s', (_label, make) => {
    const key = make(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe('');
  });

  it('returns the public key of a disabled key', () => {
    const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId })).KeyId).toBe(key.arn);
  });

  it('refuses a key pending deletion with KMSInvalidStateException, before looking at its spec', () => {
    const asymmetric = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const hmac = createSpecKey(sandbox, 'HMAC_224', 'GENERATE_VERIFY_MAC');
    scheduleTestKeyDeletion(sandbox, asymmetric);
    scheduleTestKeyDeletion(sandbox, hmac);

    for (const key of [asymmetric, hmac]) {
      const outcome = sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId });
      expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    }
  });

  it('refuses a symmetric key pending import with KMSInvalidStateException', () => {
    const key = createExternalKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending import.`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: UNKNOWN_KEY_ID }), 'NotFoundException');
  });

  it('records the call in CloudTrail without the public key', () => {
    const { PublicKey } = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: rsaSigning.keyId }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'GetPublicKey', readOnly: true, resources: [{ ARN: rsaSigning.arn }] });
    expect(JSON.stringify(record)).not.toContain(Buffer.from(PublicKey).toString('base64').slice(40, 100));
  });
});
