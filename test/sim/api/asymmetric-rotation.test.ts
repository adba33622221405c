/**
 * Rotation on asymmetric and HMAC keys: AWS rotates only symmetric encryption keys, so enabling
 * or triggering rotation is refused, disabling it is accepted, and the status is always false.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, publicKeyOf, type KeySpec, type KeyUsage } from '../../helpers/asymmetric.js';
import { importTestMaterial } from '../../helpers/key-import.js';
import { DAY_MS, expectKmsError, expectOk, REGION, scheduleTestKeyDeletion, testSandbox, type TestKey } from '../../helpers/sim.js';

const KINDS = [
  ['RSA_2048', 'ENCRYPT_DECRYPT'],
  ['RSA_2048', 'SIGN_VERIFY'],
  ['ECC_NIST_P256', 'SIGN_VERIFY'],
  ['ECC_NIST_P384', 'KEY_AGREEMENT'],
  ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
  ['HMAC_256', 'GENERATE_VERIFY_MAC'],
] as const satisfies readonly (readonly [KeySpec, KeyUsage])[];

describe('rotation of asymmetric and HMAC keys', () => {
  let sandbox: Sandbox;
  const keys = new Map<string, TestKey>();
  const keyOf = (spec: KeySpec, usage: KeyUsage): TestKey => keys.get(`${spec} ${usage}`) ?? expect.fail(`no ${spec} ${usage} key`);

  beforeAll(() => {
    sandbox = testSandbox();
    for (const [spec, usage] of KINDS) keys.set(`${spec} ${usage}`, createSpecKey(sandbox, spec, usage));
  });

  describe.each(KINDS)('a %s %s key', (spec, usage) => {
    it('refuses EnableKeyRotation with UnsupportedOperationException, without a message', () => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: keyOf(spec, usage).keyId });

      expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe('');
    });

    it('refuses RotateKeyOnDemand with UnsupportedOperationException, without a message', () => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: keyOf(spec, usage).keyId });

      expect(expectKmsError(outcome, 'UnsupportedOperationException').message).toBe('');
    });

    it('accepts DisableKeyRotation, which changes nothing', () => {
      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKeyRotation', { KeyId: keyOf(spec, usage).keyId }));

      expect(output).toEqual({});
    });

    it('reports KeyRotationEnabled false', () => {
      const key = keyOf(spec, usage);

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: key.keyId }));

      expect(output).toEqual({ KeyRotationEnabled: false, KeyId: key.arn });
    });
  });

  it('keeps the same key pair after 400 days and a refused rotation', () => {
    const key = keyOf('ECC_NIST_P256', 'SIGN_VERIFY');
    const before = publicKeyOf(sandbox, key).der;
    const materialsBefore = sandbox.keys().find((k) => k.keyId === key.keyId)?.keyMaterialIds;
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }), 'UnsupportedOperationException');

    sandbox.advanceClock(400 * DAY_MS);

    expect(publicKeyOf(sandbox, key).der.equals(before)).toBe(true);
    expect(sandbox.keys().find((k) => k.keyId === key.keyId)?.keyMaterialIds).toEqual(materialsBefore);
    expect(materialsBefore).toHaveLength(1);
  });

  describe('checks the key state before the key spec', () => {
    it.each(['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand'] as const)('refuses %s on a disabled HMAC key with DisabledException', (operation) => {
      const key = createSpecKey(sandbox, 'HMAC_384', 'GENERATE_VERIFY_MAC');
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

      const outcome = sandbox.call(REGION, sandbox.admin, operation, { KeyId: key.keyId });

      expect(expectKmsError(outcome, 'DisabledException').message).toBe(`${key.arn} is disabled.`);
    });

    it.each(['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand'] as const)('refuses %s on an ECC key pending deletion with KMSInvalidStateException', (operation) => {
      const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
      scheduleTestKeyDeletion(sandbox, key);

      const outcome = sandbox.call(REGION, sandbox.admin, operation, { KeyId: key.keyId });

      expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    });
  });

  it('refuses EnableKeyRotation and RotateKeyOnDemand on an EXTERNAL HMAC key after its import', () => {
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }));
    const key = { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
    importTestMaterial(sandbox, key, randomBytes(64));

    expectKmsError(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', { KeyId: key.keyId }), 'UnsupportedOperationException');
    expectKmsError(sandbox.call(REGION, sandbox.admin, 'RotateKeyOnDemand', { KeyId: key.keyId }), 'UnsupportedOperationException');
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: key.keyId })).KeyRotationEnabled).toBe(false);
  });
});
