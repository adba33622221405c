import { describe, expect, it } from 'vitest';
import {
  createTestAlias,
  createTestKey,
  describeTestKey,
  expectKmsError,
  expectOk,
  OTHER_REGION,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  customerAliases,
} from '../../helpers/sim.js';

describe('DeleteAlias', () => {
  it('deletes the alias and leaves its key Enabled', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/orders');

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/orders' }));

    expect(output).toEqual({});
    expect(customerAliases(expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {})).Aliases)).toEqual([]);
    expect(describeTestKey(sandbox, key.keyId).KeyState).toBe('Enabled');
    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/orders' });
    expectKmsError(outcome, 'NotFoundException', `Alias arn:aws:kms:${REGION}:111122223333:alias/orders is not found.`);
  });

  it("deletes only the named alias of a key's aliases", () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/old');
    createTestAlias(sandbox, key, 'alias/new');

    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/old' }));

    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: key.keyId }));
    expect(Aliases.map((a) => a.AliasName)).toEqual(['alias/new']);
  });

  it('frees the alias name for another key', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/orders');
    const next = createTestKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/orders' }));

    createTestAlias(sandbox, next, 'alias/orders');
    expect(describeTestKey(sandbox, 'alias/orders').KeyId).toBe(next.keyId);
  });

  it('deletes an alias of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/doomed');
    scheduleTestKeyDeletion(sandbox, key);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/doomed' }));

    expect(customerAliases(expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {})).Aliases)).toEqual([]);
  });

  it("names the alias's key in the CloudTrail record", () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/orders');

    expectOk(sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/orders' }));

    expect(sandbox.audit.items.at(-1)).toMatchObject({
      eventName: 'DeleteAlias',
      requestParameters: { aliasName: 'alias/orders' },
      resources: [{ ARN: key.arn }],
    });
  });

  it('fails with NotFoundException for an alias that does not exist', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/missing' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Alias arn:aws:kms:${REGION}:111122223333:alias/missing is not found.`);
  });

  it('fails with NotFoundException for an alias that exists only in another Region', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox, REGION), 'alias/home', REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/home' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Alias arn:aws:kms:${OTHER_REGION}:111122223333:alias/home is not found.`);
    expect(describeTestKey(sandbox, 'alias/home', REGION).KeyState).toBe('Enabled');
  });

  it('fails with NotAuthorizedException for a reserved alias/aws/ name', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/aws/ebs' });

    expectKmsError(outcome, 'NotAuthorizedException', 'alias/aws/');
  });

  it('fails with InvalidAliasNameException for a name without the alias/ prefix', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'orders' });

    expect(expectKmsError(outcome, 'InvalidAliasNameException').message).toBe('Alias must start with the prefix "alias/" followed by a name: orders');
  });

  it('fails with ValidationException for an alias name with characters outside the pattern', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteAlias', { AliasName: 'alias/my key' });

    expectKmsError(outcome, 'ValidationException', "Value 'alias/my key' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it('fails with ValidationException when AliasName is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DeleteAlias', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'aliasName' failed to satisfy constraint: Member must not be null",
    );
  });
});
