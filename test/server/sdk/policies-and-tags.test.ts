/**
 * The key policy and tagging operations through the real AWS SDK v3 against the endpoint:
 * GetKeyPolicy, PutKeyPolicy, ListKeyPolicies, TagResource, UntagResource and
 * ListResourceTags, their success paths and their errors.
 */
import {
  GetKeyPolicyCommand,
  ListKeyPoliciesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const ROOT = 'arn:aws:iam::111122223333:root';

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
let kms: KMSClient;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  kms = kmsClient(endpoint.url);
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

/** A key policy document with the given statements. */
function policyOf(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A policy that lets the account do everything, with a Sid to tell policies apart. */
function accountPolicy(sid: string): string {
  return policyOf({ Sid: sid, Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' });
}

async function policyOfKey(key: SdkKey): Promise<string | undefined> {
  return (await kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId }))).Policy;
}

async function tagsOf(key: SdkKey): Promise<Tag[] | undefined> {
  return (await kms.send(new ListResourceTagsCommand({ KeyId: key.keyId }))).Tags;
}

describe('GetKeyPolicy', () => {
  it("returns the default key policy, which lets the sandbox's account use the key", async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new GetKeyPolicyCommand({ KeyId: key.arn }));

    expect(output.PolicyName).toBe('default');
    const policy = JSON.parse(output.Policy ?? '') as { Statement: { Effect: string; Principal: { AWS: string }; Action: string }[] };
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*' }));
  });

  it('fails with NotFoundException for a policy name other than default', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'custom' })), 'NotFoundException', 'No such policy exists: custom.');
  });

  it('fails with ValidationException for a policy name outside the pattern', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(
      kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'my policy' })),
      'ValidationException',
      "Value 'my policy' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
  });
});

describe('PutKeyPolicy', () => {
  it('replaces the key policy byte for byte', async () => {
    const key = await createSdkKey(kms);
    const policy = accountPolicy('replaced');

    await kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: policy }));

    expect(await policyOfKey(key)).toBe(policy);
  });

  it('fails with MalformedPolicyDocumentException for a statement without a principal, keeping the old policy', async () => {
    const key = await createSdkKey(kms);
    const before = await policyOfKey(key);

    const error = await expectSdkError(
      kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, Policy: policyOf({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) })),
      'MalformedPolicyDocumentException',
    );

    expect(error.message).toBe('Policy contains a statement with no principal.');
    expect(await policyOfKey(key)).toBe(before);
  });

  it('fails with MalformedPolicyDocumentException for a policy that would lock the caller out', async () => {
    const key = await createSdkKey(kms);
    const lockout = policyOf({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' });

    const error = await expectSdkError(kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, Policy: lockout })), 'MalformedPolicyDocumentException');

    expect(error.message).toBe('The new key policy will not allow you to update the key policy in the future.');
  });

  it('stores a lockout policy when BypassPolicyLockoutSafetyCheck is true', async () => {
    const key = await createSdkKey(kms);
    const lockout = policyOf({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/Someone' }, Action: 'kms:*', Resource: '*' });

    await kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, Policy: lockout, BypassPolicyLockoutSafetyCheck: true }));

    expect(await policyOfKey(key)).toBe(lockout);
  });
});

describe('ListKeyPolicies', () => {
  it('lists the one policy name, default', async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new ListKeyPoliciesCommand({ KeyId: key.arn }));

    expect(output.PolicyNames).toEqual(['default']);
    expect(output.Truncated).toBe(false);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(kms.send(new ListKeyPoliciesCommand({ KeyId: key.keyId, Marker: 'not-a-marker' })), 'InvalidMarkerException', 'Invalid marker');
  });

  it('fails with NotFoundException for a malformed key id', async () => {
    const error = await expectSdkError(kms.send(new ListKeyPoliciesCommand({ KeyId: 'my-key' })), 'NotFoundException');

    expect(error.message).toBe("Invalid keyId 'my-key'");
  });
});

describe('TagResource', () => {
  it('adds tags and replaces the value of a tag key the key already has', async () => {
    const key = await createSdkKey(kms, { Tags: [{ TagKey: 'team', TagValue: 'payments' }] });

    await kms.send(new TagResourceCommand({ KeyId: key.arn, Tags: [{ TagKey: 'team', TagValue: 'ledger' }, { TagKey: 'env', TagValue: 'dev' }] }));

    expect(await tagsOf(key)).toEqual([
      { TagKey: 'team', TagValue: 'ledger' },
      { TagKey: 'env', TagValue: 'dev' },
    ]);
  });

  it.each([
    ['duplicate tag keys', [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }], 'Duplicate tag keys'],
    ['a tag key beginning with aws:', [{ TagKey: 'aws:team', TagValue: 'x' }], 'Tags beginning with aws: are reserved'],
    ['more than 50 tags', Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })), 'Too many tags'],
  ])('fails with TagException for %s', async (_case, tags, message) => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new TagResourceCommand({ KeyId: key.keyId, Tags: tags })), 'TagException');

    expect(error.message).toBe(message);
    expect(await tagsOf(key)).toEqual([]);
  });

  it('fails with ValidationException for a tag value longer than 256 characters', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(
      kms.send(new TagResourceCommand({ KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'v'.repeat(257) }] })),
      'ValidationException',
      "at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = await expectSdkError(kms.send(new TagResourceCommand({ KeyId: key.keyId, Tags: [{ TagKey: 'team', TagValue: 'x' }] })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

describe('UntagResource', () => {
  it('removes the named tags and ignores tag keys the key does not have', async () => {
    const key = await createSdkKey(kms, { Tags: [{ TagKey: 'team', TagValue: 'payments' }, { TagKey: 'env', TagValue: 'dev' }] });

    await kms.send(new UntagResourceCommand({ KeyId: key.keyId, TagKeys: ['team', 'absent'] }));

    expect(await tagsOf(key)).toEqual([{ TagKey: 'env', TagValue: 'dev' }]);
  });

  it('fails with ValidationException for a tag key longer than 128 characters', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(
      kms.send(new UntagResourceCommand({ KeyId: key.keyId, TagKeys: ['t'.repeat(129)] })),
      'ValidationException',
      "at 'tagKeys.1.member' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await createSdkKey(kms, { Tags: [{ TagKey: 'team', TagValue: 'payments' }] });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = await expectSdkError(kms.send(new UntagResourceCommand({ KeyId: key.keyId, TagKeys: ['team'] })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

describe('ListResourceTags', () => {
  it('pages through a key’s tags with Limit and NextMarker, in the order they were added', async () => {
    const tags = Array.from({ length: 5 }, (_, i) => ({ TagKey: `key-${i}`, TagValue: `value-${i}` }));
    const key = await createSdkKey(kms, { Tags: tags });

    const listed: Tag[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListResourceTagsCommand({ KeyId: key.keyId, Limit: 2, Marker: marker }));
      listed.push(...(page.Tags ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);

    expect(listed).toEqual(tags);
  });

  it('fails with ValidationException for Limit 51', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new ListResourceTagsCommand({ KeyId: key.keyId, Limit: 51 })), 'ValidationException');

    expect(error.message).toBe("1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50");
  });

  it('fails with NotFoundException for an unknown key id', async () => {
    const unknown = '1234abcd-12ab-34cd-56ef-1234567890ab';

    const error = await expectSdkError(kms.send(new ListResourceTagsCommand({ KeyId: unknown })), 'NotFoundException');

    expect(error.message).toBe(`Key 'arn:aws:kms:us-east-1:111122223333:key/${unknown}' does not exist`);
  });
});

describe('policies and tags coverage', () => {
  it('sent every operation of the group through the SDK, with a success and an AWS error each', () => {
    recorder.expectGroupExercised('policies-and-tags');
  });
});
