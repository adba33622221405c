/**
 * Helpers for multi-Region key tests: a multi-Region primary, its replicas (Creating until the
 * virtual clock passes the creation time), round trips across Regions and key material imports
 * into a key of any Region, all through the facade.
 */
import type { OperationInput, OperationOutput, Outcome, Sandbox } from '../../src/sim/index.js';
import { wrapKeyMaterial } from './key-import.js';
import { expectOk, REGION, type TestKey } from './sim.js';

/** The second and third Regions of multi-Region tests (REGION holds the primary). */
export const REPLICA_REGION = 'eu-west-1';
export const THIRD_REGION = 'ap-southeast-2';

/**
 * How long a new replica is Creating in the sandbox (src/sim/api/replicate-key.ts,
 * REPLICA_CREATION_MS), and how long UpdatePrimaryRegion keeps both keys Updating.
 */
export const SETTLE_MS = 30_000;

/** The `mrk-` key id form: 32 lowercase hex digits after the prefix. */
export const MRK_ID = /^mrk-[0-9a-f]{32}$/;

/** A multi-Region key of one Region: its shared id and its Regional ARN. */
export interface RegionalKey extends TestKey {
  readonly region: string;
}

/** The ARN of the multi-Region key `keyId` in `region`. */
export function mrkArn(sandbox: Sandbox, region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${sandbox.accountId}:key/${keyId}`;
}

/** Creates a multi-Region primary key (symmetric unless the input says otherwise). */
export function createPrimaryKey(sandbox: Sandbox, input: Omit<OperationInput<'CreateKey'>, 'MultiRegion'> = {}, region = REGION): RegionalKey {
  const { KeyMetadata } = expectOk(sandbox.call(region, sandbox.admin, 'CreateKey', { Description: 'primary', ...input, MultiRegion: true }));
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn, region };
}

/** ReplicateKey on `primary` into `replicaRegion`; returns the outcome. */
export function tryReplicate(
  sandbox: Sandbox,
  primary: RegionalKey,
  replicaRegion: string,
  input: Omit<OperationInput<'ReplicateKey'>, 'KeyId' | 'ReplicaRegion'> = {},
): Outcome<OperationOutput<'ReplicateKey'>> {
  return sandbox.call(primary.region, sandbox.admin, 'ReplicateKey', { KeyId: primary.keyId, ReplicaRegion: replicaRegion, ...input });
}

/** Replicates `primary` into `replicaRegion` (the replica is Creating); fails the test on an error. */
export function replicate(
  sandbox: Sandbox,
  primary: RegionalKey,
  replicaRegion: string,
  input: Omit<OperationInput<'ReplicateKey'>, 'KeyId' | 'ReplicaRegion'> = {},
): RegionalKey {
  const { ReplicaKeyMetadata } = expectOk(tryReplicate(sandbox, primary, replicaRegion, input));
  return { keyId: ReplicaKeyMetadata.KeyId, arn: ReplicaKeyMetadata.Arn, region: replicaRegion };
}

/** Replicates `primary` into each Region and lets the replicas finish Creating. */
export function replicateReady(sandbox: Sandbox, primary: RegionalKey, ...regions: string[]): RegionalKey[] {
  const replicas = regions.map((region) => replicate(sandbox, primary, region));
  sandbox.advanceClock(SETTLE_MS);
  return replicas;
}

/** A key's KeyMetadata in its own Region. */
export function describeIn(sandbox: Sandbox, key: RegionalKey): OperationOutput<'DescribeKey'>['KeyMetadata'] {
  return expectOk(sandbox.call(key.region, sandbox.admin, 'DescribeKey', { KeyId: key.keyId })).KeyMetadata;
}

/** Encrypts under a key in its Region; returns the ciphertext. */
export function encryptIn(sandbox: Sandbox, key: RegionalKey, plaintext: Uint8Array, context?: Record<string, string>): Uint8Array {
  return expectOk(sandbox.call(key.region, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext, ...(context ? { EncryptionContext: context } : {}) })).CiphertextBlob;
}

/** Decrypt in `region` (naming the key when given); returns the outcome. */
export function decryptIn(sandbox: Sandbox, region: string, ciphertext: Uint8Array, options: { keyId?: string; context?: Record<string, string> } = {}): Outcome<OperationOutput<'Decrypt'>> {
  return sandbox.call(region, sandbox.admin, 'Decrypt', {
    CiphertextBlob: ciphertext,
    ...(options.keyId ? { KeyId: options.keyId } : {}),
    ...(options.context ? { EncryptionContext: options.context } : {}),
  });
}

/** Gets import parameters for a key in its own Region, wraps `material` and imports it; returns the outcome. */
export function tryImportIn(sandbox: Sandbox, key: RegionalKey, material: Uint8Array, input: Partial<OperationInput<'ImportKeyMaterial'>> = {}): Outcome<OperationOutput<'ImportKeyMaterial'>> {
  const { PublicKey, ImportToken } = expectOk(
    sandbox.call(key.region, sandbox.admin, 'GetParametersForImport', { KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
  );
  return sandbox.call(key.region, sandbox.admin, 'ImportKeyMaterial', {
    KeyId: key.keyId,
    ImportToken,
    EncryptedKeyMaterial: wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', material),
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ...input,
  });
}
