import { describe, expect, it } from 'vitest';
import {
  createTestAlias,
  createTestKey,
  DAY_MS,
  expectKmsError,
  expectOk,
  KEY_REFERENCE_FORMS,
  keyReference,
  OTHER_REGION,
  REGION,
  scheduleTestKeyDeletion,
  testSandbox,
  UNKNOWN_KEY_ID,
} from '../../helpers/sim.js';

describe('DescribeKey', () => {
  it.each(KEY_REFERENCE_FORMS)('describes a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION, 'described');
    createTestAlias(sandbox, key, 'alias/described');

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: keyReference(key, form, 'alias/described') });

    expect(expectOk(outcome).KeyMetadata).toMatchObject({
      KeyId: key.keyId,
      Arn: key.arn,
      Description: 'described',
      KeyState: 'Enabled',
      Enabled: true,
    });
  });

  it('returns the same metadata CreateKey returned', () => {
    const sandbox = testSandbox();
    const created = expectOk(sandbox.call(REGION, sandbox.admin, 'CreateKey', { Description: 'same' })).KeyMetadata;
    sandbox.advanceClock(DAY_MS);

    const described = expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: created.KeyId })).KeyMetadata;

    expect(described).toEqual(created);
  });

  it('reports a Disabled key as not Enabled', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId }));

    expect(KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
  });

  it('reports the deletion date and waiting period of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const scheduledAt = sandbox.clock.nowMs;
    scheduleTestKeyDeletion(sandbox, key, 10);

    const { KeyMetadata } = expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId }));

    expect(KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: new Date(scheduledAt + 10 * DAY_MS),
    });
    // AWS shows PendingDeletionWindowInDays only for a multi-Region primary in PendingReplicaDeletion.
    expect(KeyMetadata.PendingDeletionWindowInDays).toBeUndefined();
  });

  it('records a read-only CloudTrail event naming the key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId }));

    expect(sandbox.audit.items.at(-1)).toMatchObject({
      eventName: 'DescribeKey',
      readOnly: true,
      responseElements: null,
      resources: [{ ARN: key.arn }],
    });
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'not-a-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'not-a-key'");
  });

  it('fails with NotFoundException naming the key ARN for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(
      `Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`,
    );
  });

  it('fails with NotFoundException for a key ARN of another account', () => {
    const sandbox = testSandbox();
    const arn = `arn:aws:kms:${REGION}:444455556666:key/${UNKNOWN_KEY_ID}`;

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key '${arn}' does not exist`);
  });

  it.each([
    ['alias name', 'alias/missing'],
    ['alias ARN', `arn:aws:kms:${REGION}:111122223333:alias/missing`],
  ])('fails with NotFoundException for an unknown %s', (_form, keyId) => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Alias arn:aws:kms:${REGION}:111122223333:alias/missing is not found.`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'DescribeKey', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with NotFoundException for the key id of a key in another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(
      `Key 'arn:aws:kms:${OTHER_REGION}:111122223333:key/${key.keyId}' does not exist`,
    );
  });

  it('fails with NotFoundException for an alias name made in another Region', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox, REGION), 'alias/home');

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/home' });

    expectKmsError(outcome, 'NotFoundException', `Alias arn:aws:kms:${OTHER_REGION}:111122223333:alias/home is not found.`);
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });

  it('fails with ValidationException when KeyId is empty', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: '' });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('fails with ValidationException when KeyId is longer than 2048 characters', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'k'.repeat(2049) });

    expectKmsError(outcome, 'ValidationException', "at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048");
  });
});
