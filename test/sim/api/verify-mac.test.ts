import { createHmac, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, flipBit, HMAC_SPECS, type HmacSpec } from '../../helpers/asymmetric.js';
import { importTestMaterial } from '../../helpers/key-import.js';
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

const MESSAGE = Buffer.from('session=7f3a; role=viewer');
const SPECS = Object.keys(HMAC_SPECS) as HmacSpec[];

describe('VerifyMac', () => {
  let sandbox: Sandbox;
  const keys = new Map<HmacSpec, { key: TestKey; mac: Uint8Array }>();
  const keyOf = (spec: HmacSpec) => keys.get(spec) ?? expect.fail(`no ${spec} key`);

  beforeAll(() => {
    sandbox = testSandbox();
    for (const spec of SPECS) {
      const key = createSpecKey(sandbox, spec, 'GENERATE_VERIFY_MAC');
      const { Mac } = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: HMAC_SPECS[spec].algorithm }));
      keys.set(spec, { key, mac: Mac });
    }
  });

  it.each(SPECS)('accepts the %s MAC that GenerateMac made', (spec) => {
    const { key, mac } = keyOf(spec);
    const algorithm = HMAC_SPECS[spec].algorithm;

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: key.keyId, Message: MESSAGE, Mac: mac, MacAlgorithm: algorithm }));

    expect(output).toEqual({ KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm });
  });

  it('accepts a MAC computed offline by node:crypto with imported material', () => {
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }));
    const key = { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
    const material = randomBytes(100);
    importTestMaterial(sandbox, key, material);
    const mac = createHmac('sha384', material).update(MESSAGE).digest();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: key.keyId, Message: MESSAGE, Mac: mac, MacAlgorithm: 'HMAC_SHA_384' }));

    expect(output.MacValid).toBe(true);
  });

  it.each(KEY_REFERENCE_FORMS)('finds the key by its %s', (form) => {
    const { key, mac } = keyOf('HMAC_256');
    const alias = createTestAlias(sandbox, key, `alias/verify-mac-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: keyReference(key, form, alias), Message: MESSAGE, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }));

    expect(output.KeyId).toBe(key.arn);
  });

  describe('fails with KMSInvalidMacException, without a message, and never returns MacValid false', () => {
    it.each([
      ['another message', () => ({ Message: Buffer.from('session=7f3a; role=admin'), Mac: keyOf('HMAC_256').mac })],
      ['a MAC with its first bit flipped', () => ({ Message: MESSAGE, Mac: flipBit(keyOf('HMAC_256').mac, 0) })],
      ['a MAC with its last bit flipped', () => ({ Message: MESSAGE, Mac: flipBit(keyOf('HMAC_256').mac) })],
      ['a truncated MAC', () => ({ Message: MESSAGE, Mac: Buffer.from(keyOf('HMAC_256').mac).subarray(0, 16) })],
      ['a MAC with a byte appended', () => ({ Message: MESSAGE, Mac: Buffer.concat([keyOf('HMAC_256').mac, Buffer.alloc(1)]) })],
      ['a MAC of another HMAC_256 key', () => {
        const other = createSpecKey(sandbox, 'HMAC_256', 'GENERATE_VERIFY_MAC');
        return { Message: MESSAGE, Mac: expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: other.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })).Mac };
      }],
    ])('for %s', (_label, make) => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: keyOf('HMAC_256').key.keyId, MacAlgorithm: 'HMAC_SHA_256', ...make() });

      expect(expectKmsError(outcome, 'KMSInvalidMacException').message).toBe('');
    });
  });

  it('refuses an algorithm that does not match the key spec with InvalidKeyUsageException', () => {
    const { key, mac } = keyOf('HMAC_256');

    const outcome = sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: key.keyId, Message: MESSAGE, Mac: mac, MacAlgorithm: 'HMAC_SHA_512' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe('Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.');
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['RSA_2048', 'ENCRYPT_DECRYPT'],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = spec === 'SYMMETRIC_DEFAULT' ? createTestKey(sandbox) : createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: key.keyId, Message: MESSAGE, Mac: keyOf('HMAC_256').mac, MacAlgorithm: 'HMAC_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for VerifyMac.`);
  });

  it.each([
    [randomBytes(6145), "Value at 'mac' failed to satisfy constraint: Member must have length less than or equal to 6144"],
    [new Uint8Array(), "Value at 'mac' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    [undefined, "Value null at 'mac' failed to satisfy constraint: Member must not be null"],
  ])('refuses a bad Mac member with ValidationException (%#)', (mac, constraint) => {
    const input = { KeyId: keyOf('HMAC_256').key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256', ...(mac ? { Mac: mac } : {}) };

    const outcome = sandbox.call(REGION, sandbox.admin, 'VerifyMac', input as never);

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(`1 validation error detected: ${constraint}`);
  });

  it('refuses a disabled key with DisabledException, and a key pending deletion with KMSInvalidStateException', () => {
    const disabled = createSpecKey(sandbox, 'HMAC_224', 'GENERATE_VERIFY_MAC');
    const { Mac } = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: disabled.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_224' }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createSpecKey(sandbox, 'HMAC_224', 'GENERATE_VERIFY_MAC');
    scheduleTestKeyDeletion(sandbox, deleting);

    const call = (key: TestKey) => sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: key.keyId, Message: MESSAGE, Mac, MacAlgorithm: 'HMAC_SHA_224' });
    expect(expectKmsError(call(disabled), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(call(deleting), 'KMSInvalidStateException').message).toBe(`${deleting.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for a key that does not exist', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'VerifyMac', { KeyId: UNKNOWN_KEY_ID, Message: MESSAGE, Mac: keyOf('HMAC_256').mac, MacAlgorithm: 'HMAC_SHA_256' });

    expectKmsError(outcome, 'NotFoundException');
  });
});
