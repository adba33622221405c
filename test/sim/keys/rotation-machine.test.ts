import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../../src/sim/clock.js';
import { DEFAULT_ROTATION_PERIOD_DAYS, rotationMachine } from '../../../src/sim/keys/rotation-machine.js';
import { DAY_MS } from '../../helpers/sim.js';

const START = new Date('2026-01-01T00:00:00Z');
const LABEL = 'RotateKey test-key';

/** A rotation schedule on its own virtual clock, recording when it announces a due rotation. */
function schedule() {
  const clock = new VirtualClock(START);
  const actor = createActor(rotationMachine, { clock: clock.forXState(LABEL) });
  const dueAt: number[] = [];
  actor.on('rotationDue', () => dueAt.push(clock.nowMs));
  actor.start();
  const timers = () => clock.pending().filter((t) => t.label === LABEL);
  return { clock, actor, dueAt, timers };
}

/** Milliseconds `days` days after START. */
const at = (days: number): number => START.getTime() + days * DAY_MS;

describe('rotationMachine', () => {
  it('starts disabled with the default 365-day period and no timer', () => {
    const { actor, timers } = schedule();

    const snapshot = actor.getSnapshot();

    expect(snapshot.value).toBe('disabled');
    expect(snapshot.context).toMatchObject({ periodDays: DEFAULT_ROTATION_PERIOD_DAYS, nextRotationMs: undefined });
    expect(DEFAULT_ROTATION_PERIOD_DAYS).toBe(365);
    expect(timers()).toEqual([]);
  });

  it('arms one timer on the virtual clock for one period after rotation.enable', () => {
    const { clock, actor, timers } = schedule();
    clock.advance(DAY_MS / 4);

    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    expect(actor.getSnapshot().value).toBe('armed');
    expect(actor.getSnapshot().context).toMatchObject({ periodDays: 90, nextRotationMs: at(90.25) });
    expect(timers()).toEqual([{ dueMs: at(90.25), label: LABEL }]);
  });

  it('announces rotationDue once, when the clock reaches the rotation date', () => {
    const { clock, actor, dueAt } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    clock.advance(90 * DAY_MS - 1);
    expect(dueAt).toEqual([]);
    clock.advance(1);

    expect(dueAt).toEqual([at(90)]);
    expect(actor.getSnapshot().value).toBe('due');
  });

  it('stays due, with no timer, until its key answers rotation.done', () => {
    const { clock, actor, dueAt, timers } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    clock.advance(500 * DAY_MS);

    expect(dueAt).toEqual([at(90)]);
    expect(actor.getSnapshot().value).toBe('due');
    expect(timers()).toEqual([]);
  });

  it('re-arms one period after rotation.done', () => {
    const { clock, actor, timers } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });
    clock.advance(100 * DAY_MS);

    actor.send({ type: 'rotation.done', nowMs: clock.nowMs });

    expect(actor.getSnapshot().value).toBe('armed');
    expect(actor.getSnapshot().context.nextRotationMs).toBe(at(190));
    expect(timers()).toEqual([{ dueMs: at(190), label: LABEL }]);
  });

  it('rotates every period when the key answers each announcement at once', () => {
    const { clock, actor, dueAt } = schedule();
    actor.on('rotationDue', () => actor.send({ type: 'rotation.done', nowMs: clock.nowMs }));
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    clock.advance(1096 * DAY_MS);

    expect(dueAt).toEqual(Array.from({ length: 12 }, (_, i) => at((i + 1) * 90)));
    expect(actor.getSnapshot().context.nextRotationMs).toBe(at(13 * 90));
  });

  it('announces again on rotation.resume while due, and ignores it while armed', () => {
    const { clock, actor, dueAt } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });
    actor.send({ type: 'rotation.resume' });
    expect(dueAt).toEqual([]);
    clock.advance(120 * DAY_MS);

    actor.send({ type: 'rotation.resume' });

    expect(dueAt).toEqual([at(90), at(120)]);
    expect(actor.getSnapshot().value).toBe('due');
  });

  it('replaces the timer when rotation.enable changes the period while armed', () => {
    const { clock, actor, timers, dueAt } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 365, nowMs: clock.nowMs });
    clock.advance(10 * DAY_MS);

    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    expect(timers()).toEqual([{ dueMs: at(100), label: LABEL }]);
    clock.advance(400 * DAY_MS);
    expect(dueAt).toEqual([at(100)]);
  });

  it('cancels the timer on rotation.disable and forgets NextRotationDate', () => {
    const { clock, actor, timers, dueAt } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    actor.send({ type: 'rotation.disable' });
    clock.advance(400 * DAY_MS);

    expect(actor.getSnapshot().value).toBe('disabled');
    expect(actor.getSnapshot().context.nextRotationMs).toBeUndefined();
    expect(timers()).toEqual([]);
    expect(dueAt).toEqual([]);
  });

  it('leaves due for disabled or a fresh schedule', () => {
    const disabled = schedule();
    disabled.actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: disabled.clock.nowMs });
    disabled.clock.advance(90 * DAY_MS);
    disabled.actor.send({ type: 'rotation.disable' });
    expect(disabled.actor.getSnapshot().value).toBe('disabled');

    const restarted = schedule();
    restarted.actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: restarted.clock.nowMs });
    restarted.clock.advance(95 * DAY_MS);
    restarted.actor.send({ type: 'rotation.enable', periodDays: 180, nowMs: restarted.clock.nowMs });
    expect(restarted.actor.getSnapshot().value).toBe('armed');
    expect(restarted.timers()).toEqual([{ dueMs: at(275), label: LABEL }]);
  });

  it('ignores rotation.done and rotation.disable while disabled', () => {
    const { clock, actor, timers } = schedule();

    actor.send({ type: 'rotation.done', nowMs: clock.nowMs });
    actor.send({ type: 'rotation.disable' });

    expect(actor.getSnapshot().value).toBe('disabled');
    expect(timers()).toEqual([]);
  });

  it('stops its timer when the actor stops (the key is deleted)', () => {
    const { clock, actor, timers, dueAt } = schedule();
    actor.send({ type: 'rotation.enable', periodDays: 90, nowMs: clock.nowMs });

    actor.stop();
    clock.advance(400 * DAY_MS);

    expect(timers()).toEqual([]);
    expect(dueAt).toEqual([]);
  });
});
