import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import {
  createTestKey,
  expectKmsError,
  expectOk,
  KEY_ID_FORMS,
  keyReference,
  OTHER_REGION,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
  type TestKey,
} from '../../helpers/sim.js';

const ROOT = 'arn:aws:iam::111122223333:root';

/** A key policy document with the given statements. */
function policyOf(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A policy that lets the account do everything, with a marker to tell policies apart. */
function accountPolicy(sid = 'Enable IAM User Permissions'): string {
  return policyOf({ Sid: sid, Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' });
}

function policyOfKey(sandbox: Sandbox, key: TestKey): string {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId })).Policy;
}

describe('PutKeyPolicy', () => {
  it.each(KEY_ID_FORMS)('replaces the key policy of a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = accountPolicy('replaced');

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: keyReference(key, form, ''), Policy: policy }));

    expect(output).toEqual({});
    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it('accepts the policy name default', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = accountPolicy('named');

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, PolicyName: 'default', Policy: policy }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it('accepts a single Statement object in place of a list', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' } });

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it.each([
    ["the caller's own ARN kms:PutKeyPolicy", { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Admin' }, Action: ['kms:Describe*', 'kms:PutKeyPolicy'], Resource: '*' }],
    ['everyone kms:*', { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }],
    ['the account kms:Put*', { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:Put*', Resource: '*' }],
  ] as const)('accepts a policy that grants %s', (_grant, statement) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = policyOf(statement);

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it('accepts a policy whose Deny of kms:PutKeyPolicy applies only under a condition', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = policyOf(
      { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    );

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it('replaces the key policy of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);
    const policy = accountPolicy('while pending deletion');

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it.each([
    ['is not JSON', '{"Version": "2012-10-17",', 'The policy is not valid JSON.'],
    ['is a JSON array', '[]', 'The policy must be a JSON object.'],
    ['has no Statement', '{"Version": "2012-10-17"}', 'The policy must contain at least one Statement.'],
    [
      'has a statement without Effect',
      policyOf({ Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }),
      'Policy contains a statement with an invalid Effect.',
    ],
    [
      'has a statement with an Effect other than Allow or Deny',
      policyOf({ Effect: 'Permit', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }),
      'Policy contains a statement with an invalid Effect.',
    ],
    [
      'has a statement without Principal',
      policyOf({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      'Policy contains a statement with no principal.',
    ],
    [
      'has a statement without Action',
      policyOf({ Effect: 'Allow', Principal: { AWS: ROOT }, Resource: '*' }),
      'Policy contains a statement with no action.',
    ],
  ])('fails with MalformedPolicyDocumentException when the policy %s', (_problem, policy, message) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const before = policyOfKey(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy });

    expect(expectKmsError(outcome, 'MalformedPolicyDocumentException').message).toBe(message);
    expect(policyOfKey(sandbox, key)).toBe(before);
  });

  it.each([
    ['grants only another principal', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' }]],
    ['grants the caller only kms:Encrypt', [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:Encrypt', Resource: '*' }]],
    ['only denies', [{ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }]],
    [
      'denies kms:PutKeyPolicy beside an Allow of kms:*',
      [
        { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: ROOT }, Action: 'kms:PutKeyPolicy', Resource: '*' },
      ],
    ],
  ])('fails with MalformedPolicyDocumentException when the policy %s', (_lockout, statements) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const before = policyOfKey(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policyOf(...statements) });

    expect(expectKmsError(outcome, 'MalformedPolicyDocumentException').message).toBe(
      'The new key policy will not allow you to update the key policy in the future.',
    );
    expect(policyOfKey(sandbox, key)).toBe(before);
  });

  it('stores a lockout policy when BypassPolicyLockoutSafetyCheck is true', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = policyOf({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' });

    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy, BypassPolicyLockoutSafetyCheck: true }));

    expect(policyOfKey(sandbox, key)).toBe(policy);
  });

  it('still refuses a malformed policy when BypassPolicyLockoutSafetyCheck is true', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', {
      KeyId: key.keyId,
      Policy: policyOf({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      BypassPolicyLockoutSafetyCheck: true,
    });

    expectKmsError(outcome, 'MalformedPolicyDocumentException', 'Policy contains a statement with no principal.');
  });

  it('fails with NotFoundException for a policy name other than default', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, PolicyName: 'custom', Policy: accountPolicy() });

    expectKmsError(outcome, 'NotFoundException', 'No such policy exists: custom.');
  });

  it('fails with ValidationException when Policy is missing', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
    );
  });

  it('fails with ValidationException for a policy with characters outside U+0020–U+00FF', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: accountPolicy('snowman \u2603') });

    expectKmsError(outcome, 'ValidationException', "at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: 'my-key', Policy: accountPolicy() });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: UNKNOWN_KEY_ID, Policy: accountPolicy() });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.arn, Policy: accountPolicy() });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });
});
