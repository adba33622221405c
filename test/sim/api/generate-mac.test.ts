import { createHmac, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createSpecKey, HMAC_SPECS, type HmacSpec, type MacAlgorithm } from '../../helpers/asymmetric.js';
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

const MESSAGE = Buffer.from('{"user":"ada","exp":1795000000}');
const SPECS = Object.keys(HMAC_SPECS) as HmacSpec[];

describe('GenerateMac', () => {
  let sandbox: Sandbox;
  const keys = new Map<HmacSpec, TestKey>();
  const keyOf = (spec: HmacSpec): TestKey => keys.get(spec) ?? expect.fail(`no ${spec} key`);

  beforeAll(() => {
    sandbox = testSandbox();
    for (const spec of SPECS) keys.set(spec, createSpecKey(sandbox, spec, 'GENERATE_VERIFY_MAC'));
  });

  it.each(SPECS)('makes a %s MAC of the digest length, the same for the same message', (spec) => {
    const { algorithm, macBytes } = HMAC_SPECS[spec];
    const key = keyOf(spec);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: algorithm }));

    expect(output.KeyId).toBe(key.arn);
    expect(output.MacAlgorithm).toBe(algorithm);
    expect(output.Mac).toHaveLength(macBytes);
    const again = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: algorithm }));
    expect(Buffer.from(again.Mac).equals(Buffer.from(output.Mac))).toBe(true);
    const other = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: Buffer.from('{"user":"eve"}'), MacAlgorithm: algorithm }));
    expect(Buffer.from(other.Mac).equals(Buffer.from(output.Mac))).toBe(false);
  });

  it('gives different keys of the same spec different MACs', () => {
    const other = createSpecKey(sandbox, 'HMAC_256', 'GENERATE_VERIFY_MAC');
    const mac = (key: TestKey) => Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })).Mac);

    expect(mac(keyOf('HMAC_256')).equals(mac(other))).toBe(false);
  });

  it.each(SPECS)('computes RFC 2104 HMAC: with imported %s material it equals node:crypto createHmac', (spec) => {
    const { algorithm, hash, macBytes } = HMAC_SPECS[spec];
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }));
    const key = { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
    const material = randomBytes(macBytes);
    importTestMaterial(sandbox, key, material);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: algorithm }));

    expect(Buffer.from(output.Mac).toString('hex')).toBe(createHmac(hash, material).update(MESSAGE).digest('hex'));
  });

  it.each(KEY_REFERENCE_FORMS)('finds the key by its %s', (form) => {
    const key = keyOf('HMAC_384');
    const alias = createTestAlias(sandbox, key, `alias/mac-${form.replace(' ', '-')}`);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: keyReference(key, form, alias), Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_384' }));

    expect(output.KeyId).toBe(key.arn);
  });

  it.each([
    ['HMAC_224', 'HMAC_SHA_256'],
    ['HMAC_256', 'HMAC_SHA_512'],
    ['HMAC_512', 'HMAC_SHA_224'],
  ] as const)('refuses a %s key with %s: InvalidKeyUsageException', (spec, algorithm) => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: keyOf(spec).keyId, Message: MESSAGE, MacAlgorithm: algorithm });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['RSA_2048', 'SIGN_VERIFY'],
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['ECC_NIST_P256', 'KEY_AGREEMENT'],
  ] as const)('refuses a %s %s key with InvalidKeyUsageException', (spec, usage) => {
    const key = spec === 'SYMMETRIC_DEFAULT' ? createTestKey(sandbox) : createSpecKey(sandbox, spec, usage);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' });

    expect(expectKmsError(outcome, 'InvalidKeyUsageException').message).toBe(`${key.arn} key usage is ${usage} which is not valid for GenerateMac.`);
  });

  it('refuses an unknown MacAlgorithm with ValidationException listing the four', () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: UNKNOWN_KEY_ID, Message: MESSAGE, MacAlgorithm: 'FOO' as MacAlgorithm });

    const error = expectKmsError(outcome, 'ValidationException', "1 validation error detected: Value 'FOO' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [");
    expect(/\[(.*)\]$/.exec(error.message)?.[1]?.split(', ').sort()).toEqual(['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']);
  });

  it('refuses a missing MacAlgorithm, an empty message and one over 4096 bytes with ValidationException', () => {
    const key = keyOf('HMAC_256');
    const call = (input: object) => sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, ...input } as never);

    expect(expectKmsError(call({ Message: MESSAGE }), 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'macAlgorithm' failed to satisfy constraint: Member must not be null",
    );
    expect(expectKmsError(call({ Message: new Uint8Array(), MacAlgorithm: 'HMAC_SHA_256' }), 'ValidationException').message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(expectKmsError(call({ Message: randomBytes(4097), MacAlgorithm: 'HMAC_SHA_256' }), 'ValidationException').message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    expectOk(call({ Message: randomBytes(4096), MacAlgorithm: 'HMAC_SHA_256' }));
  });

  it('refuses a disabled HMAC key with DisabledException, and a key pending deletion with KMSInvalidStateException', () => {
    const disabled = createSpecKey(sandbox, 'HMAC_256', 'GENERATE_VERIFY_MAC');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled.keyId }));
    const deleting = createSpecKey(sandbox, 'HMAC_256', 'GENERATE_VERIFY_MAC');
    scheduleTestKeyDeletion(sandbox, deleting);

    const call = (key: TestKey) => sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' });
    expect(expectKmsError(call(disabled), 'DisabledException').message).toBe(`${disabled.arn} is disabled.`);
    expect(expectKmsError(call(deleting), 'KMSInvalidStateException').message).toBe(`${deleting.arn} is pending deletion.`);
  });

  it('refuses a disabled signing key for its usage, before its state', () => {
    const key = createSpecKey(sandbox, 'ECC_NIST_P256', 'SIGN_VERIFY');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' });

    expectKmsError(outcome, 'InvalidKeyUsageException', 'key usage is SIGN_VERIFY which is not valid for GenerateMac.');
  });

  it('answers a DryRun with DryRunOperationException and no MAC', () => {
    expectKmsError(
      sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: keyOf('HMAC_256').keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }),
      'DryRunOperationException',
    );
  });

  it('records the call in CloudTrail without the message or the MAC', () => {
    const key = keyOf('HMAC_512');

    const { Mac } = expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_512' }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({ eventName: 'GenerateMac', resources: [{ ARN: key.arn }] });
    expect(record?.requestParameters).toMatchObject({ keyId: key.keyId, macAlgorithm: 'HMAC_SHA_512' });
    const trail = JSON.stringify(record);
    expect(trail).not.toContain(MESSAGE.toString('base64'));
    expect(trail).not.toContain('"user":"ada"');
    expect(trail).not.toContain(Buffer.from(Mac).toString('base64'));
  });
});
