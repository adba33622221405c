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

describe('ListKeyPolicies', () => {
  it.each(KEY_ID_FORMS)('lists the one policy name, default, of a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('returns an untruncated page for Limit 1', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: key.keyId, Limit: 1 }));

    expect(output).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('lists the policy name of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: key.keyId }));

    expect(output.PolicyNames).toEqual(['default']);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: key.keyId, Marker: 'not-a-marker' });

    expectKmsError(outcome, 'InvalidMarkerException', 'Invalid marker');
  });

  it.each([
    [0, 'Member must have value greater than or equal to 1'],
    [1001, 'Member must have value less than or equal to 1000'],
  ] as const)('fails with ValidationException for Limit %i', (limit, constraint) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: key.keyId, Limit: limit });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: ${constraint}`,
    );
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'ListKeyPolicies', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeyPolicies', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
