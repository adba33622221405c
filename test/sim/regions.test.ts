import { describe, expect, it } from 'vitest';
import { createSandbox, DEFAULT_REGION, REGION_CATALOG } from '../../src/sim/index.js';
import { createTestAlias, createTestKey, expectError, expectOk, OTHER_REGION, REGION, testSandbox } from '../helpers/sim.js';

/** Commercial AWS Region codes (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). */
const REAL_REGIONS = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1',
]);

describe('Regions', () => {
  it('offers at least eight real AWS Regions, each once, with display names', () => {
    const names = REGION_CATALOG.map((r) => r.name);

    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !REAL_REGIONS.has(name))).toEqual([]);
    expect(REGION_CATALOG.filter((r) => r.displayName.trim() === '')).toEqual([]);
    expect(names).toContain(DEFAULT_REGION);
  });

  it('simulates every catalog Region by default, or only those asked for', () => {
    expect(createSandbox().regions.map((r) => r.name)).toEqual(REGION_CATALOG.map((r) => r.name));
    expect(createSandbox({ regions: ['eu-west-1', 'us-east-1'] }).regions.map((r) => r.name).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('puts a key in the Region it was created in, with that Region in its ARN', () => {
    const sandbox = testSandbox();

    const key = createTestKey(sandbox, OTHER_REGION);

    expect(key.arn).toBe(`arn:aws:kms:${OTHER_REGION}:${sandbox.accountId}:key/${key.keyId}`);
    expect(sandbox.keys(OTHER_REGION).map((k) => k.keyId)).toEqual([key.keyId]);
    expect(sandbox.keys(REGION)).toEqual([]);
    expect(sandbox.keys().map((k) => k.region)).toEqual([OTHER_REGION]);
  });

  it('does not find a key by its id in another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const error = expectError(sandbox.call(OTHER_REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from('hi') }));

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Key 'arn:aws:kms:${OTHER_REGION}:${sandbox.accountId}:key/${key.keyId}' does not exist`);
  });

  it('refuses a key ARN of another Region with NotFoundException', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const error = expectError(sandbox.call(OTHER_REGION, sandbox.admin, 'Encrypt', { KeyId: key.arn, Plaintext: Buffer.from('hi') }));

    expect(error).toEqual({ code: 'NotFoundException', message: `Invalid arn ${REGION}`, fault: false });
  });

  it('keeps aliases apart: the same alias name can name a different key in each Region', () => {
    const sandbox = testSandbox();
    const east = createTestKey(sandbox, REGION);
    const west = createTestKey(sandbox, OTHER_REGION);
    createTestAlias(sandbox, east, 'alias/app', REGION);
    createTestAlias(sandbox, west, 'alias/app', OTHER_REGION);

    const inEast = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/app', Plaintext: Buffer.from('hi') }));
    const inWest = expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/app', Plaintext: Buffer.from('hi') }));

    expect(inEast.KeyId).toBe(east.arn);
    expect(inWest.KeyId).toBe(west.arn);
  });

  it('does not find an alias in a Region where it was not created', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox, REGION), 'alias/only-east', REGION);

    const error = expectError(sandbox.call(OTHER_REGION, sandbox.admin, 'Encrypt', { KeyId: 'alias/only-east', Plaintext: Buffer.from('hi') }));

    expect(error.code).toBe('NotFoundException');
    expect(error.message).toBe(`Alias arn:aws:kms:${OTHER_REGION}:${sandbox.accountId}:alias/only-east is not found.`);
  });

  it('decrypts a ciphertext only in the Region of its key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);
    createTestKey(sandbox, OTHER_REGION);
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from('hi') }));

    const elsewhere = expectError(sandbox.call(OTHER_REGION, sandbox.admin, 'Decrypt', { CiphertextBlob }));
    const home = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob }));

    expect(elsewhere.code).toBe('AccessDeniedException');
    expect(Buffer.from(home.Plaintext).toString()).toBe('hi');
  });

  it('answers a call to an unknown Region with an error naming it', () => {
    const sandbox = createSandbox();

    const error = expectError(sandbox.call('mars-north-1', sandbox.admin, 'GenerateRandom', { NumberOfBytes: 8 }));

    expect(error.code).toBe('UnrecognizedClientException');
    expect(error.message).toContain("'mars-north-1'");
    expect(error.message).toContain('us-east-1');
  });

  it('answers a call to a catalog Region the sandbox does not simulate with an error naming it', () => {
    const sandbox = createSandbox({ regions: ['us-east-1'] });

    const error = expectError(sandbox.call('eu-west-1', sandbox.admin, 'GenerateRandom', { NumberOfBytes: 8 }));

    expect(error.code).toBe('UnrecognizedClientException');
    expect(error.message).toContain("'eu-west-1'");
  });

  it('refuses to build a sandbox with an unknown Region, naming it', () => {
    expect(() => createSandbox({ regions: ['us-east-1', 'mars-north-1'] })).toThrow("Unknown Region 'mars-north-1'");
  });

  it('refuses to list the keys of an unknown Region, naming it', () => {
    const sandbox = createSandbox();

    expect(() => sandbox.keys('mars-north-1')).toThrow(/mars-north-1/);
  });
});
