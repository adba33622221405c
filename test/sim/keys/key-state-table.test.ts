import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { isKmsError, type KmsErrorCode } from '../../../src/sim/errors.js';
import { initialKeyState, keyMachine, type KeyMachineEvent } from '../../../src/sim/keys/key-machine.js';
import { assertAllowed, KeyStateTable, type LifecycleRule } from '../../../src/sim/keys/key-state-table.js';
import { KEY_STATES, ORIGINS, type KeyState, type Origin } from '../../../src/sim/keys/key-types.js';

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** What a rule does to a key in one state: allow it, or refuse with AWS's error. */
type Verdict = 'allowed' | { readonly code: KmsErrorCode; readonly message: string };

const ok = 'allowed' as const;
const disabled: Verdict = { code: 'DisabledException', message: `${ARN} is disabled.` }; // [1]
const invalid = (what: string): Verdict => ({ code: 'KMSInvalidStateException', message: `${ARN} is ${what}.` });
const pendingDeletion = invalid('pending deletion'); // [3]
const pendingReplicaDeletion = invalid('pending replica deletion'); // [3]
const notPendingDeletion = invalid('not pending deletion'); // [4]
const pendingImport = invalid('pending import'); // [5]
const unavailable = invalid('unavailable'); // [11]
const creating = invalid('creating'); // [14]
const updating = invalid('updating'); // [15]
const externalOrigin: Verdict = { code: 'UnsupportedOperationException', message: `${ARN} origin is EXTERNAL which is not valid for this operation.` }; // [6]

/**
 * AWS's KeyState × operation table, transcribed from ../shared/reference/kms-behaviour.md §1.3
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html), footnotes in brackets.
 * Written out by hand so the test does not restate the code it checks.
 */
const AWS_TABLE: Readonly<Record<LifecycleRule, Readonly<Record<KeyState, Verdict>>>> = {
  // EnableKeyRotation, DisableKeyRotation ([7]: custom key stores are not simulated)
  rotationConfig: {
    Enabled: ok,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: externalOrigin,
    Unavailable: unavailable,
    Creating: creating,
    Updating: ok,
  },
  // GetPublicKey: AWS's table says X[1] for a disabled key, but AWS answers it (measured against
  // AWS by the floci project's integration tests); the other states follow the Sign row.
  publicKey: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: unavailable,
    Creating: creating,
    Updating: ok,
  },
  // ReplicateKey
  replicate: {
    Enabled: ok,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: ok,
    Creating: creating,
    Updating: updating,
  },
  // UpdatePrimaryRegion (allowed while Updating)
  updatePrimaryRegion: {
    Enabled: ok,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: ok,
    Creating: creating,
    Updating: ok,
  },
  // GetKeyRotationStatus
  rotationStatus: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: ok,
    PendingReplicaDeletion: ok,
    PendingImport: externalOrigin,
    Unavailable: ok,
    Creating: ok,
    Updating: ok,
  },
  // RotateKeyOnDemand: newer than AWS's 2023 table; AWS-validated responses give DisabledException
  // for a disabled key, and the other refusals follow the cryptographic row.
  rotateOnDemand: {
    Enabled: ok,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: unavailable,
    Creating: creating,
    Updating: updating,
  },
  // GetParametersForImport ([9], the origin check, is the handler's)
  importParameters: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: ok,
    Unavailable: unavailable,
    Creating: creating,
    Updating: updating,
  },
  // ImportKeyMaterial (allowed while Updating)
  importMaterial: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: ok,
    Unavailable: unavailable,
    Creating: creating,
    Updating: ok,
  },
  // DeleteImportedKeyMaterial
  deleteImportedMaterial: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: ok,
    PendingReplicaDeletion: ok,
    PendingImport: ok,
    Unavailable: ok,
    Creating: creating,
    Updating: updating,
  },
  // Encrypt, Decrypt, ReEncrypt, GenerateDataKey*
  cryptographic: {
    Enabled: ok,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: unavailable,
    Creating: creating,
    Updating: ok,
  },
  // EnableKey, DisableKey: on an Unavailable key they succeed and apply on reconnection [12]
  enableDisable: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: ok,
    Creating: creating,
    Updating: updating,
  },
  scheduleDeletion: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: ok,
    Unavailable: ok,
    Creating: ok,
    Updating: updating,
  },
  cancelDeletion: {
    Enabled: notPendingDeletion,
    Disabled: notPendingDeletion,
    PendingDeletion: ok,
    PendingReplicaDeletion: ok,
    PendingImport: notPendingDeletion,
    Unavailable: notPendingDeletion,
    Creating: notPendingDeletion,
    Updating: notPendingDeletion,
  },
  // CreateAlias, TagResource, UntagResource, UpdateKeyDescription
  manageMetadata: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: ok,
    Unavailable: ok,
    Creating: ok,
    Updating: ok,
  },
  // UpdateAlias, for the key the alias moves to [10]
  updateAliasTarget: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: ok,
    Unavailable: ok,
    Creating: ok,
    Updating: ok,
  },
  // DescribeKey, Get/PutKeyPolicy, ListKeyPolicies, ListResourceTags, ListAliases, DeleteAlias
  anyState: {
    Enabled: ok,
    Disabled: ok,
    PendingDeletion: ok,
    PendingReplicaDeletion: ok,
    PendingImport: ok,
    Unavailable: ok,
    Creating: ok,
    Updating: ok,
  },
};

const RULES = Object.keys(AWS_TABLE) as LifecycleRule[];

/** The machine events that the operations of each state-changing rule send. */
const RULE_EVENTS: Readonly<Partial<Record<LifecycleRule, readonly KeyMachineEvent[]>>> = {
  enableDisable: [{ type: 'key.enable' }, { type: 'key.disable' }],
  scheduleDeletion: [
    { type: 'key.scheduleDeletion', hasReplicas: false },
    { type: 'key.scheduleDeletion', hasReplicas: true },
  ],
  cancelDeletion: [{ type: 'key.cancelDeletion' }],
};

/** Every event the key machine knows, with both payloads where an event carries one. */
const ALL_EVENTS: readonly KeyMachineEvent[] = [
  { type: 'key.enable' },
  { type: 'key.disable' },
  { type: 'key.scheduleDeletion', hasReplicas: false },
  { type: 'key.scheduleDeletion', hasReplicas: true },
  { type: 'key.cancelDeletion' },
  { type: 'material.imported' },
  { type: 'material.deleted' },
  { type: 'replica.created' },
  { type: 'replicas.allDeleted' },
  { type: 'primaryRegion.updateStarted' },
  { type: 'primaryRegion.updateFinished' },
  { type: 'keyStore.disconnected' },
  { type: 'keyStore.connected' },
];

/** The states the machine reaches from every state a key can start in (each origin, primary or replica). */
function reachableStates(): Set<KeyState> {
  const reached = new Set<KeyState>();
  for (const origin of ORIGINS) {
    for (const replica of [false, true]) {
      const fromState = keyMachine.resolveState({ value: initialKeyState(origin, replica), context: { origin, wasEnabled: true } });
      const adjacency = getAdjacencyMap(keyMachine, { input: { origin }, fromState, events: ALL_EVENTS });
      for (const { state } of Object.values(adjacency)) reached.add(state.value);
    }
  }
  return reached;
}

/** Whether a key machine resting in `state` accepts `event`. */
function machineAccepts(state: KeyState, event: KeyMachineEvent, origin: Origin = 'AWS_KMS'): boolean {
  const actor = createActor(keyMachine, {
    input: { origin },
    snapshot: keyMachine.resolveState({ value: state, context: { origin, wasEnabled: true } }),
  }).start();
  try {
    return actor.getSnapshot().can(event);
  } finally {
    actor.stop();
  }
}

function describeVerdict(rule: LifecycleRule, state: KeyState, verdict: Verdict): string {
  if (verdict === 'allowed') return `allows ${rule} in ${state}`;
  return `refuses ${rule} in ${state} with ${verdict.code}: "<arn> ${verdict.message.slice(ARN.length + 1)}"`;
}

describe('KeyStateTable', () => {
  it('has exactly the rules of the AWS table', () => {
    expect(Object.keys(KeyStateTable).sort()).toEqual([...RULES].sort());
  });

  const cases = RULES.flatMap((rule) =>
    KEY_STATES.map((state) => {
      const verdict = AWS_TABLE[rule][state];
      return [describeVerdict(rule, state, verdict), { rule, state, verdict }] as const;
    }),
  );

  it.each(cases)('%s', (_title, { rule, state, verdict }) => {
    let thrown: unknown;
    try {
      assertAllowed(rule, state, ARN);
    } catch (error) {
      thrown = error;
    }
    if (verdict === 'allowed') {
      expect(thrown).toBeUndefined();
    } else {
      expect(isKmsError(thrown)).toBe(true);
      expect(thrown).toMatchObject({ code: verdict.code, message: verdict.message });
    }
  });
});

describe('KeyStateTable and keyMachine', () => {
  const reachable = reachableStates();

  it('lets the machine reach every KeyState from the states a key starts in', () => {
    expect([...reachable].sort()).toEqual([...KEY_STATES].sort());
  });

  // The handlers send an event only after the table allows it, so an allowed event the machine
  // refuses is a crash (an invariant error), and a refused one the machine accepts is dead code.
  const agreement = Object.entries(RULE_EVENTS).flatMap(([rule, events]) =>
    KEY_STATES.filter((state) => reachable.has(state)).flatMap((state) =>
      (events ?? []).map((event) => {
        const allowed = AWS_TABLE[rule as LifecycleRule][state] === 'allowed';
        const payload = 'hasReplicas' in event ? ` (hasReplicas: ${event.hasReplicas})` : '';
        const verb = allowed ? 'accepts' : 'refuses';
        const title = `${verb} ${event.type}${payload} in ${state}, as the ${rule} rule ${allowed ? 'allows' : 'refuses'} it`;
        return [title, { rule: rule as LifecycleRule, state, event, allowed }] as const;
      }),
    ),
  );

  it.each(agreement)('the machine %s', (_title, { rule, state, event, allowed }) => {
    const tableAllows = KeyStateTable[rule][state] === undefined;
    expect(tableAllows).toBe(allowed);
    for (const origin of ORIGINS) expect(machineAccepts(state, event, origin)).toBe(allowed);
  });
});
