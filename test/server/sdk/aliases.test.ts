/**
 * The alias operations through the real AWS SDK v3 against the endpoint: CreateAlias,
 * UpdateAlias, DeleteAlias and ListAliases, their success paths and their errors.
 */
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type AliasListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const START = new Date('2030-06-01T12:00:00.000Z');
const ALIAS_ARN_PREFIX = 'arn:aws:kms:us-east-1:111122223333:alias/';

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
let kms: KMSClient;
let aliasCount = 0;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  kms = kmsClient(endpoint.url);
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

/** An alias name no other test uses. */
function freshAlias(stem: string): string {
  aliasCount += 1;
  return `alias/${stem}-${aliasCount}`;
}

async function targetOf(aliasName: string): Promise<string | undefined> {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: aliasName }));
  return KeyMetadata?.KeyId;
}

async function allAliases(keyId?: string): Promise<AliasListEntry[]> {
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new ListAliasesCommand({ KeyId: keyId, Limit: 2, Marker: marker }));
    aliases.push(...(page.Aliases ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return aliases;
}

describe('CreateAlias', () => {
  it('makes the key reachable by the alias name', async () => {
    const key = await createSdkKey(kms);
    const alias = freshAlias('orders');

    const output = await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.arn }));

    expect(output).not.toHaveProperty('AliasArn');
    expect(await targetOf(alias)).toBe(key.keyId);
    expect(await targetOf(`${ALIAS_ARN_PREFIX}${alias.slice('alias/'.length)}`)).toBe(key.keyId);
  });

  it('fails with AlreadyExistsException for an alias name already in use', async () => {
    const first = await createSdkKey(kms);
    const second = await createSdkKey(kms);
    const alias = freshAlias('taken');
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: first.keyId }));

    const error = await expectSdkError(kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: second.keyId })), 'AlreadyExistsException');

    expect(error.message).toBe(`An alias with the name ${ALIAS_ARN_PREFIX}${alias.slice('alias/'.length)} already exists`);
    expect(await targetOf(alias)).toBe(first.keyId);
  });

  it('fails with NotAuthorizedException for a reserved alias/aws/ name', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/ebs', TargetKeyId: key.keyId })), 'NotAuthorizedException', 'alias/aws/');
  });

  it('fails with InvalidAliasNameException for a name without the alias/ prefix', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new CreateAliasCommand({ AliasName: 'orders', TargetKeyId: key.keyId })), 'InvalidAliasNameException');

    expect(error.message).toBe('Alias must start with the prefix "alias/" followed by a name: orders');
  });

  it('fails with ValidationException for an alias name outside the pattern', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new CreateAliasCommand({ AliasName: 'alias/my key', TargetKeyId: key.keyId })), 'ValidationException');

    expect(error.message).toBe(
      "1 validation error detected: Value 'alias/my key' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  });

  it('fails with KMSInvalidStateException for a target key pending deletion', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = await expectSdkError(kms.send(new CreateAliasCommand({ AliasName: freshAlias('doomed'), TargetKeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

describe('UpdateAlias', () => {
  it('points the alias at another key', async () => {
    const first = await createSdkKey(kms);
    const second = await createSdkKey(kms);
    const alias = freshAlias('current');
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: first.keyId }));

    await kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: second.keyId }));

    expect(await targetOf(alias)).toBe(second.keyId);
  });

  it('fails with NotFoundException for an alias that does not exist', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new UpdateAliasCommand({ AliasName: 'alias/missing', TargetKeyId: key.keyId })), 'NotFoundException');

    expect(error.message).toBe(`Alias ${ALIAS_ARN_PREFIX}missing is not found.`);
  });

  it('fails with ValidationException when the target is an alias', async () => {
    const alias = freshAlias('current');
    const other = freshAlias('other');
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: (await createSdkKey(kms)).keyId }));
    await kms.send(new CreateAliasCommand({ AliasName: other, TargetKeyId: (await createSdkKey(kms)).keyId }));

    const error = await expectSdkError(kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: other })), 'ValidationException');

    expect(error.message).toBe('Aliases must refer to keys. Not aliases');
  });
});

describe('DeleteAlias', () => {
  it('deletes the alias and leaves its key reachable by id', async () => {
    const key = await createSdkKey(kms);
    const alias = freshAlias('doomed');
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.keyId }));

    await kms.send(new DeleteAliasCommand({ AliasName: alias }));

    await expectSdkError(kms.send(new DescribeKeyCommand({ KeyId: alias })), 'NotFoundException', 'is not found.');
    expect(await targetOf(key.keyId)).toBe(key.keyId);
  });

  it('fails with NotFoundException for an alias that does not exist', async () => {
    const error = await expectSdkError(kms.send(new DeleteAliasCommand({ AliasName: 'alias/never-made' })), 'NotFoundException');

    expect(error.message).toBe(`Alias ${ALIAS_ARN_PREFIX}never-made is not found.`);
  });

  it('fails with InvalidAliasNameException for a name without the alias/ prefix', async () => {
    const error = await expectSdkError(kms.send(new DeleteAliasCommand({ AliasName: 'orders' })), 'InvalidAliasNameException');

    expect(error.message).toBe('Alias must start with the prefix "alias/" followed by a name: orders');
  });
});

describe('ListAliases', () => {
  it('lists aliases with their ARN, target key and dates as Date objects, across pages', async () => {
    const key = await createSdkKey(kms);
    const names = [freshAlias('listed'), freshAlias('listed'), freshAlias('listed')];
    for (const name of names) await kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.keyId }));

    const listed = await allAliases();

    for (const name of names) {
      const entry = listed.find((a) => a.AliasName === name);
      expect(entry).toMatchObject({ AliasArn: `${ALIAS_ARN_PREFIX}${name.slice('alias/'.length)}`, TargetKeyId: key.keyId });
      expect(entry?.CreationDate).toBeInstanceOf(Date);
      expect(entry?.CreationDate?.getTime()).toBe(START.getTime());
      expect(entry?.LastUpdatedDate).toEqual(START);
    }
  });

  it('lists only the aliases of a key when KeyId is given', async () => {
    const key = await createSdkKey(kms);
    const mine = freshAlias('mine');
    await kms.send(new CreateAliasCommand({ AliasName: mine, TargetKeyId: key.keyId }));
    await kms.send(new CreateAliasCommand({ AliasName: freshAlias('theirs'), TargetKeyId: (await createSdkKey(kms)).keyId }));

    const listed = await allAliases(key.arn);

    expect(listed.map((a) => a.AliasName)).toEqual([mine]);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', async () => {
    await expectSdkError(kms.send(new ListAliasesCommand({ Marker: 'not-a-marker' })), 'InvalidMarkerException', 'Invalid marker');
  });

  it('fails with ValidationException for Limit 101', async () => {
    const error = await expectSdkError(kms.send(new ListAliasesCommand({ Limit: 101 })), 'ValidationException');

    expect(error.message).toBe("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
  });
});

describe('aliases coverage', () => {
  it('sent every operation of the group through the SDK, with a success and an AWS error each', () => {
    recorder.expectGroupExercised('aliases');
  });
});
