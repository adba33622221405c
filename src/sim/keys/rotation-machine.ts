import { assign, emit, setup } from 'xstate';
import { DAY_MS } from '../../lib/duration.js';

/** Context of a key's automatic rotation schedule. */
export interface RotationContext {
  /** The rotation period in days (90–2560). */
  readonly periodDays: number;
  /** When the next automatic rotation is due (ms of virtual time), while enabled. */
  readonly nextRotationMs: number | undefined;
  /** How long the armed timer waits: until NextRotationDate. */
  readonly waitMs: number;
}

/** Events of the rotation schedule. */
export type RotationEvent =
  | { type: 'rotation.enable'; periodDays: number; nowMs: number }
  | { type: 'rotation.disable' }
  /** The key rotated its material: the next rotation is one period from now. */
  | { type: 'rotation.done'; nowMs: number }
  /** The key can rotate again (it was enabled): an overdue rotation is announced at once. */
  | { type: 'rotation.resume' };

/** What the schedule tells its key: a rotation is due now. */
export type RotationEmitted = { type: 'rotationDue' };

/** The default automatic rotation period: 365 days. */
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

/**
 * A key's automatic rotation schedule. While `armed`, a delayed transition on the virtual clock
 * (the actor's `clock` is the sandbox's) fires at NextRotationDate and the schedule becomes
 * `due`, telling its key `rotationDue`. The key rotates when it can (an Enabled key) and answers
 * `rotation.done`, which re-arms the timer one period later. A key that cannot rotate (Disabled,
 * pending deletion) leaves the schedule `due`; `rotation.resume` when it is enabled again makes
 * the overdue rotation happen at once, as AWS does.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-enable-disable.html
 */
export const rotationMachine = setup({
  types: {
    context: {} as RotationContext,
    events: {} as RotationEvent,
    emitted: {} as RotationEmitted,
  },
  delays: {
    untilNextRotation: ({ context }) => context.waitMs,
  },
  actions: {
    schedule: assign(({ event }) =>
      event.type === 'rotation.enable'
        ? { periodDays: event.periodDays, nextRotationMs: event.nowMs + event.periodDays * DAY_MS, waitMs: event.periodDays * DAY_MS }
        : {},
    ),
    unschedule: assign({ nextRotationMs: () => undefined }),
    announce: emit({ type: 'rotationDue' } as const),
    rearm: assign(({ context, event }) =>
      event.type === 'rotation.done' ? { nextRotationMs: event.nowMs + context.periodDays * DAY_MS, waitMs: context.periodDays * DAY_MS } : {},
    ),
  },
}).createMachine({
  id: 'keyRotation',
  context: { periodDays: DEFAULT_ROTATION_PERIOD_DAYS, nextRotationMs: undefined, waitMs: 0 },
  initial: 'disabled',
  states: {
    disabled: {
      on: { 'rotation.enable': { target: 'armed', actions: 'schedule' } },
    },
    armed: {
      after: { untilNextRotation: 'due' },
      on: {
        'rotation.enable': { target: 'armed', reenter: true, actions: 'schedule' },
        'rotation.disable': { target: 'disabled', actions: 'unschedule' },
      },
    },
    due: {
      entry: 'announce',
      on: {
        'rotation.done': { target: 'armed', actions: 'rearm' },
        'rotation.resume': { target: 'due', reenter: true },
        'rotation.enable': { target: 'armed', actions: 'schedule' },
        'rotation.disable': { target: 'disabled', actions: 'unschedule' },
      },
    },
  },
});
