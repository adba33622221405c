/**
 * `kms-sandbox serve` driven by the real AWS CLI, every installed major version: key
 * management, aliases, tags, key policy, Regions and authentication. Crypto commands are in
 * aws-cli-crypto.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createTestAlias, createTestKey, DAY_MS, expectOk, KEY_REFERENCE_FORMS, keyReference, OTHER_REGION, REGION } from '../../helpers/sim.js';
import { CliEndpoint, cliTimeMs, findAwsClis, serviceErrorLine } from './aws-cli.js';

const CLIS = findAwsClis();
const IN_CI = !['', '0', 'false'].includes(process.env.CI ?? '');
// A CLI call takes 0.5–2 s (more on a busy machine); a test makes up to three.
const CLI_TEST_TIMEOUT = 120_000;

interface KeyMetadata {
  KeyId: string;
  Arn: string;
  KeyState: string;
  KeySpec: string;
  KeyUsage: string;
  Description: string;
  CreationDate: unknown;
}

describe('AWS CLI discovery', () => {
  // .ci/run installs Debian's awscli (v2), so a missing v2 there is a broken CI, not a gap.
  it.runIf(IN_CI)('finds AWS CLI v2 in CI', () => {
    expect(CLIS.map((cli) => cli.major)).toContain(2);
  });
});

describe.each(CLIS.map((cli) => [`v${cli.major}`, cli] as const))('AWS CLI %s', (_major, cli) => {
  const endpoint = new CliEndpoint(cli);
  const account = () => endpoint.sandbox.accountId;

  describe.concurrent('key management', () => {
    it('creates a key with a description and tags (create-key)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const { KeyMetadata } = await endpoint.json<{ KeyMetadata: KeyMetadata }>([
        'kms', 'create-key', '--description', 'made by the CLI', '--tags', 'TagKey=env,TagValue=test',
      ]);

      expect(KeyMetadata).toMatchObject({ KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Description: 'made by the CLI' });
      expect(KeyMetadata.Arn).toBe(`arn:aws:kms:${REGION}:${account()}:key/${KeyMetadata.KeyId}`);
      expect(cliTimeMs(KeyMetadata.CreationDate)).toBe(endpoint.sandbox.clock.nowMs);
      const tags = expectOk(endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'ListResourceTags', { KeyId: KeyMetadata.KeyId }));
      expect(tags.Tags).toEqual([{ TagKey: 'env', TagValue: 'test' }]);
    });

    it.each(KEY_REFERENCE_FORMS)('describes a key named by its %s (describe-key)', { timeout: CLI_TEST_TIMEOUT }, async (form) => {
      const key = createTestKey(endpoint.sandbox, REGION, `described by ${form}`);
      const alias = createTestAlias(endpoint.sandbox, key, `alias/describe-${form.replace(' ', '-')}`);

      const { KeyMetadata } = await endpoint.json<{ KeyMetadata: KeyMetadata }>(['kms', 'describe-key', '--key-id', keyReference(key, form, alias)]);

      expect(KeyMetadata).toMatchObject({ KeyId: key.keyId, Arn: key.arn, Description: `described by ${form}`, KeyState: 'Enabled' });
    });

    it('lists the keys of the Region (list-keys)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const keys = [createTestKey(endpoint.sandbox), createTestKey(endpoint.sandbox)];

      const { Keys } = await endpoint.json<{ Keys: { KeyId: string; KeyArn: string }[] }>(['kms', 'list-keys']);

      for (const key of keys) expect(Keys).toContainEqual({ KeyId: key.keyId, KeyArn: key.arn });
    });

    it('creates an alias that list-aliases shows for its key (create-alias, list-aliases)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);

      const created = await endpoint.run(['kms', 'create-alias', '--alias-name', 'alias/cli-app', '--target-key-id', key.keyId]);
      const { Aliases } = await endpoint.json<{ Aliases: unknown[] }>(['kms', 'list-aliases', '--key-id', key.keyId]);

      expect(created).toMatchObject({ code: 0, stdout: '' });
      expect(Aliases).toEqual([
        expect.objectContaining({ AliasName: 'alias/cli-app', AliasArn: `arn:aws:kms:${REGION}:${account()}:alias/cli-app`, TargetKeyId: key.keyId }),
      ]);
    });

    it('schedules a key for deletion after the pending window (schedule-key-deletion)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);

      const scheduled = await endpoint.json<{ KeyId: string; KeyState: string; DeletionDate: unknown; PendingWindowInDays: number }>([
        'kms', 'schedule-key-deletion', '--key-id', key.keyId, '--pending-window-in-days', '7',
      ]);

      expect(scheduled).toMatchObject({ KeyId: key.arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
      expect(cliTimeMs(scheduled.DeletionDate)).toBe(endpoint.sandbox.clock.nowMs + 7 * DAY_MS);
      const { KeyMetadata } = expectOk(endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'DescribeKey', { KeyId: key.keyId }));
      expect(KeyMetadata.KeyState).toBe('PendingDeletion');
    });

    it('tags a key and lists its tags (tag-resource, list-resource-tags)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);

      const tagged = await endpoint.run(['kms', 'tag-resource', '--key-id', key.keyId, '--tags', 'TagKey=team,TagValue=blue', 'TagKey=cost-center,TagValue=42']);
      const { Tags } = await endpoint.json<{ Tags: { TagKey: string; TagValue: string }[] }>(['kms', 'list-resource-tags', '--key-id', key.arn]);

      expect(tagged).toMatchObject({ code: 0, stdout: '' });
      expect([...Tags].sort((a, b) => a.TagKey.localeCompare(b.TagKey))).toEqual([
        { TagKey: 'cost-center', TagValue: '42' },
        { TagKey: 'team', TagValue: 'blue' },
      ]);
    });

    it('prints the default key policy, which gives the account full access (get-key-policy)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);

      // --query Policy --output text prints the policy document itself.
      const result = await endpoint.run(['kms', 'get-key-policy', '--key-id', key.keyId, '--policy-name', 'default', '--query', 'Policy', '--output', 'text']);

      expect(result.code, result.stderr).toBe(0);
      const policy = JSON.parse(result.stdout) as { Statement: unknown[] };
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account()}:root` }, Action: 'kms:*', Resource: '*' }),
      );
    });
  });

  describe.concurrent('Regions and authentication', () => {
    it('keeps keys in the Region given by --region', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const homeKey = createTestKey(endpoint.sandbox, REGION);

      const { KeyMetadata } = await endpoint.json<{ KeyMetadata: KeyMetadata }>(['kms', 'create-key', '--region', OTHER_REGION]);
      const listed = await endpoint.json<{ Keys: { KeyId: string }[] }>(['kms', 'list-keys', '--region', OTHER_REGION]);
      const describedElsewhere = await endpoint.run(['kms', 'describe-key', '--key-id', homeKey.keyId, '--region', OTHER_REGION]);

      expect(KeyMetadata.Arn).toBe(`arn:aws:kms:${OTHER_REGION}:${account()}:key/${KeyMetadata.KeyId}`);
      expect(endpoint.sandbox.keys(OTHER_REGION).map((k) => k.keyId)).toContain(KeyMetadata.KeyId);
      expect(listed.Keys.map((k) => k.KeyId)).toContain(KeyMetadata.KeyId);
      expect(listed.Keys.map((k) => k.KeyId)).not.toContain(homeKey.keyId);
      expect(describedElsewhere.code).toBe(cli.serviceErrorExitCode);
      expect(describedElsewhere.stderr).toMatch(
        serviceErrorLine('NotFoundException', 'DescribeKey', `Key 'arn:aws:kms:${OTHER_REGION}:${account()}:key/${homeKey.keyId}' does not exist`),
      );
    });

    it('refuses a request signed with the wrong secret (InvalidSignatureException)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const result = await endpoint.run(['kms', 'list-keys'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret' });

      expect(result.code).toBe(cli.serviceErrorExitCode);
      expect(result.stderr).toMatch(serviceErrorLine('InvalidSignatureException', 'ListKeys', 'The request signature we calculated does not match the signature you provided.'));
    });
  });
});
