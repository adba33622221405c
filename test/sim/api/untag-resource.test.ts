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

/** Creates a key tagged team=payments, env=prod, owner=ana. */
function createTaggedKey(sandbox: Sandbox, region = REGION): TestKey {
  const { KeyMetadata } = expectOk(
    sandbox.call(region, sandbox.admin, 'CreateKey', {
      Tags: [
        { TagKey: 'team', TagValue: 'payments' },
        { TagKey: 'env', TagValue: 'prod' },
        { TagKey: 'owner', TagValue: 'ana' },
      ],
    }),
  );
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

/** The tag keys of a key, in order. */
function tagKeysOf(sandbox: Sandbox, key: TestKey): string[] {
  return expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId })).Tags.map((t) => t.TagKey);
}

describe('UntagResource', () => {
  it.each(KEY_ID_FORMS)('removes the named tags from a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: keyReference(key, form, ''), TagKeys: ['team', 'owner'] }));

    expect(output).toEqual({});
    expect(tagKeysOf(sandbox, key)).toEqual(['env']);
  });

  it('ignores tag keys the key does not have', () => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox);

    expectOk(sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: key.keyId, TagKeys: ['missing', 'env'] }));

    expect(tagKeysOf(sandbox, key)).toEqual(['team', 'owner']);
  });

  it('makes room for new tags under the 50-tag limit', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const fifty = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k-${i}`, TagValue: 'v' }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: fifty }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: key.keyId, TagKeys: ['k-0'] }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: [{ TagKey: 'fresh', TagValue: 'v' }] }));
    expect(tagKeysOf(sandbox, key)).toHaveLength(50);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: key.keyId, TagKeys: ['team'] });

    expect(expectKmsError(outcome, 'KMSInvalidStateException').message).toBe(`${key.arn} is pending deletion.`);
    expect(tagKeysOf(sandbox, key)).toEqual(['team', 'env', 'owner']);
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: 'my-key', TagKeys: ['team'] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: UNKNOWN_KEY_ID, TagKeys: ['team'] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'UntagResource', { KeyId: key.arn, TagKeys: ['team'] });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
    expect(tagKeysOf(sandbox, key)).toContain('team');
  });

  it('fails with ValidationException when TagKeys is missing', () => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: key.keyId });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    );
  });

  it('fails with ValidationException for a tag key longer than 128 characters', () => {
    const sandbox = testSandbox();
    const key = createTaggedKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'UntagResource', { KeyId: key.keyId, TagKeys: ['t'.repeat(129)] });

    expectKmsError(outcome, 'ValidationException', "at 'tagKeys.1.member' failed to satisfy constraint: Member must have length less than or equal to 128");
  });
});
