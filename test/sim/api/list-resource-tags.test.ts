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

const FIVE_TAGS = ['a', 'b', 'c', 'd', 'e'].map((k) => ({ TagKey: k, TagValue: `value-${k}` }));

describe('ListResourceTags', () => {
  it('lists no tags for an untagged key', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId }));

    expect(output).toEqual({ Tags: [], Truncated: false });
  });

  it.each(KEY_ID_FORMS)('lists the tags of a key named by its %s, in the order they were added', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: FIVE_TAGS }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: keyReference(key, form, '') }));

    expect(output).toEqual({ Tags: FIVE_TAGS, Truncated: false });
  });

  it('pages with Limit and NextMarker until Truncated is false', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: FIVE_TAGS }));

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId, Limit: 3 }));
    const second = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId, Limit: 3, Marker: first.NextMarker }));

    expect(first.Tags).toEqual(FIVE_TAGS.slice(0, 3));
    expect(first.Truncated).toBe(true);
    expect(first.NextMarker).toEqual(expect.any(String));
    expect(second.Tags).toEqual(FIVE_TAGS.slice(3));
    expect(second.Truncated).toBe(false);
    expect(second.NextMarker).toBeUndefined();
  });

  it('lists all 50 tags of a fully tagged key in one page by default', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const fifty = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k-${i}`, TagValue: 'v' }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: fifty }));

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId }));

    expect(output.Tags).toHaveLength(50);
    expect(output.Truncated).toBe(false);
  });

  it('lists the tags of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'TagResource', { KeyId: key.keyId, Tags: FIVE_TAGS }));
    scheduleTestKeyDeletion(sandbox, key);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId }));

    expect(output.Tags).toEqual(FIVE_TAGS);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId, Marker: 'not-a-marker' });

    expectKmsError(outcome, 'InvalidMarkerException', 'Invalid marker');
  });

  it.each([
    [0, 'Member must have value greater than or equal to 1'],
    [51, 'Member must have value less than or equal to 50'],
  ] as const)('fails with ValidationException for Limit %i', (limit, constraint) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.keyId, Limit: limit });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: ${constraint}`,
    );
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListResourceTags', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'ListResourceTags', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });

  it('fails with ValidationException when KeyId is missing', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListResourceTags', {});

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
