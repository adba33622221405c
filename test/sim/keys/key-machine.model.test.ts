import { describe, expect, it } from 'vitest';
import { createTestModel } from 'xstate/graph';
import type { TestParam, TestPath } from 'xstate/graph';
import type { SnapshotFrom } from 'xstate';
import type { KeyMachineEvent } from '../../../src/sim/keys/key-machine.js';
import {
  createSandbox,
  DEFAULT_REGION,
  KEY_STATES,
  keyMachine,
  type KeyState,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type Outcome,
  type OutcomeError,
  type Sandbox,
} from '../../../src/sim/index.js';

type KeySnapshot = SnapshotFrom<typeof keyMachine>;

const DAY_MS = 86_400_000;
const DEFAULT_PENDING_WINDOW_DAYS = 30;

/**
 * The machine events that an API operation sends today. The traversal is restricted to
 * these; the other events (imports, replicas, key stores, primary Region updates) have no
 * operation yet, so the simulator cannot be driven through them.
 */
const IMPLEMENTED_EVENTS: readonly KeyMachineEvent[] = [
  { type: 'key.disable' },
  { type: 'key.enable' },
  { type: 'key.scheduleDeletion', hasReplicas: false },
  { type: 'key.cancelDeletion' },
];
const IMPLEMENTED_EVENT_TYPES: ReadonlySet<string> = new Set(IMPLEMENTED_EVENTS.map((e) => e.type));

/**
 * The states AWS's key-state page says EnableKey, DisableKey, ScheduleKeyDeletion and
 * CancelKeyDeletion move a new AWS_KMS key among; written by hand, not derived from the machine.
 */
const REACHABLE_TODAY: readonly KeyState[] = ['Disabled', 'Enabled', 'PendingDeletion'];

const model = createTestModel(keyMachine, {
  input: { origin: 'AWS_KMS' },
  // `events` only supplies payloads (hasReplicas: false): createTestModel still offers every other
  // event a state handles as a bare `{ type }`. `filterEvents` is what restricts the traversal.
  events: IMPLEMENTED_EVENTS,
  filterEvents: (_snapshot, event) => IMPLEMENTED_EVENT_TYPES.has(event.type),
});

const shortestPaths = model.getShortestPaths();
const simplePaths = model.getSimplePaths();

/** Fails the test with the AWS error when an outcome is not a success; returns the output. */
function outputOf<O>(outcome: Outcome<O>, what: string): O {
  if (!outcome.ok) throw new Error(`${what} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

/** Fails the test when an outcome is a success; returns the AWS error. */
function errorOf(outcome: Outcome<unknown>, what: string): OutcomeError {
  if (outcome.ok) throw new Error(`${what} succeeded but should have failed`);
  return outcome.error;
}

/** The system under test: one key in a fresh sandbox, driven only through the KMS API. */
class KeyUnderTest {
  readonly sandbox: Sandbox = createSandbox({ quotas: { enforce: false } });
  readonly keyId: string;
  readonly arn: string;
  /** The KeyState DescribeKey reported at each state check, in order. */
  readonly observed: KeyState[] = [];

  constructor() {
    const created = outputOf(this.call('CreateKey', { Description: 'model-based test key' }), 'CreateKey');
    this.keyId = created.KeyMetadata.KeyId;
    this.arn = created.KeyMetadata.Arn;
  }

  /** Calls an operation as the administrator in the default Region. */
  call<N extends OperationName>(operation: N, input: OperationInput<N>): Outcome<OperationOutput<N>> {
    return this.sandbox.call(DEFAULT_REGION, this.sandbox.admin, operation, input);
  }

  describeKey() {
    return outputOf(this.call('DescribeKey', { KeyId: this.keyId }), 'DescribeKey').KeyMetadata;
  }

  encrypt(): Outcome<OperationOutput<'Encrypt'>> {
    return this.call('Encrypt', { KeyId: this.keyId, Plaintext: Buffer.from('model-based test plaintext') });
  }

  /** The TestParam that maps machine events to API calls and checks each state in the simulator. */
  params(): TestParam<KeySnapshot, KeyMachineEvent> {
    return {
      events: {
        'key.disable': () => void outputOf(this.call('DisableKey', { KeyId: this.keyId }), 'DisableKey'),
        'key.enable': () => void outputOf(this.call('EnableKey', { KeyId: this.keyId }), 'EnableKey'),
        'key.scheduleDeletion': () => {
          const output = outputOf(this.call('ScheduleKeyDeletion', { KeyId: this.keyId }), 'ScheduleKeyDeletion');
          expect(output.KeyState).toBe('PendingDeletion');
        },
        'key.cancelDeletion': () => void outputOf(this.call('CancelKeyDeletion', { KeyId: this.keyId }), 'CancelKeyDeletion'),
      },
      states: {
        Enabled: () => {
          const metadata = this.checkKeyState('Enabled');
          expect(metadata.Enabled).toBe(true);
          const ciphertext = outputOf(this.encrypt(), 'Encrypt').CiphertextBlob;
          const decrypted = outputOf(this.call('Decrypt', { CiphertextBlob: ciphertext }), 'Decrypt');
          expect(Buffer.from(decrypted.Plaintext).toString()).toBe('model-based test plaintext');
        },
        Disabled: () => {
          const metadata = this.checkKeyState('Disabled');
          expect(metadata.Enabled).toBe(false);
          expect(metadata.DeletionDate).toBeUndefined();
          expect(errorOf(this.encrypt(), 'Encrypt')).toMatchObject({ code: 'DisabledException', message: `${this.arn} is disabled.` });
        },
        PendingDeletion: () => {
          const metadata = this.checkKeyState('PendingDeletion');
          expect(metadata.Enabled).toBe(false);
          expect(metadata.DeletionDate?.getTime()).toBe(this.sandbox.clock.nowMs + DEFAULT_PENDING_WINDOW_DAYS * DAY_MS);
          expect(errorOf(this.encrypt(), 'Encrypt')).toMatchObject({
            code: 'KMSInvalidStateException',
            message: `${this.arn} is pending deletion.`,
          });
        },
        // Reached only if the traversal wanders into a state this test has no check for.
        '*': (snapshot) => {
          throw new Error(`the model reached ${String(snapshot.value)}, which has no simulator check`);
        },
      },
    };
  }

  /** Asserts DescribeKey reports the state; records it; returns the metadata. */
  checkKeyState(expected: KeyState) {
    const metadata = this.describeKey();
    this.observed.push(metadata.KeyState);
    expect(metadata.KeyState).toBe(expected);
    return metadata;
  }

  /** After a path ending in PendingDeletion: the key survives its window until the last millisecond. */
  checkDeletionWindow(): void {
    this.sandbox.advanceClock(DEFAULT_PENDING_WINDOW_DAYS * DAY_MS - 1);
    expect(this.describeKey().KeyState).toBe('PendingDeletion');
    this.sandbox.advanceClock(1);
    expect(errorOf(this.call('DescribeKey', { KeyId: this.keyId }), 'DescribeKey')).toMatchObject({
      code: 'NotFoundException',
      message: `Key '${this.arn}' does not exist`,
    });
    expect(this.sandbox.events.items.map((e) => [e['detail-type'], e.detail['key-id']])).toContainEqual(['KMS CMK Deletion', this.keyId]);
  }
}

/** Runs one model path against a fresh simulator; returns the states the simulator reported. */
async function runPath(path: TestPath<KeySnapshot, KeyMachineEvent>): Promise<KeyState[]> {
  const sut = new KeyUnderTest();
  await path.test(sut.params());
  if (path.state.matches('PendingDeletion')) sut.checkDeletionWindow();
  return sut.observed;
}

describe('key lifecycle machine, model-based against the simulator', () => {
  it('has the eight AWS KeyState values as its top-level states', () => {
    expect(Object.keys(keyMachine.root.states).sort()).toEqual([...KEY_STATES].sort());
  });

  it('traverses only the events that an operation sends today, and all of them', () => {
    const traversed = new Set([...shortestPaths, ...simplePaths].flatMap((p) => p.steps.slice(1).map((s) => s.event.type)));
    expect([...traversed].sort()).toEqual([...IMPLEMENTED_EVENT_TYPES].sort());
  });

  it.each(shortestPaths.map((path) => [path.description, path] as const))('shortest path: %s', async (_name, path) => {
    const observed = await runPath(path);
    expect(observed).toHaveLength(path.steps.length);
  });

  it.each(simplePaths.map((path) => [path.description, path] as const))('simple path: %s', async (_name, path) => {
    const observed = await runPath(path);
    expect(observed).toHaveLength(path.steps.length);
  });

  it('agrees with the simulator on repeated EnableKey and DisableKey, which leave the state as it is', async () => {
    const events: KeyMachineEvent[] = [{ type: 'key.enable' }, { type: 'key.disable' }, { type: 'key.disable' }, { type: 'key.enable' }];
    const [path] = model.getPathsFromEvents(events, { input: { origin: 'AWS_KMS' } });
    expect(path?.steps.map((s) => s.state.value)).toEqual(['Enabled', 'Enabled', 'Disabled', 'Disabled', 'Enabled']);
    if (!path) return;
    expect(await runPath(path)).toEqual(['Enabled', 'Enabled', 'Disabled', 'Disabled', 'Enabled']);
  });

  it('visits every state reachable from Enabled with the implemented events, in the model and in the simulator', async () => {
    const paths = [...shortestPaths, ...simplePaths];
    const modelled = new Set(paths.flatMap((p) => p.steps.map((s) => s.state.value)));
    const simulated = new Set<KeyState>();
    for (const path of paths) for (const state of await runPath(path)) simulated.add(state);
    expect([...modelled].sort()).toEqual(REACHABLE_TODAY);
    expect([...simulated].sort()).toEqual(REACHABLE_TODAY);
  });
});
