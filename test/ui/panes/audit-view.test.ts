import { describe, expect, it } from 'vitest';
import { createSandbox, type AuditRecord, type Sandbox } from '../../../src/sim/index.js';
import { AuditView } from '../../../src/ui/panes/audit-view.js';

const REGION = 'us-east-1';

/** A trail of `calls` DescribeKey/GenerateRandom calls around two keys, one disabled (so Encrypt fails). */
function busySandbox(calls: number): { sandbox: Sandbox; enabled: string; disabled: string } {
  const sandbox = createSandbox({ quotas: { enforce: false } });
  const create = () => {
    const outcome = sandbox.call(REGION, sandbox.admin, 'CreateKey', {});
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.output.KeyMetadata.KeyId;
  };
  const enabled = create();
  const disabled = create();
  sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: disabled });
  for (let i = 0; i < calls; i += 1) {
    if (i % 100 === 0) sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: disabled, Plaintext: new Uint8Array([1]) });
    else if (i % 2 === 0) sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: enabled });
    else sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 8 });
  }
  return { sandbox, enabled, disabled };
}

/** An array that counts how many of its elements are read. */
function countingArray(records: readonly AuditRecord[]): { items: AuditRecord[]; reads: () => number } {
  let reads = 0;
  const items = new Proxy([...records], {
    get(target, property, receiver) {
      if (typeof property === 'string' && /^\d+$/.test(property)) reads += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { items, reads: () => reads };
}

const { sandbox, enabled, disabled } = busySandbox(20_000);
const trail = sandbox.audit.items;

describe('AuditView', () => {
  it('lists every record newest first when there is no filter', () => {
    const view = new AuditView();
    view.update(trail, '');
    expect(view.length).toBe(trail.length);
    expect(view.at(0)).toBe(trail.at(-1));
    expect(view.at(view.length - 1)).toBe(trail[0]);
    expect(view.at(view.length)).toBeUndefined();
    expect(view.slice(0, 3)).toEqual([trail.at(-1), trail.at(-2), trail.at(-3)]);
  });

  it('filters by operation with op:', () => {
    const view = new AuditView();
    view.update(trail, 'op:CreateKey');
    expect(view.length).toBe(2);
    expect(view.slice(0, 10).map((r) => r.eventName)).toEqual(['CreateKey', 'CreateKey']);
  });

  it('filters by key with key:, matching the resources of the record', () => {
    const view = new AuditView();
    view.update(trail, `key:${disabled}`);
    const expected = trail.filter((r) => (r.resources ?? []).some((x) => x.ARN.endsWith(disabled)) || r.requestParameters?.keyId === disabled);
    expect(view.length).toBe(expected.length);
    expect(view.length).toBeGreaterThan(200); // CreateKey, DisableKey and 200 Encrypts
    expect(view.slice(0, view.length).some((r) => JSON.stringify(r).includes(enabled))).toBe(false);
  });

  it('filters by error with err:, err:any and err:none', () => {
    const errors = trail.filter((r) => r.errorCode).length;
    expect(errors).toBe(200);
    const view = new AuditView();
    view.update(trail, 'err:Disabled');
    expect(view.length).toBe(200);
    expect(view.at(0)?.errorCode).toBe('DisabledException');
    view.update(trail, 'err:any');
    expect(view.length).toBe(200);
    view.update(trail, 'err:none');
    expect(view.length).toBe(trail.length - 200);
    expect(view.slice(0, 50).every((r) => !r.errorCode)).toBe(true);
  });

  it('combines terms: every one must match', () => {
    const view = new AuditView();
    view.update(trail, 'op:Encrypt err:none');
    expect(view.length).toBe(0);
    view.update(trail, 'op:Encrypt err:Disabled');
    expect(view.length).toBe(200);
  });

  it('matches only the records appended since the last update, newest first', () => {
    const counted = countingArray(trail);
    const view = new AuditView();
    view.update(counted.items, 'op:GenerateRandom');
    const first = view.length;
    expect(counted.reads()).toBeGreaterThanOrEqual(trail.length); // one pass over the trail
    const before = counted.reads();

    // Ten more records in the same trail: only they are read.
    const more = busySandbox(0).sandbox;
    for (let i = 0; i < 10; i += 1) more.call(REGION, more.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    const appended = more.audit.items.filter((r) => r.eventName === 'GenerateRandom');
    counted.items.push(...appended);
    view.update(counted.items, 'op:GenerateRandom');
    expect(view.length).toBe(first + appended.length);
    expect(view.at(0)).toBe(appended.at(-1));
    expect(counted.reads() - before).toBeLessThan(100);

    // Nothing new: nothing read.
    const settled = counted.reads();
    view.update(counted.items, 'op:GenerateRandom');
    expect(counted.reads() - settled).toBeLessThan(5);
  });

  it('starts over when the filter or the trail changes', () => {
    const view = new AuditView();
    view.update(trail, 'op:DisableKey');
    expect(view.length).toBe(1);
    view.update(trail, 'op:CreateKey');
    expect(view.length).toBe(2);
    const fresh = busySandbox(0).sandbox.audit.items; // another trail: CreateKey ×2, DisableKey
    view.update(fresh, 'op:CreateKey');
    expect(view.slice(0, 5).every((r) => fresh.includes(r))).toBe(true);
    view.update(fresh, '');
    expect(view.length).toBe(3);
  });

  it('filters 100,000 records in one pass, and later frames read only the rows they show', () => {
    const counted = countingArray(busySandbox(100_000).sandbox.audit.items);
    const view = new AuditView();
    view.update(counted.items, 'op:DescribeKey');
    expect(view.length).toBe(49_000);
    expect(counted.reads()).toBeGreaterThanOrEqual(100_000);
    const afterPass = counted.reads();
    for (let frame = 0; frame < 100; frame += 1) {
      view.update(counted.items, 'op:DescribeKey');
      expect(view.slice(frame * 10, 20)).toHaveLength(20);
    }
    expect(counted.reads() - afterPass).toBeLessThanOrEqual(100 * 20);
  });
});
