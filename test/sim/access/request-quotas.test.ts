/**
 * Which request quota the cryptographic operations of each kind of key count against: RSA keys
 * the shared RSA quota (500 per second), ECC and Ed25519 keys the ECC quota (300), HMAC keys the
 * symmetric quota; GenerateDataKeyPair a quota per key pair spec.
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
 *
 * A quota overridden to 0.001 per second holds one request and refills one every 1,000 seconds,
 * so "the second call is throttled" holds however slow the machine is.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSandbox, type OperationName, type Outcome, type Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, type KeySpec, type KeyUsage } from '../../helpers/asymmetric.js';
import { createTestKey, expectKmsError, expectOk, REGION, type TestKey } from '../../helpers/sim.js';

const THROTTLED = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';
const MESSAGE = Buffer.from('quota');
const NEARLY_NONE = 0.001;

/** A sandbox enforcing quotas, with set-up operations unthrottled and the given quotas overridden. */
function quotaSandbox(overrides: Record<string, number>): Sandbox {
  return createSandbox({ quotas: { overrides: { CreateKey: 1_000, GetPublicKey: 100_000, ...overrides } } });
}

/** The keys each test uses, one of each kind. */
interface Keys {
  symmetric: TestKey;
  rsaSigning: TestKey;
  rsaEncryption: TestKey;
  ecc: TestKey;
  ed25519: TestKey;
  agreement: TestKey;
  hmac: TestKey;
}

function createKeys(sandbox: Sandbox): Keys {
  const make = (spec: KeySpec, usage: KeyUsage) => createSpecKey(sandbox, spec, usage);
  return {
    symmetric: createTestKey(sandbox),
    rsaSigning: make('RSA_2048', 'SIGN_VERIFY'),
    rsaEncryption: make('RSA_2048', 'ENCRYPT_DECRYPT'),
    ecc: make('ECC_NIST_P256', 'SIGN_VERIFY'),
    ed25519: make('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'),
    agreement: make('ECC_NIST_P256', 'KEY_AGREEMENT'),
    hmac: make('HMAC_256', 'GENERATE_VERIFY_MAC'),
  };
}

/** One cryptographic call of each kind, by name. */
function calls(sandbox: Sandbox, keys: Keys): Record<string, () => Outcome<unknown>> {
  const call = <N extends OperationName>(operation: N, input: Parameters<Sandbox['call']>[3]) => () => sandbox.call(REGION, sandbox.admin, operation, input);
  const peer = expectOk(sandbox.call(REGION, sandbox.admin, 'GetPublicKey', { KeyId: keys.agreement.keyId })).PublicKey;
  return {
    'RSA Sign': call('Sign', { KeyId: keys.rsaSigning.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
    'RSA Encrypt': call('Encrypt', { KeyId: keys.rsaEncryption.keyId, Plaintext: MESSAGE, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    'ECDSA Sign': call('Sign', { KeyId: keys.ecc.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }),
    'Ed25519 Sign': call('Sign', { KeyId: keys.ed25519.keyId, Message: MESSAGE, SigningAlgorithm: 'ED25519_SHA_512' }),
    DeriveSharedSecret: call('DeriveSharedSecret', { KeyId: keys.agreement.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer }),
    GenerateMac: call('GenerateMac', { KeyId: keys.hmac.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' }),
    'symmetric Encrypt': call('Encrypt', { KeyId: keys.symmetric.keyId, Plaintext: MESSAGE }),
  };
}

/**
 * How many of two calls of each kind, made in turn, fit the quotas. Every refused call is AWS's
 * ThrottlingException.
 */
function allowedOfTwo(sandbox: Sandbox, keys: Keys): Record<string, number> {
  return Object.fromEntries(
    Object.entries(calls(sandbox, keys)).map(([kind, call]) => {
      const outcomes = [call(), call()];
      for (const o of outcomes) if (!o.ok) expect(o.error, kind).toEqual({ code: 'ThrottlingException', message: THROTTLED, fault: false });
      return [kind, outcomes.filter((o) => o.ok).length];
    }),
  );
}

/** Every kind allowed twice, except those given. */
function allowed(exceptions: Record<string, number>): Record<string, number> {
  const kinds = ['RSA Sign', 'RSA Encrypt', 'ECDSA Sign', 'Ed25519 Sign', 'DeriveSharedSecret', 'GenerateMac', 'symmetric Encrypt'];
  return { ...Object.fromEntries(kinds.map((k) => [k, 2])), ...exceptions };
}

describe('request quotas of asymmetric and HMAC keys', () => {
  it("counts RSA keys' Sign and Encrypt against the shared RSA quota only", () => {
    const sandbox = quotaSandbox({ 'rsa-cryptographic': NEARLY_NONE });

    // The one request the RSA quota holds goes to the first RSA Sign; every other RSA call is throttled
    expect(allowedOfTwo(sandbox, createKeys(sandbox))).toEqual(allowed({ 'RSA Sign': 1, 'RSA Encrypt': 0 }));
  });

  it('counts ECDSA, Ed25519 and ECDH keys against the shared ECC quota only', () => {
    const sandbox = quotaSandbox({ 'ecc-cryptographic': NEARLY_NONE });

    expect(allowedOfTwo(sandbox, createKeys(sandbox))).toEqual(allowed({ 'ECDSA Sign': 1, 'Ed25519 Sign': 0, DeriveSharedSecret: 0 }));
  });

  it('counts HMAC keys against the symmetric quota, shared with symmetric encryption', () => {
    const sandbox = quotaSandbox({ 'symmetric-cryptographic': NEARLY_NONE });

    expect(allowedOfTwo(sandbox, createKeys(sandbox))).toEqual(allowed({ GenerateMac: 1, 'symmetric Encrypt': 0 }));
  });

  it('shares one RSA quota among Sign, Verify, Encrypt and Decrypt of different RSA keys', () => {
    const sandbox = quotaSandbox({ 'rsa-cryptographic': NEARLY_NONE });
    const keys = createKeys(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: keys.rsaEncryption.keyId, Plaintext: MESSAGE, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));
    const verify = sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keys.rsaSigning.keyId, Message: MESSAGE, Signature: Buffer.alloc(256), SigningAlgorithm: 'RSASSA_PSS_SHA_256' });

    expectKmsError(verify, 'ThrottlingException');
  });

  it('throttles GenerateDataKeyPair per key pair spec, not by the symmetric key it encrypts under', () => {
    const sandbox = quotaSandbox({ 'GenerateDataKeyPair (ECC_NIST_P256)': NEARLY_NONE });
    const key = createTestKey(sandbox);
    const pair = (operation: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext', spec: 'ECC_NIST_P256' | 'ECC_NIST_P384') =>
      sandbox.call(REGION, sandbox.admin, operation, { KeyId: key.keyId, KeyPairSpec: spec });

    expectOk(pair('GenerateDataKeyPair', 'ECC_NIST_P256'));
    expectKmsError(pair('GenerateDataKeyPairWithoutPlaintext', 'ECC_NIST_P256'), 'ThrottlingException');
    expectOk(pair('GenerateDataKeyPair', 'ECC_NIST_P384'));
    expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: MESSAGE }));
  });

  describe('default rates, counted at one instant of the wall clock', () => {
    // The buckets refill with wall time (performance.now); holding it still makes the counts exact.
    let sandbox: Sandbox;
    let keys: Keys;

    beforeAll(() => {
      sandbox = quotaSandbox({});
      keys = createKeys(sandbox);
    });

    afterEach(() => {
      vi.restoreAllMocks();
    });

    function allowedInOneInstant(call: () => Outcome<unknown>, attempts: number): number {
      vi.spyOn(performance, 'now').mockReturnValue(performance.now() + 3_600_000);
      let allowed = 0;
      for (let i = 0; i < attempts; i += 1) {
        const outcome = call();
        if (outcome.ok) allowed += 1;
        else expect(outcome.error.code).toBe('ThrottlingException');
      }
      return allowed;
    }

    it('allows 500 RSA requests per second', () => {
      const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keys.rsaSigning.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
      const verify = () => sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keys.rsaSigning.keyId, Message: MESSAGE, Signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });

      expect(allowedInOneInstant(verify, 520)).toBe(500);
    });

    it('allows 300 ECC requests per second', () => {
      const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: keys.ed25519.keyId, Message: MESSAGE, SigningAlgorithm: 'ED25519_SHA_512' }));
      const verify = () => sandbox.call(REGION, sandbox.admin, 'Verify', { KeyId: keys.ed25519.keyId, Message: MESSAGE, Signature, SigningAlgorithm: 'ED25519_SHA_512' });

      expect(allowedInOneInstant(verify, 320)).toBe(300);
    });
  });
});
