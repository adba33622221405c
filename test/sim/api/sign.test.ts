import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, publicKeyOf, verifyOffline, type SigningAlgorithm } from '../../helpers/asymmetric.js';
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

const MESSAGE = Buffer.from('invoice 2026-0042: 1,250.00 EUR');

/** The signing algorithms in the message AWS gives for an unknown one (order not asserted). */
const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512', 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512', 'ED25519_SHA_512', 'ED25519_PH_SHA_512', 'SM2DSA', 'ML_DSA_SHAKE_256',
];

/** The values listed in an enum ValidationException message. */
function enumValuesIn(message: string): string[] {
  return /enum value set: \[(.*)\]$/.exec(message)?.[1]?.split(', ') ?? [];
}

describe('Sign', () => {
  let sandbox: Sandbox;
  let rsa: TestKey;
  let p256: TestKey;
  let ed25519: TestKey;

  beforeAll(() => {
    sandbox = testSandbox();
    rsa = createSpecKey(sandbox, 'RSA_2048', 'SIGN_VERIFY');
    p256 = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    ed25519 = createSpecKey(sandbox, 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
  });

  it.each(KEY_REFERENCE_FORMS)('signs with the key named by its %s and returns the key ARN', (form) => {
    const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const alias = createTestAlias(sandbox, key, `alias/signer-${key.keyId}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keyReference(key, form, alias), Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }));

    expect(output.KeyId).toBe(key.arn);
    expect(verifyOffline(publicKeyOf(sandbox, key).key, 'ECDSA_SHA_256', MESSAGE, output.Signature)).toBe(true);
  });

  it('treats a message without MessageType as RAW: it hashes the message', () => {
    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: rsa.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));

    expect(verifyOffline(publicKeyOf(sandbox, rsa).key, 'RSASSA_PSS_SHA_256', MESSAGE, Signature)).toBe(true);
  });

  it('makes a fresh signature each time with randomised schemes (PSS, ECDSA), and the same with PKCS #1 v1.5 and Ed25519', () => {
    const sign = (key: TestKey, algorithm: SigningAlgorithm) =>
      Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: algorithm })).Signature).toString('hex');

    expect(sign(rsa, 'RSASSA_PSS_SHA_256')).not.toBe(sign(rsa, 'RSASSA_PSS_SHA_256'));
    expect(sign(p256, 'ECDSA_SHA_256')).not.toBe(sign(p256, 'ECDSA_SHA_256'));
    expect(sign(rsa, 'RSASSA_PKCS1_V1_5_SHA_256')).toBe(sign(rsa, 'RSASSA_PKCS1_V1_5_SHA_256'));
    expect(sign(ed25519, 'ED25519_SHA_512')).toBe(sign(ed25519, 'ED25519_SHA_512'));
  });

  it('signs a message of 4096 bytes and refuses 4097 with a ValidationException that does not show it', () => {
    expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: randomBytes(4096), SigningAlgorithm: 'ECDSA_SHA_256' }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: randomBytes(4097), SigningAlgorithm: 'ECDSA_SHA_256' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('refuses an empty message with ValidationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: new Uint8Array(), SigningAlgorithm: 'ECDSA_SHA_256' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('refuses a request without SigningAlgorithm with ValidationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: MESSAGE } as never);

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([['FOO'], ['RSAES_OAEP_SHA_256']])('refuses SigningAlgorithm %s before looking up the key, listing the algorithms', (algorithm) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: UNKNOWN_KEY_ID, Message: MESSAGE, SigningAlgorithm: algorithm as SigningAlgorithm });

    const error = expectKmsError(outcome, 'ValidationException', `1 validation error detected: Value '${algorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [`);
    expect(enumValuesIn(error.message).sort()).toEqual([...SIGNING_ALGORITHMS].sort());
  });

  it('refuses an unknown MessageType with ValidationException', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', {
      KeyId: p256.keyId, Message: MESSAGE, MessageType: 'FOO' as 'RAW', SigningAlgorithm: 'ECDSA_SHA_256',
    });

    const error = expectKmsError(outcome, 'ValidationException', "1 validation error detected: Value 'FOO' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [");
    expect(enumValuesIn(error.message).sort()).toEqual(['DIGEST', 'EXTERNAL_MU', 'RAW']);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: UNKNOWN_KEY_ID, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }), 'NotFoundException');
  });

  describe('refuses a key whose usage is not SIGN_VERIFY with InvalidKeyUsageException', () => {
    it.each([
      ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'RSASSA_PSS_SHA_256'],
      ['RSA_2048', 'ENCRYPT_DECRYPT', 'RSASSA_PSS_SHA_256'],
      ['HMAC_256', 'GENERATE_VERIFY_MAC', 'RSASSA_PSS_SHA_256'],
      ['ECC_NIST_P256', 'KEY_AGREEMENT', 'ECDSA_SHA_256'],
    ] as const)('%s %s', (spec, usage, algorithm) => {
      const key = spec === 'SYMMETRIC_DEFAULT' ? createTestKey(sandbox) : createSpecKey(sandbox, spec, usage);

      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: algorithm });

      expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for Sign.`);
    });
  });

  it.each([
    ['RSA_2048', 'ECDSA_SHA_256'],
    ['ECC_NIST_P256', 'ECDSA_SHA_384'],
    ['ECC_NIST_P256', 'RSASSA_PSS_SHA_256'],
    ['ECC_NIST_P256', 'ED25519_PH_SHA_512'],
    ['ECC_NIST_EDWARDS25519', 'ECDSA_SHA_512'],
    ['RSA_2048', 'ML_DSA_SHAKE_256'],
  ] as const)('refuses a %s key with %s: InvalidKeyUsageException', (spec, algorithm) => {
    const key = { RSA_2048: rsa, ECC_NIST_P256: p256, ECC_NIST_EDWARDS25519: ed25519 }[spec];

    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: algorithm });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  });

  it.each([
    ['ED25519_SHA_512', 'DIGEST', 64],
    ['ED25519_PH_SHA_512', 'RAW', 20],
  ] as const)('refuses %s with MessageType %s: ValidationException', (algorithm, messageType, length) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: ed25519.keyId, Message: randomBytes(length), MessageType: messageType, SigningAlgorithm: algorithm });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(`Message type ${messageType} is incompatible with algorithm ${algorithm}.`);
  });

  it('refuses ED25519_PH_SHA_512 without MessageType, which means RAW', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: ed25519.keyId, Message: randomBytes(64), SigningAlgorithm: 'ED25519_PH_SHA_512' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Message type RAW is incompatible with algorithm ED25519_PH_SHA_512.');
  });

  it('refuses MessageType EXTERNAL_MU, which is for ML-DSA keys only', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: randomBytes(64), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ECDSA_SHA_256' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.');
  });

  describe('checks in AWS order: usage, key state, algorithm, digest length', () => {
    it('refuses a disabled HMAC key for its usage, not its state', () => {
      const key = createSpecKey(sandbox, 'HMAC_256', 'GENERATE_VERIFY_MAC');
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' });

      expectKmsError(outcome, 'InvalidKeyUsageException', 'key usage is GENERATE_VERIFY_MAC which is not valid for Sign.');
    });

    it('refuses a disabled key for its state before the algorithm', () => {
      const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });

      expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
    });

    it('refuses a key pending deletion with KMSInvalidStateException', () => {
      const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      scheduleTestKeyDeletion(sandbox, key);

      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' });

      expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    });

    it('signs again once a disabled key is enabled', () => {
      const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
      expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

      expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }));
    });

    it('refuses the algorithm before the digest length', () => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: randomBytes(20), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384' });

      expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.');
    });
  });

  it('answers a DryRun that would succeed with DryRunOperationException, and one that would fail with its error', () => {
    const dry = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true });
    expectKmsError(dry, 'DryRunOperationException');

    const wrong = sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_384', DryRun: true });
    expectKmsError(wrong, 'InvalidKeyUsageException');
  });

  it('records the call in CloudTrail with the algorithm and key, never the message or signature', () => {
    const message = Buffer.from(`secret payroll ${createHash('sha256').update(randomBytes(8)).digest('hex')}`);

    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: p256.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'Sign', readOnly: true, resources: [{ ARN: p256.arn }] });
    expect(record?.requestParameters).toMatchObject({ keyId: p256.keyId, signingAlgorithm: 'ECDSA_SHA_256' });
    const trail = JSON.stringify(record);
    expect(trail).not.toContain(message.toString('utf8'));
    expect(trail).not.toContain(message.toString('base64'));
    expect(trail).not.toContain(Buffer.from(Signature).toString('base64'));
  });
});
