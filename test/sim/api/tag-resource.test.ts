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

/** The key's tags as ListResourceTags returns them. */
function tagsOf(sandbox: Sandbox, key: TestKey): { TagKey: string; TagValue: string }[] {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId })).Tags;
}

/** `count` distinct tags, `prefix-0` … */
function manyTags(count: number, prefix = 'k'): { TagKey: string; TagValue: string }[] {
  return Array.from({ length: count }, (_, i) => ({ TagKey: `${prefix}-${i}`, TagValue: 'v' }));
}

describe('TagResource', () => {
  it.each(KEY_ID_FORMS)('adds tags to a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(
      sandbox.call(REGION, sandbox.admin, 'TagResource', {
        KeyId: keyReference(key, form, ''),
        Tags: [
          { TagKey: 'team', TagValue: 'payments' },
          { TagKey: 'cost-center', TagValue: '' },
        ],
      }),
    );

    expect(output).toEqual({});
    expect(tagsOf(sandbox, key)).toEqual([
      { TagKey: 'team', TagValue: 'payments' },
      { TagKey: 'cost-center', TagValue: '' },
    ]);
  });

  it('replaces the value of a tag key the key already has', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'old' }] }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'new' }] }));

    expect(tagsOf(sandbox, key)).toEqual([{ TagKey: 'team', TagValue: 'new' }]);
  });

  it('tags a Disabled key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'state', TagValue: 'cold' }] }));

    expect(tagsOf(sandbox, key)).toEqual([{ TagKey: 'state', TagValue: 'cold' }]);
  });

  it('replaces values on a key that already has 50 tags', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: manyTags(50) }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'k-0', TagValue: 'changed' }] }));

    const tags = tagsOf(sandbox, key);
    expect(tags).toHaveLength(50);
    expect(tags[0]).toEqual({ TagKey: 'k-0', TagValue: 'changed' });
  });

  it('fails with TagException for duplicate tag keys in one request', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', {
      KeyId: key.keyId,
      Tags: [
        { TagKey: 'team', TagValue: 'a' },
        { TagKey: 'team', TagValue: 'b' },
      ],
    });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Duplicate tag keys');
    expect(tagsOf(sandbox, key)).toEqual([]);
  });

  it('fails with TagException for a tag key beginning with aws:', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'aws:cloudformation:stack-name', TagValue: 's' }] });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Tags beginning with aws: are reserved');
  });

  it('fails with TagException for more than 50 tags in one request', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: manyTags(51) });

    expect(expectKmsError(outcome, 'TagException').message).toBe('Too many tags');
    expect(tagsOf(sandbox, key)).toEqual([]);
  });

  it('fails with TagException when new tags would take the key past 50, counting its existing tags', () => {
    // Given a key with 45 tags
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: manyTags(45, 'old') }));

    // When 6 new tag keys are added
    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: manyTags(6, 'new') });

    // Then the request fails and the key keeps its 45 tags
    expect(expectKmsError(outcome, 'TagException').message).toBe('Too many tags');
    expect(tagsOf(sandbox, key)).toHaveLength(45);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'x' }] });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: 'my-key', Tags: [{ TagKey: 'team', TagValue: 'x' }] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: UNKNOWN_KEY_ID, Tags: [{ TagKey: 'team', TagValue: 'x' }] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'TagResource', { KeyId: key.arn, Tags: [{ TagKey: 'team', TagValue: 'x' }] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with ValidationException when Tags is missing', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
  });

  it('fails with ValidationException for a tag value longer than 256 characters', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'v'.repeat(257) }] });

    expectKmsError(outcome, 'ValidationException', "at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256");
  });

  it('fails with ValidationException for an empty tag key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: '', TagValue: 'v' }] });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value '' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});
