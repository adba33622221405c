import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import {
  createTestAlias,
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
  customerAliases,
} from '../../helpers/sim.js';

/** Every alias name ListAliases returns with a page size, following NextMarker. */
function listAllPages(sandbox: Sandbox, limit: number): string[][] {
  const pages: string[][] = [];
  let marker: string | undefined;
  do {
    const page = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { Limit: limit, ...(marker ? { Marker: marker } : {}) }));
    pages.push(page.Aliases.map((a) => a.AliasName));
    expect(page.Truncated).toBe(page.NextMarker !== undefined);
    marker = page.NextMarker;
  } while (marker !== undefined);
  return pages;
}

describe('ListAliases', () => {
  it('lists only the predefined AWS managed aliases, without a target key, in a fresh Region', () => {
    const sandbox = testSandbox();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {}));

    expect(customerAliases(output.Aliases)).toEqual([]);
    expect(output.Aliases.map((a) => a.AliasName)).toEqual(expect.arrayContaining(['alias/aws/ebs', 'alias/aws/s3', 'alias/aws/rds', 'alias/aws/ssm']));
    expect(output.Aliases.every((a) => a.TargetKeyId === undefined && a.AliasArn === `arn:aws:kms:${REGION}:111122223333:${a.AliasName}`)).toBe(true);
    expect(output.Truncated).toBe(false);
  });

  it('lists every alias of the Region with its ARN, target key and dates', () => {
    const sandbox = testSandbox({ start: new Date('2026-03-01T12:00:00.000Z') });
    const first = createTestKey(sandbox);
    const second = createTestKey(sandbox);
    createTestAlias(sandbox, first, 'alias/first');
    createTestAlias(sandbox, second, 'alias/second');

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {}));

    const created = new Date('2026-03-01T12:00:00.000Z');
    expect(customerAliases(output.Aliases)).toEqual([
      { AliasName: 'alias/first', AliasArn: `arn:aws:kms:${REGION}:111122223333:alias/first`, TargetKeyId: first.keyId, CreationDate: created, LastUpdatedDate: created },
      { AliasName: 'alias/second', AliasArn: `arn:aws:kms:${REGION}:111122223333:alias/second`, TargetKeyId: second.keyId, CreationDate: created, LastUpdatedDate: created },
    ]);
    expect(output.Truncated).toBe(false);
  });

  it.each(KEY_ID_FORMS)('lists only the aliases of a key named by its %s', (form) => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/mine-1');
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/theirs');
    createTestAlias(sandbox, key, 'alias/mine-2');

    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: keyReference(key, form, '') }));

    expect(Aliases.map((a) => a.AliasName)).toEqual(['alias/mine-1', 'alias/mine-2']);
  });

  it('lists no aliases for a key that has none', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, createTestKey(sandbox), 'alias/theirs');

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: key.keyId }));

    expect(output).toEqual({ Aliases: [], Truncated: false });
  });

  it('lists the aliases of a key pending deletion', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/doomed');
    scheduleTestKeyDeletion(sandbox, key);

    const { Aliases } = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: key.keyId }));

    expect(Aliases.map((a) => a.AliasName)).toEqual(['alias/doomed']);
  });

  it('lists only the aliases of the Region it is called in', () => {
    const sandbox = testSandbox();
    createTestAlias(sandbox, createTestKey(sandbox, REGION), 'alias/home', REGION);
    createTestAlias(sandbox, createTestKey(sandbox, OTHER_REGION), 'alias/away', OTHER_REGION);

    const { Aliases } = expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'ListAliases', {}));

    expect(customerAliases(Aliases).map((a) => a.AliasArn)).toEqual([`arn:aws:kms:${OTHER_REGION}:111122223333:alias/away`]);
  });

  it('pages with Limit and NextMarker until Truncated is false', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const names = ['alias/a', 'alias/b', 'alias/c', 'alias/d', 'alias/e'];
    for (const name of names) createTestAlias(sandbox, key, name);

    const pages = listAllPages(sandbox, 2);

    // Customer aliases come first; the predefined alias/aws/* aliases follow.
    expect(pages.slice(0, 2)).toEqual([['alias/a', 'alias/b'], ['alias/c', 'alias/d']]);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    expect(customerAliases(pages.flat().map((AliasName) => ({ AliasName }))).map((a) => a.AliasName)).toEqual(names);
    expect(pages[2]?.[0]).toBe('alias/e');
  });

  it('returns pages of 50 aliases when Limit is omitted', () => {
    const sandbox = testSandbox();
    for (let i = 0; i < 51; i++) createTestAlias(sandbox, createTestKey(sandbox), `alias/a-${i}`);

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', {}));

    expect(first.Aliases).toHaveLength(50);
    expect(first.Truncated).toBe(true);
    const rest = expectOk(sandbox.call(REGION, sandbox.admin, 'ListAliases', { Marker: first.NextMarker }));
    expect(customerAliases(rest.Aliases).map((a) => a.AliasName)).toEqual(['alias/a-50']);
    expect(rest.Aliases[0]?.AliasName).toBe('alias/a-50');
    expect(rest.Truncated).toBe(false);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListAliases', { Marker: 'not-a-marker' });

    expectKmsError(outcome, 'InvalidMarkerException', 'Invalid marker');
  });

  it.each([
    [0, 'Member must have value greater than or equal to 1'],
    [101, 'Member must have value less than or equal to 100'],
  ] as const)('fails with ValidationException for Limit %i', (limit, constraint) => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListAliases', { Limit: limit });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: ${constraint}`,
    );
  });

  it('fails with NotFoundException for an unknown key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: UNKNOWN_KEY_ID });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Key 'arn:aws:kms:${REGION}:111122223333:key/${UNKNOWN_KEY_ID}' does not exist`);
  });

  it('fails with NotFoundException for a malformed key id', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListAliases', { KeyId: 'my-key' });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe("Invalid keyId 'my-key'");
  });

  it('fails with NotFoundException for a key ARN from another Region', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox, REGION);

    const outcome = sandbox.call(OTHER_REGION, sandbox.admin, 'ListAliases', { KeyId: key.arn });

    expect(expectKmsError(outcome, 'NotFoundException').message).toBe(`Invalid arn ${REGION}`);
  });
});
