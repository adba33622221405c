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
  customerAliases,
} from '../../helpers/sim.js';

describe('CreateAlias', () => {
  it.each(KEY_ID_FORMS)('creates an alias for a key named by its %s', (form) => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const key = createTestKey(sandbox);
    sandbox.advanceClock(DAY_MS);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: keyReference(key, form, '') }),
    );

    expect(output).toEqual({});
    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {}));
    expect(customerAliases(Aliases)).toEqual([
      {
        AliasName: 'alias/orders',
        AliasArn: `arn:aws:kms:${REGION}:111122223333:alias/orders`,
        TargetKeyId: key.keyId,
        CreationDate: new Date('2026-03-02T12:00:00.000Z'),
        LastUpdatedDate: new Date('2026-03-02T12:00:00.000Z'),
      },
    ]);
  });

  it('makes the key reachable by its alias name and alias ARN', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: key.keyId }));

    expect(describeTestKey(sandbox, 'alias/orders').Arn).toBe(key.arn);
    expect(describeTestKey(sandbox, `arn:aws:kms:${REGION}:111122223333:alias/orders`).Arn).toBe(key.arn);
  });

  it('gives one key several aliases', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    createTestAlias(sandbox, key, 'alias/first');
    createTestAlias(sandbox, key, 'alias/second');

    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: key.keyId }));
    expect(Aliases.map((a) => a.AliasName)).toEqual(['alias/first', 'alias/second']);
  });

  it('creates an alias for a Disabled key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/cold', TargetKeyId: key.keyId }));

    expect(describeTestKey(sandbox, 'alias/cold').KeyId).toBe(key.keyId);
  });

  it('lets the same alias name exist in two Regions', () => {
    const sandbox = testSandbox();
    const home = createTestKey(sandbox, REGION);
    const away = createTestKey(sandbox, OTHER_REGION);

    createTestAlias(sandbox, home, 'alias/shared', REGION);
    createTestAlias(sandbox, away, 'alias/shared', OTHER_REGION);

    expect(describeTestKey(sandbox, 'alias/shared', REGION).KeyId).toBe(home.keyId);
    expect(describeTestKey(sandbox, 'alias/shared', OTHER_REGION).KeyId).toBe(away.keyId);
  });

  it('fails with AlreadyExistsException for an alias name already in use', () => {
    const sandbox = testSandbox();
    const first = createTestKey(sandbox);
    const second = createTestKey(sandbox);
    createTestAlias(sandbox, first, 'alias/taken');

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/taken', TargetKeyId: second.keyId });

    expect(expectKmsError(outcome, 'AlreadyExistsException').message).toBe(
      `An alias with the name arn:aws:kms:${REGION}:111122223333:alias/taken already exists`,
    );
    expect(describeTestKey(sandbox, 'alias/taken').KeyId).toBe(first.keyId);
  });

  it.each(['alias/aws/ebs', 'alias/aws/my-key'])('fails with NotAuthorizedException for the reserved name %s', (aliasName) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: aliasName, TargetKeyId: key.keyId });

    expectKmsError(outcome, 'NotAuthorizedException', 'alias/aws/');
  });

  it.each(['orders', 'alias/'])('fails with InvalidAliasNameException for %s', (aliasName) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: aliasName, TargetKeyId: key.keyId });

    expect(expectKmsError(outcome, 'InvalidAliasNameException').message).toBe(
      `Alias must start with the prefix "alias/" followed by a name: ${aliasName}`,
    );
  });

  it('fails with ValidationException for an alias name with characters outside the pattern', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/my key', TargetKeyId: key.keyId });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value 'alias/my key' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  });

  it('fails with ValidationException for an alias name longer than 256 characters', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: `alias/${'a'.repeat(251)}`, TargetKeyId: key.keyId });

    expectKmsError(outcome, 'ValidationException', "at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256");
  });

  it.each([
    ['alias name', 'alias/existing'],
    ['alias ARN', `arn:aws:kms:${REGION}:111122223333:alias/existing`],
  ])('fails with ValidationException when the target is an %s', (_form, target) => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/existing');

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/chained', TargetKeyId: target });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe('Aliases must refer to keys. Not aliases');
  });

  it('fails with NotFoundException for a malformed target key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown target key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
    expect(customerAliases(expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {})).Aliases)).toEqual([]);
  });

  it('fails with NotFoundException for a target key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with NotFoundException for the key id of a key in another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: key.keyId });

    expectKmsError(outcome, 'NotFoundException', `Key 'arn:aws:kms:${OTHER_REGION}:111122223333:key/${key.keyId}' does not exist`);
  });

  it('fails with KMSInvalidStateException for a target key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders', TargetKeyId: key.keyId });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with LimitExceededException for a 51st alias on one key', () => {
    // Given a key with 50 aliases, the most a key can have
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    for (let i = 1; i <= 50; i++) createTestAlias(sandbox, key, `alias/name-${i}`);

    // When it is given one more
    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/name-51', TargetKeyId: key.keyId });

    // Then CreateAlias refuses, while another key can still take the name
    expectKmsError(outcome, 'LimitExceededException', `The key ${key.arn} already has 50 aliases`);
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/name-51');
  });

  it('fails with ValidationException when TargetKeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateAlias', { AliasName: 'alias/orders' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
