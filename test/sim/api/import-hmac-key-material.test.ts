/**
 * ImportKeyMaterial into EXTERNAL HMAC keys: the material lengths each spec accepts, MACs equal to
 * node:crypto's HMAC with the imported bytes, and no new material after the first import.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { HMAC_SPECS, type HmacSpec } from '../../helpers/asymmetric.js';
import { importTestMaterial, tryImport, WRAPPING_ALGORITHMS } from '../../helpers/key-import.js';
import { describeTestKey, expectKmsError, expectOk, REGION, testSandbox, type TestKey } from '../../helpers/sim.js';

const MESSAGE = Buffer.from('GET /v1/orders?since=2026-11-01');

/** The material lengths in bytes each HMAC spec accepts (from the digest length to the hash's block size). */
const LENGTHS: Record<HmacSpec, { min: number; max: number }> = {
  HMAC_224: { min: 28, max: 64 },
  HMAC_256: { min: 32, max: 64 },
  HMAC_384: { min: 48, max: 128 },
  HMAC_512: { min: 64, max: 128 },
};

function createExternalHmacKey(sandbox: Sandbox, spec: HmacSpec): TestKey {
  const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' }));
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

function mac(sandbox: Sandbox, key: TestKey, spec: HmacSpec): Buffer {
  return Buffer.from(expectOk(sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: HMAC_SPECS[spec].algorithm })).Mac);
}

const SPECS = Object.keys(LENGTHS) as HmacSpec[];
const ACCEPTED = SPECS.flatMap((spec) => {
  const { min, max } = LENGTHS[spec];
  return [min, Math.floor((min + max) / 2), max].map((length) => ({ spec, length }));
});
const REFUSED = SPECS.flatMap((spec) => [LENGTHS[spec].min - 1, LENGTHS[spec].max + 1, 16].map((length) => ({ spec, length })));

describe('ImportKeyMaterial into an HMAC key', () => {
  it.each(ACCEPTED)('accepts $length bytes for $spec; the MAC is node:crypto HMAC with those bytes', ({ spec, length }) => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, spec);
    const material = randomBytes(length);

    const output = importTestMaterial(sandbox, key, material);

    expect(output.KeyId).toBe(key.arn);
    expect(output.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'Enabled', Enabled: true, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    expect(mac(sandbox, key, spec).equals(createHmac(HMAC_SPECS[spec].hash, material).update(MESSAGE).digest())).toBe(true);
    const verified = sandbox.call(REGION, sandbox.admin, 'VerifyMac', {
      KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: HMAC_SPECS[spec].algorithm, Mac: createHmac(HMAC_SPECS[spec].hash, material).update(MESSAGE).digest(),
    });
    expect(expectOk(verified).MacValid).toBe(true);
  });

  it.each(REFUSED)('refuses $length bytes for $spec with IncorrectKeyMaterialException, leaving the key pending import', ({ spec, length }) => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, spec);

    const outcome = tryImport(sandbox, key, randomBytes(length));

    const { min, max } = LENGTHS[spec];
    expect(expectKmsError(outcome, 'IncorrectKeyMaterialException').message).toBe(`Key material for a ${spec} key must be ${min} to ${max} bytes; this is ${length} bytes.`);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');
  });

  it.each(WRAPPING_ALGORITHMS)('unwraps HMAC material wrapped with %s', (algorithm) => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, 'HMAC_256');
    const material = randomBytes(48);

    importTestMaterial(sandbox, key, material, { algorithm });

    expect(mac(sandbox, key, 'HMAC_256').equals(createHmac('sha256', material).update(MESSAGE).digest())).toBe(true);
  });

  it('refuses NEW_KEY_MATERIAL after the first import: HMAC keys do not rotate', () => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, 'HMAC_256');
    const material = randomBytes(32);
    importTestMaterial(sandbox, key, material);

    const outcome = tryImport(sandbox, key, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' });

    expectKmsError(outcome, 'UnsupportedOperationException', 'HMAC_256');
    // The first material is still the one in use
    expect(mac(sandbox, key, 'HMAC_256').equals(createHmac('sha256', material).update(MESSAGE).digest())).toBe(true);
  });

  it('re-imports the same material after it is deleted, with the same KeyMaterialId, and refuses other material', () => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, 'HMAC_384');
    const material = randomBytes(100);
    const { KeyMaterialId } = importTestMaterial(sandbox, key, material);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteImportedKeyMaterial', { KeyId: key.keyId }));
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingImport');

    const other = tryImport(sandbox, key, randomBytes(100));
    expectKmsError(other, 'IncorrectKeyMaterialException');
    const again = importTestMaterial(sandbox, key, material);

    expect(again.KeyMaterialId).toBe(KeyMaterialId);
    expect(mac(sandbox, key, 'HMAC_384').equals(createHmac('sha384', material).update(MESSAGE).digest())).toBe(true);
  });

  it('refuses GenerateMac on an HMAC key still pending import with KMSInvalidStateException', () => {
    const sandbox = testSandbox();
    const key = createExternalHmacKey(sandbox, 'HMAC_224');

    const outcome = sandbox.call(REGION, sandbox.admin, 'GenerateMac', { KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_224' });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending import.`);
  });
});
