import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { DAY_MS, expectKmsError, expectOk, OTHER_REGION, REGION, testSandbox } from '../../helpers/sim.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A policy document with one statement, in the shape AWS expects. */
function policyWith(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

describe('CreateKey', () => {
  it('creates an Enabled symmetric encryption key with AWS default metadata', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {}));

    expect(KeyMetadata.KeyId).toMatch(UUID);
    expect(KeyMetadata).toMatchObject({
      AWSAccountId: '111122223333',
      Arn: `arn:aws:kms:${REGION}:111122223333:key/${KeyMetadata.KeyId}`,
      Enabled: true,
      Description: '',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
    expect(KeyMetadata.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(KeyMetadata.DeletionDate).toBeUndefined();
  });

  it('stamps CreationDate with the virtual clock', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    sandbox.advanceClock(3 * DAY_MS);

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {}));

    expect(KeyMetadata.CreationDate).toEqual(new Date('2026-03-04T12:00:00.000Z'));
  });

  it('gives each new key its own key id and key material', () => {
    const sandbox = testSandbox();

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata;
    const second = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {})).KeyMetadata;

    expect(second.KeyId).not.toBe(first.KeyId);
    expect(second.CurrentKeyMaterialId).not.toBe(first.CurrentKeyMaterialId);
  });

  it('creates the key in the Region it is called in', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'CreateKey', {}));

    expect(KeyMetadata.Arn).toBe(`arn:aws:kms:${OTHER_REGION}:111122223333:key/${KeyMetadata.KeyId}`);
    expect(expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'ListKeys', {})).Keys).toHaveLength(1);
    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {})).Keys).toHaveLength(0);
  });

  it('keeps the description and tags it is given', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(
      sandbox.call(REGION, sandbox.admin, 'CreateKey', {
        Description: 'orders table key',
        Tags: [
          { TagKey: 'team', TagValue: 'payments' },
          { TagKey: 'env', TagValue: '' },
        ],
      }),
    );

    expect(KeyMetadata.Description).toBe('orders table key');
    const { Tags } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: KeyMetadata.KeyId }));
    expect(Tags).toEqual([
      { TagKey: 'team', TagValue: 'payments' },
      { TagKey: 'env', TagValue: '' },
    ]);
  });

  it('gives a key made without a policy the default key policy', () => {
    const sandbox = testSandbox();
    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', {}));

    const { Policy } = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: KeyMetadata.KeyId }));

    expect(JSON.parse(Policy)).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
    });
  });

  it('stores the key policy it is given', () => {
    const sandbox = testSandbox();
    const policy = policyWith({ Effect: 'Allow', Principal: { AWS: sandbox.admin.arn }, Action: 'kms:*', Resource: '*' });

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Policy: policy }));

    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: KeyMetadata.KeyId })).Policy).toBe(policy);
  });

  it('accepts an explicit SYMMETRIC_DEFAULT key spec and ENCRYPT_DECRYPT usage', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(
      sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' }),
    );

    expect(KeyMetadata.KeySpec).toBe('SYMMETRIC_DEFAULT');
  });

  it('accepts the deprecated CustomerMasterKeySpec in place of KeySpec', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }));

    expect(KeyMetadata.CustomerMasterKeySpec).toBe('SYMMETRIC_DEFAULT');
  });

  it('records a CreateKey call in CloudTrail naming the new key', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Description: 'audited' }));

    const record = sandbox.audit.items.at(-1);
    expect(record).toMatchObject({
      eventName: 'CreateKey',
      eventType: 'AwsApiCall',
      awsRegion: REGION,
      readOnly: false,
      requestParameters: { description: 'audited' },
      resources: [{ type: 'AWS::KMS::Key', ARN: KeyMetadata.Arn }],
    });
    expect(record?.errorCode).toBeUndefined();
  });

  it('fails with ValidationException when both KeySpec and CustomerMasterKeySpec are given', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.',
    );
  });

  it('fails with ValidationException for a KeySpec outside the AWS enumeration', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: 'AES_256' });

    expectKmsError(
      outcome,
      'ValidationException',
      "1 validation error detected: Value 'AES_256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048,",
    );
  });

  it('fails with ValidationException for a description longer than 8192 characters', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Description: 'd'.repeat(8193) });

    expectKmsError(outcome, 'ValidationException', /at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/);
  });

  it('fails with ValidationException for a usage a symmetric key cannot have', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeyUsage: 'SIGN_VERIFY' });

    expectKmsError(outcome, 'ValidationException', 'KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT');
  });

  it.each(['SM2'] as const)(
    'fails with UnsupportedOperationException for %s, which AWS offers only in its China Regions (no key is created)',
    (keySpec) => {
      const sandbox = testSandbox();

      const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: keySpec, KeyUsage: 'SIGN_VERIFY' });

      expectKmsError(outcome, 'UnsupportedOperationException', `KeySpec ${keySpec} is not supported by the sandbox`);
      expect(sandbox.keys()).toHaveLength(0);
    },
  );

  it.each(['RSA_2048', 'ECC_NIST_P256', 'HMAC_256', 'ECC_NIST_EDWARDS25519'] as const)(
    'fails with ValidationException when the non-symmetric key spec %s comes without a KeyUsage',
    (keySpec) => {
      const sandbox = testSandbox();

      const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: keySpec });

      expectKmsError(outcome, 'ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
      expect(sandbox.keys()).toHaveLength(0);
    },
  );

  it.each(['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const)('fails with UnsupportedOperationException for origin %s (custom key stores)', (origin) => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Origin: origin });

    expectKmsError(outcome, 'UnsupportedOperationException', `Origin ${origin} needs a custom key store`);
  });

  it('creates an EXTERNAL key in PendingImport, without key material', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Origin: 'EXTERNAL' }));

    expect(KeyMetadata).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(KeyMetadata.CurrentKeyMaterialId).toBeUndefined();
  });

  it('fails with UnsupportedOperationException for a custom key store', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { CustomKeyStoreId: 'cks-1234567890abcdef0' });

    expectKmsError(outcome, 'UnsupportedOperationException', 'custom key stores');
  });

  it('creates a multi-Region primary key: an mrk- id and a MultiRegionConfiguration with no replicas yet', () => {
    const sandbox = testSandbox();

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { MultiRegion: true }));

    expect(KeyMetadata.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(KeyMetadata.MultiRegion).toBe(true);
    expect(KeyMetadata.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: KeyMetadata.Arn, Region: REGION },
      ReplicaKeys: [],
    });
  });

  it.each([
    ['is not JSON', '{"Statement": [', 'The policy is not valid JSON.'],
    [
      'has a statement without Effect',
      policyWith({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }),
      'Policy contains a statement with an invalid Effect.',
    ],
    [
      'has a statement without Principal',
      policyWith({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      'Policy contains a statement with no principal.',
    ],
    [
      'has a statement without Action',
      policyWith({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Resource: '*' }),
      'Policy contains a statement with no action.',
    ],
  ])('fails with MalformedPolicyDocumentException when the policy %s', (_problem, policy, message) => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Policy: policy });

    expectKmsError(outcome, 'MalformedPolicyDocumentException', message);
    expect(sandbox.keys()).toHaveLength(0);
  });

  it('fails with MalformedPolicyDocumentException when the policy would lock the caller out', () => {
    const sandbox = testSandbox();
    const policy = policyWith({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' });

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Policy: policy });

    expectKmsError(outcome, 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
  });

  it('creates a key with a lockout policy when BypassPolicyLockoutSafetyCheck is true', () => {
    const sandbox = testSandbox();
    const policy = policyWith({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' });

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Policy: policy, BypassPolicyLockoutSafetyCheck: true }));

    expect(expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: KeyMetadata.KeyId })).Policy).toBe(policy);
  });

  it('fails with TagException for duplicate tag keys', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', {
      Tags: [
        { TagKey: 'team', TagValue: 'a' },
        { TagKey: 'team', TagValue: 'b' },
      ],
    });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Duplicate tag keys');
  });

  it('fails with TagException for a tag key beginning with aws:', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Tags: [{ TagKey: 'aws:createdBy', TagValue: 'me' }] });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Tags beginning with aws: are reserved');
  });

  it('fails with TagException for more than 50 tags', () => {
    const sandbox = testSandbox();
    const tags = Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Tags: tags });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Too many tags');
    expect(sandbox.keys()).toHaveLength(0);
  });

  it('accepts exactly 50 tags', () => {
    const sandbox = testSandbox();
    const tags = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Tags: tags }));

    expect(sandbox.keys()).toHaveLength(1);
  });

  it('fails with ValidationException for a tag key longer than 128 characters', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', { Tags: [{ TagKey: 'k'.repeat(129), TagValue: 'v' }] });

    expectKmsError(
      outcome,
      'ValidationException',
      /^1 validation error detected: Value 'k+' at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
  });

  it('fails with ThrottlingException when called faster than its 5-per-second quota', () => {
    // Given a sandbox that enforces request quotas (on the wall clock)
    const sandbox = createSandbox();

    // When CreateKey is called 20 times in a tight loop
    const outcomes = Array.from({ length: 20 }, () => sandbox.call(REGION, sandbox.admin, 'CreateKey', {}));

    // Then the first calls succeed and later ones are throttled with AWS's message
    expect(outcomes[0]?.ok).toBe(true);
    const throttled = outcomes.filter((o) => !o.ok);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toMatchObject({
      ok: false,
      error: {
        code: 'ThrottlingException',
        message: 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
        fault: false,
      },
    });
    expect(sandbox.keys()).toHaveLength(20 - throttled.length);
  });
});
