import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, KEY_AGREEMENT_SPECS, publicKeyOf, type KeyAgreementSpec } from '../../helpers/asymmetric.js';
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

const SPECS = Object.keys(KEY_AGREEMENT_SPECS) as KeyAgreementSpec[];

/** A peer's key pair on a curve, made with node:crypto, with its public key as DER SPKI. */
function peer(curve: string) {
  const pair = generateKeyPairSync('ec', { namedCurve: curve });
  return { ...pair, der: pair.publicKey.export({ format: 'der', type: 'spki' }) };
}

describe('DeriveSharedSecret', () => {
  let sandbox: Sandbox;
  const keys = new Map<KeyAgreementSpec, TestKey>();
  const keyOf = (spec: KeyAgreementSpec): TestKey => keys.get(spec) ?? expect.fail(`no ${spec} key`);

  beforeAll(() => {
    sandbox = testSandbox();
    for (const spec of SPECS) keys.set(spec, createSpecKey(sandbox, spec, 'KEY_AGREEMENT'));
  });

  it.each(SPECS)('derives with %s the raw ECDH secret the peer derives with node:crypto', (spec) => {
    const { curve, secretBytes } = KEY_AGREEMENT_SPECS[spec];
    const key = keyOf(spec);
    const other = peer(curve);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: other.der }));

    // The peer's side: its private key and the KMS key's public key from GetPublicKey
    const peerSecret = diffieHellman({ privateKey: other.privateKey, publicKey: publicKeyOf(sandbox, key).key });
    expect(output.SharedSecret).toHaveLength(secretBytes);
    expect(Buffer.from(output.SharedSecret).equals(peerSecret)).toBe(true);
    expect(output).toMatchObject({ KeyId: key.arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
  });

  it('derives a different secret with a different peer, and the same again with the same peer', () => {
    const key = keyOf('ECC_NIST_P256');
    const [a, b] = [peer('prime256v1'), peer('prime256v1')];
    const derive = (der: Buffer) =>
      Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })).SharedSecret);

    expect(derive(a.der).equals(derive(a.der))).toBe(true);
    expect(derive(a.der).equals(derive(b.der))).toBe(false);
  });

  it('derives the secret that createECDH computes from the GetPublicKey point', () => {
    const key = keyOf('ECC_NIST_P256');
    const ecdh = createECDH('prime256v1');
    const point = ecdh.generateKeys();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki(point) }));

    const kmsPublic = publicKeyOf(sandbox, key).key.export({ format: 'jwk' });
    const kmsPoint = Buffer.concat([Buffer.from([4]), Buffer.from(kmsPublic.x ?? '', 'base64url'), Buffer.from(kmsPublic.y ?? '', 'base64url')]);
    expect(Buffer.from(output.SharedSecret).equals(ecdh.computeSecret(kmsPoint))).toBe(true);
  });

  it.each(KEY_REFERENCE_FORMS)('finds the key by its %s', (form) => {
    const key = keyOf('ECC_NIST_P384');
    const alias = createTestAlias(sandbox, key, `alias/ecdh-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: keyReference(key, form, alias), KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('secp384r1').der }));

    expect(output.KeyId).toBe(key.arn);
  });

  it.each([
    ['a public key on another curve', () => peer('secp384r1').der],
    ['a secp256k1 public key', () => peer('secp256k1').der],
    ['an Ed25519 public key', () => generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' })],
    ['an RSA public key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' })],
    ['bytes that are not DER', () => Buffer.from('not a public key')],
    ['a raw uncompressed point without the SPKI wrapper', () => {
      const ecdh = createECDH('prime256v1');
      return ecdh.generateKeys();
    }],
  ])('refuses %s with ValidationException', (_label, make) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: keyOf('ECC_NIST_P256').keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: make() });

    expectKmsError(outcome, 'ValidationException', 'ECC_NIST_P256');
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['RSA_2048', 'ENCRYPT_DECRYPT'],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = spec === 'SYMMETRIC_DEFAULT' ? createTestKey(sandbox) : createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('prime256v1').der });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for DeriveSharedSecret.`);
  });

  it('refuses Sign on a KEY_AGREEMENT key with InvalidKeyUsageException', () => {
    const key = keyOf('ECC_NIST_P521');

    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_512' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is KEY_AGREEMENT which is not valid for Sign.`);
  });

  it('refuses an unknown KeyAgreementAlgorithm, and a missing PublicKey, with ValidationException', () => {
    const key = keyOf('ECC_NIST_P256');

    const unknown = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDHE' as 'ECDH', PublicKey: peer('prime256v1').der });
    expect(expectKmsError(unknown, 'ValidationException').message).toBe(
      "1 validation error detected: Value 'ECDHE' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
    );
    const missing = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH' } as never);
    expect(expectKmsError(missing, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'publicKey' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses a disabled key with DisabledException, and a key pending deletion with KMSInvalidStateException', () => {
    const disabled = createSpecKey(sandbox, 'ECC_NIST_P256', 'KEY_AGREEMENT');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createSpecKey(sandbox, 'ECC_NIST_P256', 'KEY_AGREEMENT');
    scheduleTestKeyDeletion(sandbox, deleting);

    const call = (key: TestKey) => sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('prime256v1').der });
    expect(expectKmsError(call(disabled), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(call(deleting), 'KMSInvalidStateException').message).toBe(`${deleting.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: UNKNOWN_KEY_ID, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('prime256v1').der });

    expectKmsError(outcome, 'NotFoundException');
  });

  it('answers a DryRun with DryRunOperationException and no secret', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: keyOf('ECC_NIST_P256').keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('prime256v1').der, DryRun: true });

    expectKmsError(outcome, 'DryRunOperationException');
  });

  it('records the call in CloudTrail without the shared secret', () => {
    const key = keyOf('ECC_NIST_P256');

    const { SharedSecret } = expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer('prime256v1').der }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'DeriveSharedSecret', resources: [{ ARN: key.arn }] });
    const trail = JSON.stringify(record);
    expect(trail).not.toContain(Buffer.from(SharedSecret).toString('base64').slice(0, 40));
    expect(trail).not.toContain(Buffer.from(SharedSecret).toString('hex'));
  });
});

/** The DER SPKI of an uncompressed P-256 point. */
function peerSpki(point: Buffer): Buffer {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', ...jwkXY(point) }, format: 'jwk' }).export({ format: 'der', type: 'spki' });
}

/** The JWK x and y of an uncompressed P-256 point (04 ‖ x ‖ y). */
function jwkXY(point: Buffer): { x: string; y: string } {
  return { x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
}
