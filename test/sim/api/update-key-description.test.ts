import { describe, expect, it } from 'vitest';
import {
  createTestKey,
  describeTestKey,
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

describe('UpdateKeyDescription', () => {
  it.each(KEY_ID_FORMS)('replaces the description of a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION, 'before');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: keyReference(key, form, ''), Description: 'after' }),
    );

    expect(output).toEqual({});
    expect(describeTestKey(sandbox, key.keyId).Description).toBe('after');
  });

  it('clears the description when given an empty one', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION, 'before');

    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.keyId, Description: '' }));

    expect(describeTestKey(sandbox, key.keyId).Description).toBe('');
  });

  it('updates the description of a Disabled key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.keyId, Description: 'retired' }));

    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ Description: 'retired', KeyState: 'Disabled' });
  });

  it('fails with KMSInvalidStateException for a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION, 'before');
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.keyId, Description: 'after' });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    expect(describeTestKey(sandbox, key.keyId).Description).toBe('before');
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: 'my-key', Description: 'x' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: UNKNOWN_KEY_ID, Description: 'x' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.arn, Description: 'x' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with ValidationException when Description is missing', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'description' failed to satisfy constraint: Member must not be null",
    );
  });

  it('fails with ValidationException for a description longer than 8192 characters', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: key.keyId, Description: 'd'.repeat(8193) });

    expectKmsError(outcome, 'ValidationException', "at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192");
  });

  it('reports every constraint violation at once', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateKeyDescription', { KeyId: '' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "2 validation errors detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'description' failed to satisfy constraint: Member must not be null",
    );
  });
});
