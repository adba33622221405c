/**
 * Helpers for rotation tests: a sandbox on a fixed virtual date, rotation settings, the whole
 * ListKeyRotations list, and encryption round trips that report the key material used.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { AuditRecord, KmsEvent, OperationOutput, Sandbox } from '../../src/sim/index.js';
import { expectOk, REGION, testSandbox, type TestKey } from './sim.js';

/** Where the virtual clock of rotation and import tests starts. */
export const START = new Date('2026-01-01T00:00:00Z');

/** A sandbox with quotas off whose clock starts at START. */
export function rotationSandbox(): Sandbox {
  return testSandbox({ start: START });
}

/** Enables automatic rotation (with a period when given); fails the test on an error. */
export function enableRotation(sandbox: Sandbox, key: TestKey, periodDays?: number): void {
  const input = periodDays === undefined ? { KeyId: key.keyId } : { KeyId: key.keyId, RotationPeriodInDays: periodDays };
  expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKeyRotation', input));
}

/** GetKeyRotationStatus; fails the test on an error. */
export function rotationStatus(sandbox: Sandbox, key: TestKey): OperationOutput<'GetKeyRotationStatus'> {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyRotationStatus', { KeyId: key.keyId }));
}

/** One ListKeyRotations entry. */
export type RotationEntry = OperationOutput<'ListKeyRotations'>['Rotations'][number];

/** Every ListKeyRotations entry of a key, following NextMarker across pages. */
export function allRotations(sandbox: Sandbox, key: TestKey, include?: 'ALL_KEY_MATERIAL' | 'ROTATIONS_ONLY'): RotationEntry[] {
  const entries: RotationEntry[] = [];
  let marker: string | undefined;
  do {
    const page = expectOk(
      sandbox.call(REGION, sandbox.admin, 'ListKeyRotations', {
        KeyId: key.keyId,
        ...(include ? { IncludeKeyMaterial: include } : {}),
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    entries.push(...page.Rotations);
    marker = page.NextMarker;
  } while (marker);
  return entries;
}

/** The key's CurrentKeyMaterialId, from DescribeKey. */
export function currentKeyMaterialId(sandbox: Sandbox, key: TestKey): string | undefined {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId })).KeyMetadata.CurrentKeyMaterialId;
}

/** The newest audit record of an operation (or service event). */
export function lastAuditRecord(sandbox: Sandbox, eventName: string): AuditRecord {
  const record = sandbox.audit.items.findLast((r) => r.eventName === eventName);
  if (!record) expect.fail(`no ${eventName} audit record`);
  return record;
}

/** What an encryption under a key produced: the plaintext, the blob and the key material used (from the audit record). */
export interface TestEncryption {
  readonly plaintext: Buffer;
  readonly ciphertext: Uint8Array;
  readonly keyMaterialId: unknown;
}

/** Encrypts fresh random bytes under a key; reads the key material id from the Encrypt audit record. */
export function encryptUnder(sandbox: Sandbox, key: TestKey): TestEncryption {
  const plaintext = randomBytes(48);
  const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext }));
  return { plaintext, ciphertext: CiphertextBlob, keyMaterialId: lastAuditRecord(sandbox, 'Encrypt').additionalEventData?.['keyMaterialId'] };
}

/** Decrypts a blob; fails the test on an error. */
export function decryptBlob(sandbox: Sandbox, ciphertext: Uint8Array): OperationOutput<'Decrypt'> {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: ciphertext }));
}

/** The EventBridge events of one detail type. */
export function eventsOf(sandbox: Sandbox, detailType: KmsEvent['detail-type']): KmsEvent[] {
  return sandbox.events.items.filter((e) => e['detail-type'] === detailType);
}

/** The audit records of AWS service events (KMS acting on its own) with a name. */
export function serviceRecords(sandbox: Sandbox, eventName: string): AuditRecord[] {
  return sandbox.audit.items.filter((r) => r.eventType === 'AwsServiceEvent' && r.eventName === eventName);
}
