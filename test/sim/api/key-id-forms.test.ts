import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/sim/api/registry.js';
import { createTestAlias, createTestKey, expectError, keyReference, REGION, testSandbox } from '../../helpers/sim.js';

// What each operation's API reference says its KeyId accepts. A new operation with a key must
// be added here, so the choice is made on purpose.
const ACCEPTS: Readonly<Record<string, 'keyOrAlias' | 'keyOnly'>> = {
  CancelKeyDeletion: 'keyOnly',
  DeleteImportedKeyMaterial: 'keyOnly',
  DisableKeyRotation: 'keyOnly',
  EnableKeyRotation: 'keyOnly',
  GetKeyRotationStatus: 'keyOnly',
  GetParametersForImport: 'keyOnly',
  ImportKeyMaterial: 'keyOnly',
  ListKeyRotations: 'keyOnly',
  RotateKeyOnDemand: 'keyOnly',
  DescribeKey: 'keyOrAlias',
  DisableKey: 'keyOnly',
  EnableKey: 'keyOnly',
  Encrypt: 'keyOrAlias',
  GenerateDataKey: 'keyOrAlias',
  GenerateDataKeyWithoutPlaintext: 'keyOrAlias',
  GenerateDataKeyPair: 'keyOrAlias',
  GenerateDataKeyPairWithoutPlaintext: 'keyOrAlias',
  GenerateMac: 'keyOrAlias',
  VerifyMac: 'keyOrAlias',
  Sign: 'keyOrAlias',
  Verify: 'keyOrAlias',
  GetPublicKey: 'keyOrAlias',
  DeriveSharedSecret: 'keyOrAlias',
  ReplicateKey: 'keyOnly',
  UpdatePrimaryRegion: 'keyOnly',
  GetKeyPolicy: 'keyOnly',
  ListKeyPolicies: 'keyOnly',
  ListResourceTags: 'keyOnly',
  PutKeyPolicy: 'keyOnly',
  ScheduleKeyDeletion: 'keyOnly',
  TagResource: 'keyOnly',
  UntagResource: 'keyOnly',
  UpdateKeyDescription: 'keyOnly',
};

// A valid input for each key-only operation, given its KeyId.
const KEY_ONLY_INPUTS: Readonly<Record<string, (keyId: string) => Record<string, unknown>>> = {
  CancelKeyDeletion: (KeyId) => ({ KeyId }),
  DisableKey: (KeyId) => ({ KeyId }),
  EnableKey: (KeyId) => ({ KeyId }),
  GetKeyPolicy: (KeyId) => ({ KeyId }),
  ListKeyPolicies: (KeyId) => ({ KeyId }),
  ListResourceTags: (KeyId) => ({ KeyId }),
  PutKeyPolicy: (KeyId) => ({ KeyId, Policy: '{}', BypassPolicyLockoutSafetyCheck: true }),
  ScheduleKeyDeletion: (KeyId) => ({ KeyId }),
  TagResource: (KeyId) => ({ KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }),
  UntagResource: (KeyId) => ({ KeyId, TagKeys: ['a'] }),
  UpdateKeyDescription: (KeyId) => ({ KeyId, Description: 'd' }),
  ListAliases: (KeyId) => ({ KeyId }),
};

describe('KeyId forms', () => {
  it('declares for every operation with a key which forms its KeyId accepts, as its API reference says', () => {
    const declared = Object.fromEntries(OPERATIONS.flatMap((op) => ('key' in op && op.key ? [[op.name, op.key.accepts]] : [])));
    expect(declared).toEqual(ACCEPTS);
  });

  describe.each(Object.keys(KEY_ONLY_INPUTS))('%s', (operation) => {
    it.each(['alias name', 'alias ARN'] as const)('refuses an %s with NotFoundException "Invalid keyId"', (form) => {
      const sandbox = testSandbox();
      const key = createTestKey(sandbox);
      createTestAlias(sandbox, key, 'alias/forms');
      const keyId = keyReference(key, form, 'alias/forms');
      const error = expectError(sandbox.call(REGION, sandbox.admin, operation, KEY_ONLY_INPUTS[operation]?.(keyId)));
      expect(error.code).toBe('NotFoundException');
      expect(error.message).toBe(`Invalid keyId '${keyId}'`);
    });
  });
});
