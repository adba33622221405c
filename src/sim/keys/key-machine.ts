import { assign, setup } from 'xstate';
import type { KeyState, Origin } from './key-types.js';

/** Context of a key's lifecycle machine. */
export interface KeyMachineContext {
  readonly origin: Origin;
  /** Whether the key was Enabled before a transient state (Updating, Unavailable). */
  readonly wasEnabled: boolean;
}

/** Events of a key's lifecycle machine: dot-namespaced verbs. */
export type KeyMachineEvent =
  | { type: 'key.enable' }
  | { type: 'key.disable' }
  | { type: 'key.scheduleDeletion'; hasReplicas: boolean }
  | { type: 'key.cancelDeletion' }
  | { type: 'material.imported' }
  | { type: 'material.deleted' }
  | { type: 'replica.created' }
  | { type: 'replicas.allDeleted' }
  | { type: 'primaryRegion.updateStarted' }
  | { type: 'primaryRegion.updateFinished' }
  | { type: 'keyStore.disconnected' }
  | { type: 'keyStore.connected' };

/** The type names of every key machine event. */
export type KeyMachineEventType = KeyMachineEvent['type'];


/**
 * The key lifecycle machine. Its top-level states are the eight AWS KeyState values, so
 * `snapshot.value` is the key state. Crypto is gated by the `usable` tag, never by events.
 * Transitions follow https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
export const keyMachine = setup({
  types: {
    context: {} as KeyMachineContext,
    events: {} as KeyMachineEvent,
    input: {} as { origin: Origin },
  },
  guards: {
    hasReplicas: ({ event }) => event.type === 'key.scheduleDeletion' && event.hasReplicas,
    isExternal: ({ context }) => context.origin === 'EXTERNAL',
    wasEnabled: ({ context }) => context.wasEnabled,
  },
  actions: {
    rememberEnabled: assign({ wasEnabled: () => true }),
    rememberDisabled: assign({ wasEnabled: () => false }),
  },
}).createMachine({
  id: 'kmsKey',
  context: ({ input }) => ({ origin: input.origin, wasEnabled: true }),
  initial: 'Enabled',
  states: {
    // A new multi-Region replica, briefly (ReplicateKey).
    Creating: {
      on: {
        'replica.created': [{ guard: 'isExternal', target: 'PendingImport' }, { target: 'Enabled' }],
        'key.scheduleDeletion': [{ guard: 'hasReplicas', target: 'PendingReplicaDeletion' }, { target: 'PendingDeletion' }],
      },
    },
    Enabled: {
      tags: ['usable'],
      on: {
        // A targetless `{}` would be a forbidden transition, which `can()` reports as refused;
        // AWS accepts EnableKey on an Enabled key (and DisableKey on a Disabled one) as a no-op.
        'key.enable': 'Enabled',
        'key.disable': 'Disabled',
        'key.scheduleDeletion': [{ guard: 'hasReplicas', target: 'PendingReplicaDeletion' }, { target: 'PendingDeletion' }],
        'material.deleted': 'PendingImport',
        'primaryRegion.updateStarted': { target: 'Updating', actions: 'rememberEnabled' },
        'keyStore.disconnected': { target: 'Unavailable', actions: 'rememberEnabled' },
      },
    },
    Disabled: {
      on: {
        'key.enable': 'Enabled',
        'key.disable': 'Disabled',
        'key.scheduleDeletion': [{ guard: 'hasReplicas', target: 'PendingReplicaDeletion' }, { target: 'PendingDeletion' }],
        'material.deleted': 'PendingImport',
        'primaryRegion.updateStarted': { target: 'Updating', actions: 'rememberDisabled' },
        'keyStore.disconnected': { target: 'Unavailable', actions: 'rememberDisabled' },
      },
    },
    PendingDeletion: {
      on: { 'key.cancelDeletion': 'Disabled' },
    },
    // An EXTERNAL key without (all of) its key material.
    PendingImport: {
      on: {
        'material.imported': 'Enabled',
        'key.scheduleDeletion': [{ guard: 'hasReplicas', target: 'PendingReplicaDeletion' }, { target: 'PendingDeletion' }],
      },
    },
    // A multi-Region primary scheduled for deletion that still has replicas.
    PendingReplicaDeletion: {
      on: {
        'replicas.allDeleted': 'PendingDeletion',
        'key.cancelDeletion': 'Disabled',
      },
    },
    // A custom-key-store key whose store is disconnected.
    Unavailable: {
      on: {
        // EnableKey and DisableKey succeed but take effect when the store reconnects.
        'key.enable': { actions: 'rememberEnabled' },
        'key.disable': { actions: 'rememberDisabled' },
        'keyStore.connected': [{ guard: 'wasEnabled', target: 'Enabled' }, { target: 'Disabled' }],
        'key.scheduleDeletion': 'PendingDeletion',
      },
    },
    // Both Regions' keys during UpdatePrimaryRegion; still usable for cryptography.
    Updating: {
      tags: ['usable'],
      on: {
        'primaryRegion.updateFinished': [{ guard: 'wasEnabled', target: 'Enabled' }, { target: 'Disabled' }],
      },
    },
  },
});

/** The state a new key starts in: PendingImport for EXTERNAL keys, Creating for replicas, else Enabled. */
export function initialKeyState(origin: Origin, replica: boolean): KeyState {
  if (replica) return 'Creating';
  return origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled';
}
