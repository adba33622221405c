import { describe, expect, it } from 'vitest';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
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

describe('UpdateAlias', () => {
  it.each(KEY_ID_FORMS)('points the alias at another key named by its %s', (form) => {
    const sandbox = testSandbox();
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: keyReference(to, form, '') }),
    );

    expect(output).toEqual({});
    expect(describeTestKey(sandbox, 'alias/current').KeyId).toBe(to.keyId);
    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: from.keyId }));
    expect(Aliases).toEqual([]);
  });

  it('moves LastUpdatedDate to the virtual now and keeps CreationDate', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');
    sandbox.advanceClock(2 * DAY_MS);

    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: to.keyId }));

    const [alias] = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {})).Aliases;
    expect(alias).toMatchObject({
      TargetKeyId: to.keyId,
      CreationDate: new Date('2026-03-01T12:00:00.000Z'),
      LastUpdatedDate: new Date('2026-03-03T12:00:00.000Z'),
    });
  });

  it('moves an alias away from a key pending deletion', () => {
    const sandbox = testSandbox();
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');
    scheduleTestKeyDeletion(sandbox, from);

    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: to.keyId }));

    expect(describeTestKey(sandbox, 'alias/current').KeyId).toBe(to.keyId);
  });

  it('keeps an alias that was moved off a key when that key is deleted', () => {
    const sandbox = testSandbox();
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');
    scheduleTestKeyDeletion(sandbox, from, 7);
    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: to.keyId }));

    sandbox.advanceClock(7 * DAY_MS);

    expect(describeTestKey(sandbox, 'alias/current').KeyId).toBe(to.keyId);
  });

  it('points the alias at a Disabled key', () => {
    const sandbox = testSandbox();
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: to.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: to.keyId }));

    expect(describeTestKey(sandbox, 'alias/current')).toMatchObject({ KeyId: to.keyId, KeyState: 'Disabled' });
  });

  it('fails with KMSInvalidStateException for a target key pending deletion', () => {
    const sandbox = testSandbox();
    const from = createTestKey(sandbox);
    const to = createTestKey(sandbox);
    createTestAlias(sandbox, from, 'alias/current');
    scheduleTestKeyDeletion(sandbox, to);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: to.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${to.arn} is pending deletion.`);
    expect(describeTestKey(sandbox, 'alias/current').KeyId).toBe(from.keyId);
  });

  it('fails with NotFoundException for an alias that does not exist', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/missing', TargetKeyId: key.keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Alias arn:aws:kms:${REGION}:111122223333:alias/missing is not found.`);
  });

  it('fails with NotFoundException for an alias that exists only in another Region', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox, REGION), 'alias/home', REGION);
    const away = createTestKey(sandbox, OTHER_REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/home', TargetKeyId: away.keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Alias arn:aws:kms:${OTHER_REGION}:111122223333:alias/home is not found.`);
  });

  it('fails with NotFoundException for an unknown target key id', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/current');

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a malformed target key id', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/current');

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for a target key ARN from another Region', () => {
    const sandbox = testSandbox();
    const away = createTestKey(sandbox, OTHER_REGION);
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/current');

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: away.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${OTHER_REGION}`);
  });

  it('fails with ValidationException when the target is an alias', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/current');
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/other');

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current', TargetKeyId: 'alias/other' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Aliases must refer to keys. Not aliases');
  });

  it('fails with NotAuthorizedException for a reserved alias/aws/ name', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/aws/s3', TargetKeyId: key.keyId });

    expectKmsError(outcome, 'NotAuthorizedException', 'alias/aws/');
  });

  it('fails with InvalidAliasNameException for a name without the alias/ prefix', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'current', TargetKeyId: key.keyId });

    expect(expectKmsError(outcome, 'InvalidAliasNameException').message).toBe('Alias must start with the prefix "alias/" followed by a name: current');
  });

  it('fails with ValidationException when TargetKeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UpdateAlias', { AliasName: 'alias/current' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
