import { describe, expect, it } from 'vitest';
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
} from '../../helpers/sim.js';

describe('GetKeyPolicy', () => {
  it.each(KEY_ID_FORMS)('returns the default key policy of a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: keyReference(key, form, '') }));

    expect(output.PolicyName).toBe('default');
    expect(JSON.parse(output.Policy)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
  });

  it("names the sandbox's account in the default policy", () => {
    const sandbox = testSandbox({ accountId: '444455556666' });
    const key = createTestKey(sandbox);

    const { Policy } = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId }));

    expect(JSON.parse(Policy).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::444455556666:root' });
  });

  it('returns the policy last put on the key, byte for byte', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const policy = '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*" } ] }';
    expectOk(sandbox.call(REGION, sandbox.admin, 'PutKeyPolicy', { KeyId: key.keyId, Policy: policy }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId, PolicyName: 'default' }));

    expect(output.Policy).toBe(policy);
  });

  it('returns the policy of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId }));

    expect(output.PolicyName).toBe('default');
  });

  it('fails with NotFoundException for a policy name other than default', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId, PolicyName: 'custom' });

    expectKmsError(outcome, 'NotFoundException', 'No such policy exists: custom.');
  });

  it('fails with ValidationException for a policy name with characters other than word characters', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.keyId, PolicyName: 'my policy' });

    expectKmsError(outcome, 'ValidationException', "Value 'my policy' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'GetKeyPolicy', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'GetKeyPolicy', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
