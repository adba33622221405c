import { describe, expect, it } from 'vitest';
import {
  createPrimaryKey,
  describeIn,
  MRK_ID,
  mrkArn,
  replicate,
  REPLICA_REGION,
  SETTLE_MS,
  THIRD_REGION,
  tryReplicate,
} from '../../helpers/multi-region.js';
import { createTestKey, createTestAlias, expectKmsError, expectOk, REGION, scheduleTestKeyDeletion, testSandbox } from '../../helpers/sim.js';

const PLAINTEXT = Buffer.from('replicated secret');

describe('ReplicateKey', () => {
  it('returns a Creating, not Enabled, replica with the same mrk- key id and an ARN in the replica Region', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);

    const output = expectOk(tryReplicate(sandbox, primary, REPLICA_REGION));

    const arn = mrkArn(sandbox, REPLICA_REGION, primary.keyId);
    expect(primary.keyId).toMatch(MRK_ID);
    expect(output.ReplicaKeyMetadata).toMatchObject({
      KeyId: primary.keyId,
      Arn: arn,
      KeyState: 'Creating',
      Enabled: false,
      MultiRegion: true,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      MultiRegionConfiguration: {
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: primary.arn, Region: REGION },
        ReplicaKeys: [{ Arn: arn, Region: REPLICA_REGION }],
      },
    });
    expect(describeIn(sandbox, { ...primary, region: REPLICA_REGION })).toMatchObject({ KeyState: 'Creating', Enabled: false });
  });

  it('becomes Enabled once the virtual clock passes the creation time, and not before', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const replica = replicate(sandbox, primary, REPLICA_REGION);

    sandbox.advanceClock(SETTLE_MS - 1);
    expect(describeIn(sandbox, replica).KeyState).toBe('Creating');

    sandbox.advanceClock(1);
    expect(describeIn(sandbox, replica)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it.each(['Encrypt', 'GenerateDataKey'] as const)('refuses %s under a Creating replica with KMSInvalidStateException "<arn> is creating."', (operation) => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const replica = replicate(sandbox, primary, REPLICA_REGION);
    const input = operation === 'Encrypt' ? { KeyId: replica.keyId, Plaintext: PLAINTEXT } : { KeyId: replica.keyId, KeySpec: 'AES_256' as const };

    const error = expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, operation, input), 'KMSInvalidStateException');

    expect(error.message).toBe(`${replica.arn} is creating.`);
  });

  it('refuses Decrypt under a Creating replica of ciphertext made in the primary Region', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: primary.keyId, Plaintext: PLAINTEXT }));
    const replica = replicate(sandbox, primary, REPLICA_REGION);

    const error = expectKmsError(sandbox.call(REPLICA_REGION, sandbox.admin, 'Decrypt', { CiphertextBlob }), 'KMSInvalidStateException');

    expect(error.message).toBe(`${replica.arn} is creating.`);
  });

  it('lets a Creating replica be managed: description, tags and an alias', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const replica = replicate(sandbox, primary, REPLICA_REGION);

    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: replica.keyId, Description: 'dr copy' }));
    expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'TagResource', { KeyId: replica.keyId, Tags: [{ TagKey: 'tier', TagValue: 'dr' }] }));
    createTestAlias(sandbox, replica, 'alias/dr', REPLICA_REGION);

    expect(describeIn(sandbox, replica)).toMatchObject({ KeyState: 'Creating', Description: 'dr copy' });
  });

  it("does not copy the primary's description, policy or tags: the replica gets '', the default policy and none", () => {
    const sandbox = testSandbox();
    const primaryPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const primary = createPrimaryKey(sandbox, { Description: 'orders primary', Policy: primaryPolicy, Tags: [{ TagKey: 'team', TagValue: 'orders' }] });
    const defaultPolicy = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: createTestKey(sandbox).keyId, PolicyName: 'default' })).Policy;

    const output = expectOk(tryReplicate(sandbox, primary, REPLICA_REGION));

    expect(output.ReplicaKeyMetadata.Description).toBe('');
    expect(output.ReplicaPolicy).toBe(defaultPolicy);
    expect(output.ReplicaPolicy).not.toBe(primaryPolicy);
    expect(output.ReplicaTags ?? []).toEqual([]);
    const replica = { keyId: primary.keyId, arn: output.ReplicaKeyMetadata.Arn, region: REPLICA_REGION };
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListResourceTags', { KeyId: replica.keyId })).Tags).toEqual([]);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: replica.keyId, PolicyName: 'default' })).Policy).toBe(defaultPolicy);
  });

  it('gives the replica the description, policy and tags of the request', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Id: 'replica-policy',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const tags = [{ TagKey: 'site', TagValue: 'dublin' }];

    const output = expectOk(tryReplicate(sandbox, primary, REPLICA_REGION, { Description: 'Irish copy', Policy: policy, Tags: tags }));

    expect(output.ReplicaKeyMetadata.Description).toBe('Irish copy');
    expect(output.ReplicaPolicy).toBe(policy);
    expect(output.ReplicaTags).toEqual(tags);
    expect(expectOk(sandbox.call(REPLICA_REGION, sandbox.admin, 'ListResourceTags', { KeyId: primary.keyId })).Tags).toEqual(tags);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: primary.keyId })).Tags).toEqual([]);
  });

  it('copies the shared properties: key spec, key usage and origin of an HMAC primary', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox, { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' });

    const { ReplicaKeyMetadata } = expectOk(tryReplicate(sandbox, primary, REPLICA_REGION));

    expect(ReplicaKeyMetadata).toMatchObject({ KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'AWS_KMS', MacAlgorithms: ['HMAC_SHA_384'] });
  });

  it('lists every replica in the primary, and every replica (itself included) in each replica', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);
    const ireland = replicate(sandbox, primary, REPLICA_REGION);
    const sydney = replicate(sandbox, primary, THIRD_REGION);
    const replicaKeys = [
      { Arn: ireland.arn, Region: REPLICA_REGION },
      { Arn: sydney.arn, Region: THIRD_REGION },
    ];

    expect(describeIn(sandbox, primary).MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: primary.arn, Region: REGION },
      ReplicaKeys: replicaKeys,
    });
    for (const replica of [ireland, sydney])
      expect(describeIn(sandbox, replica).MultiRegionConfiguration).toEqual({
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: primary.arn, Region: REGION },
        ReplicaKeys: replicaKeys,
      });
  });

  it('accepts the primary named by its ARN', () => {
    const sandbox = testSandbox();
    const primary = createPrimaryKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ReplicateKey', { KeyId: primary.arn, ReplicaRegion: REPLICA_REGION }));

    expect(output.ReplicaKeyMetadata.Arn).toBe(mrkArn(sandbox, REPLICA_REGION, primary.keyId));
  });

  describe('errors', () => {
    it('fails with AlreadyExistsException for a Region that already has a replica, Creating or Enabled', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      replicate(sandbox, primary, REPLICA_REGION);

      expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'AlreadyExistsException');
      sandbox.advanceClock(SETTLE_MS);
      expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'AlreadyExistsException');
      expect(sandbox.keys(REPLICA_REGION)).toHaveLength(1);
    });

    it("fails with AlreadyExistsException for the primary's own Region", () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);

      expectKmsError(tryReplicate(sandbox, primary, REGION), 'AlreadyExistsException');
      expect(sandbox.keys(REGION)).toHaveLength(1);
    });

    it('fails with AlreadyExistsException while the replica in that Region is pending deletion', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const replica = replicate(sandbox, primary, REPLICA_REGION);
      sandbox.advanceClock(SETTLE_MS);
      scheduleTestKeyDeletion(sandbox, replica, 7, REPLICA_REGION);

      expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'AlreadyExistsException');
    });

    it('fails with UnsupportedOperationException for a single-Region key', () => {
      const sandbox = testSandbox();
      const key = createTestKey(sandbox);

      const error = expectKmsError(sandbox.call(REGION, sandbox.admin, 'ReplicateKey', { KeyId: key.keyId, ReplicaRegion: REPLICA_REGION }), 'UnsupportedOperationException');

      expect(error.message).toContain(key.arn);
      expect(sandbox.keys(REPLICA_REGION)).toEqual([]);
    });

    it('fails with UnsupportedOperationException for a replica, Enabled or not', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const replica = replicate(sandbox, primary, REPLICA_REGION);
      sandbox.advanceClock(SETTLE_MS);

      const error = expectKmsError(tryReplicate(sandbox, replica, THIRD_REGION), 'UnsupportedOperationException');

      expect(error.message).toContain(replica.arn);
      expect(sandbox.keys(THIRD_REGION)).toEqual([]);
    });

    it('fails with DisabledException "<arn> is disabled." for a disabled primary', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: primary.keyId }));

      const error = expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'DisabledException');

      expect(error.message).toBe(`${primary.arn} is disabled.`);
    });

    it('fails with KMSInvalidStateException for a primary pending deletion', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      scheduleTestKeyDeletion(sandbox, primary);

      const error = expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION), 'KMSInvalidStateException');

      expect(error.message).toBe(`${primary.arn} is pending deletion.`);
    });

    it('fails with KMSInvalidStateException for a primary waiting for its replicas to be deleted', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      replicate(sandbox, primary, REPLICA_REGION);
      scheduleTestKeyDeletion(sandbox, primary);

      const error = expectKmsError(tryReplicate(sandbox, primary, THIRD_REGION), 'KMSInvalidStateException');

      expect(error.message).toBe(`${primary.arn} is pending replica deletion.`);
    });

    it('fails with NotFoundException for an unknown multi-Region key id', () => {
      const sandbox = testSandbox();
      const keyId = 'mrk-0123456789abcdef0123456789abcdef';

      const error = expectKmsError(sandbox.call(REGION, sandbox.admin, 'ReplicateKey', { KeyId: keyId, ReplicaRegion: REPLICA_REGION }), 'NotFoundException');

      expect(error.message).toBe(`Key '${mrkArn(sandbox, REGION, keyId)}' does not exist`);
    });

    it('fails for a ReplicaRegion the sandbox does not know, and makes no key', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);

      const outcome = tryReplicate(sandbox, primary, 'xx-nowhere-9');

      expect(outcome.ok).toBe(false);
      expect(sandbox.keys().map((k) => k.region)).toEqual([REGION]);
    });

    it('fails with MalformedPolicyDocumentException for a policy that would lock the caller out, unless the check is bypassed', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:user/Someone` }, Action: 'kms:*', Resource: '*' }],
      });

      expectKmsError(
        tryReplicate(sandbox, primary, REPLICA_REGION, { Policy: policy }),
        'MalformedPolicyDocumentException',
        'The new key policy will not allow you to update the key policy in the future.',
      );
      expect(sandbox.keys(REPLICA_REGION)).toEqual([]);

      expect(expectOk(tryReplicate(sandbox, primary, REPLICA_REGION, { Policy: policy, BypassPolicyLockoutSafetyCheck: true })).ReplicaPolicy).toBe(policy);
    });

    it('fails with TagException for a tag key beginning with aws:, and makes no replica', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);

      const error = expectKmsError(tryReplicate(sandbox, primary, REPLICA_REGION, { Tags: [{ TagKey: 'aws:site', TagValue: 'x' }] }), 'TagException');

      expect(error.message).toBe('Tags beginning with aws: are reserved');
      expect(sandbox.keys(REPLICA_REGION)).toEqual([]);
      expect(describeIn(sandbox, primary).MultiRegionConfiguration?.ReplicaKeys).toEqual([]);
    });

    it('fails with ValidationException without a ReplicaRegion', () => {
      const sandbox = testSandbox();
      const primary = createPrimaryKey(sandbox);

      expectKmsError(sandbox.call(REGION, sandbox.admin, 'ReplicateKey', { KeyId: primary.keyId }), 'ValidationException');
    });
  });
});
