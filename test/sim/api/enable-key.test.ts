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

describe('EnableKey', () => {
  it.each(KEY_ID_FORMS)('enables a Disabled key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({});
    expect(describeTestKey(sandbox, key.keyId)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('leaves an Enabled key Enabled', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
  });

  it('lets a re-enabled key encrypt again', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId }));

    const encrypted = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: new Uint8Array([1, 2, 3]) }));
    expect(encrypted.KeyId).toBe(key.arn);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('PendingDeletion');
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'EnableKey', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with NotFoundException for the key id of a key in another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'EnableKey', { KeyId: key.keyId });

    expectKmsError(outcome, 'NotFoundException', `Key 'arn:aws:kms:${OTHER_REGION}:111122223333:key/${key.keyId}' does not exist`);
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'EnableKey', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
