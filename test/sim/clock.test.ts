import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sim/index.js';
import { createTestKey, DAY_MS, expectError, expectOk, REGION, testSandbox } from '../helpers/sim.js';

const START = new Date('2030-01-01T00:00:00.000Z');
const HOUR_MS = 3_600_000;

describe('VirtualClock', () => {
  it('starts at the given time and stands still until advanced', () => {
    const clock = new VirtualClock(START);

    expect(clock.now()).toEqual(START);
    expect(clock.nowMs).toBe(START.getTime());
  });

  it('fires due timers in time order, with the clock set to each due time', () => {
    const clock = new VirtualClock(START);
    const seen: [string, number][] = [];
    const at = (hours: number) => START.getTime() + hours * HOUR_MS;
    for (const [label, hours] of [['third', 3], ['first', 1], ['second', 2]] as const)
      clock.schedule(at(hours), label, () => seen.push([label, clock.nowMs]));

    const result = clock.advance(5 * HOUR_MS);

    expect(result.fired).toEqual(['first', 'second', 'third']);
    expect(seen).toEqual([
      ['first', at(1)],
      ['second', at(2)],
      ['third', at(3)],
    ]);
    expect(result.now).toEqual(new Date(at(5)));
    expect(clock.nowMs).toBe(at(5));
  });

  it('fires timers due at the same time in the order they were scheduled', () => {
    const clock = new VirtualClock(START);
    const due = START.getTime() + HOUR_MS;
    clock.schedule(due, 'a', () => undefined);
    clock.schedule(due, 'b', () => undefined);
    clock.schedule(due, 'c', () => undefined);

    expect(clock.advance(HOUR_MS).fired).toEqual(['a', 'b', 'c']);
  });

  it('fires a timer due exactly at the new time and leaves later timers pending', () => {
    const clock = new VirtualClock(START);
    clock.schedule(START.getTime() + DAY_MS, 'due', () => undefined);
    clock.schedule(START.getTime() + DAY_MS + 1, 'later', () => undefined);

    const result = clock.advance(DAY_MS);

    expect(result.fired).toEqual(['due']);
    expect(clock.pending()).toEqual([{ dueMs: START.getTime() + DAY_MS + 1, label: 'later' }]);
    expect(clock.advance(1).fired).toEqual(['later']);
    expect(clock.pending()).toEqual([]);
  });

  it('never fires a cancelled timer', () => {
    const clock = new VirtualClock(START);
    let fired = false;
    const id = clock.schedule(START.getTime() + HOUR_MS, 'cancelled', () => {
      fired = true;
    });
    clock.schedule(START.getTime() + HOUR_MS, 'kept', () => undefined);

    clock.cancel(id);
    const result = clock.advance(2 * HOUR_MS);

    expect(fired).toBe(false);
    expect(result.fired).toEqual(['kept']);
  });

  it('ignores cancelling a timer that already fired', () => {
    const clock = new VirtualClock(START);
    const id = clock.schedule(START.getTime() + 1, 'once', () => undefined);
    clock.schedule(START.getTime() + 10, 'other', () => undefined);
    clock.advance(1);

    clock.cancel(id);

    expect(clock.pending().map((t) => t.label)).toEqual(['other']);
  });

  it('fires timers that a firing timer schedules inside the same advance', () => {
    const clock = new VirtualClock(START);
    const fireTimes: number[] = [];
    const everyDay = () => {
      fireTimes.push(clock.nowMs);
      clock.schedule(clock.nowMs + DAY_MS, 'daily', everyDay);
    };
    clock.schedule(START.getTime() + DAY_MS, 'daily', everyDay);

    clock.advance(3 * DAY_MS + HOUR_MS);

    expect(fireTimes).toEqual([1, 2, 3].map((d) => START.getTime() + d * DAY_MS));
    expect(clock.pending()).toEqual([{ dueMs: START.getTime() + 4 * DAY_MS, label: 'daily' }]);
  });

  it('advances 400 days at once, firing a daily timer 400 times synchronously', () => {
    const clock = new VirtualClock(START);
    for (let day = 1; day <= 400; day++) clock.schedule(START.getTime() + day * DAY_MS, `day ${day}`, () => undefined);

    const result = clock.advance(400 * DAY_MS);

    expect(result.fired).toHaveLength(400);
    expect(result.fired.at(-1)).toBe('day 400');
    expect(result.now.toISOString()).toBe('2031-02-05T00:00:00.000Z');
  });

  it('refuses to move backwards', () => {
    const clock = new VirtualClock(START);

    expect(() => clock.advance(-1)).toThrow(/forward/);
    expect(clock.now()).toEqual(START);
  });

  it('tells onAdvance listeners the new time until they unsubscribe', () => {
    const clock = new VirtualClock(START);
    const heard: Date[] = [];
    const unsubscribe = clock.onAdvance((now) => heard.push(now));

    clock.advance(HOUR_MS);
    unsubscribe();
    clock.advance(HOUR_MS);

    expect(heard).toEqual([new Date(START.getTime() + HOUR_MS)]);
  });

  it('drives a sandbox: a key scheduled for deletion is gone after its window', () => {
    // Given a key, a ciphertext under it, and a 7-day deletion window
    const sandbox = testSandbox({ start: START });
    const key = createTestKey(sandbox);
    const { CiphertextBlob } = expectOk(sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: Buffer.from('hi') }));
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));
    expect(sandbox.clock.pending()).toEqual([{ dueMs: START.getTime() + 7 * DAY_MS, label: `DeleteKey ${key.keyId}` }]);

    // When the clock stops just short of the window, the key is still pending deletion
    sandbox.advanceClock(7 * DAY_MS - 1);
    expect(sandbox.keys(REGION).map((k) => k.state)).toEqual(['PendingDeletion']);

    // When the window ends
    const result = sandbox.advanceClock(1);

    // Then the key is NotFound, and its old ciphertext no longer decrypts
    expect(result.fired).toEqual([`DeleteKey ${key.keyId}`]);
    expect(sandbox.keys(REGION)).toEqual([]);
    const described = expectError(sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: key.keyId }));
    expect(described.code).toBe('NotFoundException');
    expect(described.message).toBe(`Key '${key.arn}' does not exist`);
    expect(expectError(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob })).code).toBe('AccessDeniedException');
    const deleteRecord = sandbox.audit.items.find((r) => r.eventName === 'DeleteKey');
    expect(deleteRecord?.eventTime).toBe('2030-01-08T00:00:00Z'); // CloudTrail's form: to the second
    expect(deleteRecord?.eventType).toBe('AwsServiceEvent');
    expect(sandbox.events.items.map((e) => e['detail-type'])).toEqual(['KMS CMK Deletion']);
  });

  it('drives a sandbox: a cancelled deletion never happens', () => {
    const sandbox = testSandbox({ start: START });
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: 7 }));

    expectOk(sandbox.call(REGION, sandbox.admin, 'CancelKeyDeletion', { KeyId: key.keyId }));
    const result = sandbox.advanceClock(400 * DAY_MS);

    expect(result.fired).toEqual([]);
    expect(sandbox.clock.pending()).toEqual([]);
    expect(sandbox.keys(REGION).map((k) => k.state)).toEqual(['Disabled']);
  });

  it('stamps a sandbox key with the virtual time', () => {
    const sandbox = testSandbox({ start: START });
    sandbox.advanceClock(30 * DAY_MS);

    createTestKey(sandbox);

    expect(sandbox.keys(REGION)[0]?.creationDate.toISOString()).toBe('2030-01-31T00:00:00.000Z');
  });
});
