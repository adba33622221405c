/**
 * Which SDK test file covers which registry operation, and a recorder that proves it: every
 * call the endpoint answers is heard through the server's `onCall` seam, so a file can check
 * that each of its operations was sent by the AWS SDK and answered both with success and with
 * an AWS error.
 */
import { expect } from 'vitest';
import type { RemoteCall } from '../../../src/server/kms-server.js';
import type { OperationName } from '../../../src/sim/index.js';

/**
 * The registry's operations by the SDK test file (`<group>.test.ts`) that exercises them.
 * A new operation belongs in one group, and coverage.test.ts fails until it is.
 */
export const OPERATION_GROUPS = {
  'key-lifecycle': ['CreateKey', 'DescribeKey', 'ListKeys', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'UpdateKeyDescription'],
  cryptography: ['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateRandom'],
  aliases: ['CreateAlias', 'UpdateAlias', 'DeleteAlias', 'ListAliases'],
  'policies-and-tags': ['GetKeyPolicy', 'PutKeyPolicy', 'ListKeyPolicies', 'TagResource', 'UntagResource', 'ListResourceTags'],
  'rotation-and-import': [
    'EnableKeyRotation',
    'DisableKeyRotation',
    'GetKeyRotationStatus',
    'ListKeyRotations',
    'RotateKeyOnDemand',
    'GetParametersForImport',
    'ImportKeyMaterial',
    'DeleteImportedKeyMaterial',
  ],
  'asymmetric-and-hmac': [
    'Sign',
    'Verify',
    'GetPublicKey',
    'GenerateMac',
    'VerifyMac',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    'DeriveSharedSecret',
  ],
  'multi-region': ['ReplicateKey', 'UpdatePrimaryRegion'],
} as const satisfies Record<string, readonly OperationName[]>;

/** The name of an operation group, which is also its test file's name. */
export type OperationGroup = keyof typeof OPERATION_GROUPS;

/** How an operation was answered when the AWS SDK called it. */
export interface Exercised {
  succeeded: boolean;
  failedWith: Set<string>;
}

/** Hears the endpoint's answered calls and keeps, per operation, what the SDK got back. */
export class SdkCallRecorder {
  readonly exercised = new Map<string, Exercised>();

  /** The `onCall` listener to give the server. */
  readonly onCall = (call: RemoteCall): void => {
    if (!call.target.startsWith('TrentService.') || !call.userAgent?.includes('aws-sdk-js')) return;
    const operation = call.target.slice('TrentService.'.length);
    const entry = this.exercised.get(operation) ?? { succeeded: false, failedWith: new Set<string>() };
    if (call.status === 200) entry.succeeded = true;
    else if (call.errorCode) entry.failedWith.add(call.errorCode);
    this.exercised.set(operation, entry);
  };

  /** Asserts that the SDK called each operation of a group with both a success and an AWS error. */
  expectGroupExercised(group: OperationGroup): void {
    const summary = Object.fromEntries(
      OPERATION_GROUPS[group].map((name) => {
        const entry = this.exercised.get(name);
        return [name, { succeeded: entry?.succeeded ?? false, failed: (entry?.failedWith.size ?? 0) > 0 }];
      }),
    );
    const expected = Object.fromEntries(OPERATION_GROUPS[group].map((name) => [name, { succeeded: true, failed: true }]));
    expect(summary).toEqual(expected);
  }
}
