import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/index.js';
import { createTestKey, DAY_MS, expectKmsError, expectOk, OTHER_REGION, REGION, scheduleTestKeyDeletion, testSandbox } from '../../helpers/sim.js';

/** Every page of ListKeys with a page size, following NextMarker. */
function listAllPages(sandbox: Sandbox, limit: number): { KeyId: string; KeyArn: string }[][] {
  const pages: { KeyId: string; KeyArn: string }[][] = [];
  let marker: string | undefined;
  do {
    const page = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', { Limit: limit, ...(marker ? { Marker: marker } : {}) }));
    pages.push(page.Keys);
    expect(page.Truncated).toBe(page.NextMarker !== undefined);
    marker = page.NextMarker;
  } while (marker !== undefined);
  return pages;
}

describe('ListKeys', () => {
  it('lists no keys in a fresh Region', () => {
    const sandbox = testSandbox();

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {}));

    expect(output).toEqual({ Keys: [], Truncated: false });
  });

  it('lists every key of the Region with its id and ARN, in creation order', () => {
    const sandbox = testSandbox();
    const keys = [createTestKey(sandbox), createTestKey(sandbox), createTestKey(sandbox)];

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {}));

    expect(output.Keys).toEqual(keys.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })));
    expect(output.Truncated).toBe(false);
    expect(output.NextMarker).toBeUndefined();
  });

  it('lists only the keys of the Region it is called in', () => {
    const sandbox = testSandbox();
    const home = createTestKey(sandbox, REGION);
    const away = createTestKey(sandbox, OTHER_REGION);

    const here = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {})).Keys;
    const there = expectOk(sandbox.call(OTHER_REGION, sandbox.admin, 'ListKeys', {})).Keys;

    expect(here.map((k) => k.KeyId)).toEqual([home.keyId]);
    expect(there.map((k) => k.KeyId)).toEqual([away.keyId]);
  });

  it('pages with Limit and NextMarker until Truncated is false', () => {
    const sandbox = testSandbox();
    const keys = Array.from({ length: 5 }, () => createTestKey(sandbox));

    const pages = listAllPages(sandbox, 2);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((k) => k.KeyId)).toEqual(keys.map((k) => k.keyId));
  });

  it('returns one untruncated page when Limit equals the number of keys', () => {
    const sandbox = testSandbox();
    createTestKey(sandbox);
    createTestKey(sandbox);

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', { Limit: 2 }));

    expect(output.Keys).toHaveLength(2);
    expect(output.Truncated).toBe(false);
    expect(output.NextMarker).toBeUndefined();
  });

  it('returns pages of 100 keys when Limit is omitted', () => {
    const sandbox = testSandbox();
    for (let i = 0; i < 101; i++) createTestKey(sandbox);

    const first = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {}));

    expect(first.Keys).toHaveLength(100);
    expect(first.Truncated).toBe(true);
    const rest = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', { Marker: first.NextMarker }));
    expect(rest.Keys).toHaveLength(1);
    expect(rest.Truncated).toBe(false);
  });

  it('keeps listing a key pending deletion until its waiting period ends', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    scheduleTestKeyDeletion(sandbox, key, 7);

    const during = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {})).Keys;
    sandbox.advanceClock(7 * DAY_MS);
    const after = expectOk(sandbox.call(REGION, sandbox.admin, 'ListKeys', {})).Keys;

    expect(during.map((k) => k.KeyId)).toEqual([key.keyId]);
    expect(after).toEqual([]);
  });

  it('fails with InvalidMarkerException for a marker it did not issue', () => {
    const sandbox = testSandbox();
    createTestKey(sandbox);

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeys', { Marker: 'not-a-marker' });

    expectKmsError(outcome, 'InvalidMarkerException', 'Invalid marker');
  });

  it.each([
    [0, 'Member must have value greater than or equal to 1'],
    [1001, 'Member must have value less than or equal to 1000'],
  ] as const)('fails with ValidationException for Limit %i', (limit, constraint) => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeys', { Limit: limit });

    expect(expectKmsError(outcome, 'ValidationException').message).toBe(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: ${constraint}`,
    );
  });

  it('fails with ValidationException for an empty Marker', () => {
    const sandbox = testSandbox();

    const outcome = sandbox.call(REGION, sandbox.admin, 'ListKeys', { Marker: '' });

    expectKmsError(outcome, 'ValidationException', "Value '' at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });
});
