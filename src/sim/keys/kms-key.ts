import { createActor, type Actor } from 'xstate';
import { assert } from '../../lib/assert.js';
import type { VirtualClock } from '../clock.js';
import { initialKeyState, keyMachine, type KeyMachineEvent } from './key-machine.js';
import type { KeyMaterialRecord } from './key-material.js';
import { rotationMachine } from './rotation-machine.js';
import { assertAllowed, type LifecycleRule } from './key-state-table.js';
import type { KeyManager, KeySpec, KeyState, KeyUsage, Origin } from './key-types.js';
import type { MultiRegionKeySet } from '../regions/multi-region.js';

/** A scheduled deletion: when it happens and the timer that will do it. */
export interface ScheduledDeletion {
  readonly deletionDate: Date;
  readonly pendingWindowInDays: number;
  readonly timerId: number;
}

/** What a new key is made of. */
export interface KmsKeyInit {
  readonly keyId: string;
  readonly region: string;
  readonly accountId: string;
  readonly creationDate: Date;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: Origin;
  readonly keyManager: KeyManager;
  readonly multiRegion: boolean;
  /** The multi-Region key set a multi-Region key belongs to. */
  readonly multiRegionSet?: MultiRegionKeySet;
  /** A new multi-Region replica: born Creating. */
  readonly replica?: boolean;
  readonly policy: string;
  readonly tags: ReadonlyMap<string, string>;
  /** The virtual clock, which runs the key's timers (its automatic rotation schedule). */
  readonly clock: VirtualClock;
  /** Called when automatic rotation falls due; the key answers with `rotationDone` if it rotated. */
  readonly onRotationDue?: (key: KmsKey) => void;
}

/**
 * A KMS key in one Region: its metadata, policy and tags, and its lifecycle machine.
 * It holds no key material: that lives in the Region's HSM.
 */
export class KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly creationDate: Date;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: Origin;
  readonly keyManager: KeyManager;
  readonly multiRegion: boolean;
  /** The set a multi-Region key belongs to (shared by the primary and its replicas). */
  readonly multiRegionSet: MultiRegionKeySet | undefined;
  description: string;
  policy: string;
  readonly tags: Map<string, string>;
  deletion: ScheduledDeletion | undefined;
  /**
   * A multi-Region primary scheduled for deletion while it has replicas (PendingReplicaDeletion):
   * its waiting period, which starts when the last replica is deleted.
   */
  pendingReplicaDeletionDays: number | undefined;
  /** Every key material version, oldest first (metadata only; the material is in the HSM). */
  readonly materials: KeyMaterialRecord[] = [];
  /** How many on-demand rotations the key has had (AWS allows 25). */
  onDemandRotations = 0;
  /** The key as an audit record's resource (one frozen object, shared by its records). */
  readonly auditResource: { readonly accountId: string; readonly type: 'AWS::KMS::Key'; readonly ARN: string };
  readonly #actor: Actor<typeof keyMachine>;
  readonly #rotation: Actor<typeof rotationMachine>;
  readonly #clock: VirtualClock;

  constructor(init: KmsKeyInit) {
    this.keyId = init.keyId;
    this.region = init.region;
    this.accountId = init.accountId;
    this.arn = keyArn(init.region, init.accountId, init.keyId);
    this.auditResource = Object.freeze({ accountId: init.accountId, type: 'AWS::KMS::Key' as const, ARN: this.arn });
    this.creationDate = init.creationDate;
    this.keySpec = init.keySpec;
    this.keyUsage = init.keyUsage;
    this.origin = init.origin;
    this.keyManager = init.keyManager;
    this.multiRegion = init.multiRegion;
    this.multiRegionSet = init.multiRegionSet;
    this.description = init.description;
    this.policy = init.policy;
    this.tags = new Map(init.tags);
    // EXTERNAL keys start in PendingImport: the machine starts in the state the key is born in.
    const start = initialKeyState(init.origin, init.replica ?? false);
    this.#actor = createActor(keyMachine, {
      input: { origin: init.origin },
      snapshot: keyMachine.resolveState({ value: start, context: { origin: init.origin, wasEnabled: true } }),
    }).start();
    this.#clock = init.clock;
    this.#rotation = createActor(rotationMachine, { clock: init.clock.forXState(`RotateKey ${init.keyId}`) });
    this.#rotation.on('rotationDue', () => init.onRotationDue?.(this));
    this.#rotation.start();
  }

  /** Whether automatic rotation is enabled (the schedule is armed or due). */
  get rotationEnabled(): boolean {
    return !this.#rotation.getSnapshot().matches('disabled');
  }

  /** The automatic rotation period in days. */
  get rotationPeriodDays(): number {
    return this.#rotation.getSnapshot().context.periodDays;
  }

  /** When the next automatic rotation is due, while rotation is enabled. */
  get nextRotationDate(): Date | undefined {
    const next = this.#rotation.getSnapshot().context.nextRotationMs;
    return this.rotationEnabled && next !== undefined ? new Date(next) : undefined;
  }

  /** Enables automatic rotation with a period, or changes the period (NextRotationDate moves). */
  enableRotation(periodDays: number): void {
    this.#rotation.send({ type: 'rotation.enable', periodDays, nowMs: this.#clock.nowMs });
  }

  /** Disables automatic rotation. */
  disableRotation(): void {
    this.#rotation.send({ type: 'rotation.disable' });
  }

  /** Tells the schedule the key rotated, so the next rotation is one period from now. */
  rotationDone(): void {
    this.#rotation.send({ type: 'rotation.done', nowMs: this.#clock.nowMs });
  }

  /** Tells the schedule the key can rotate again: an overdue rotation happens now. */
  resumeRotation(): void {
    if (this.#rotation.getSnapshot().matches('due')) this.#rotation.send({ type: 'rotation.resume' });
  }

  /** The record of the current key material, if any. */
  get currentMaterial(): KeyMaterialRecord | undefined {
    return this.materials.find((m) => m.state === 'CURRENT');
  }

  /** The key's AWS KeyState: the value of its lifecycle machine. */
  get state(): KeyState {
    return this.#actor.getSnapshot().value;
  }

  /** True when the key can be used for cryptography (the machine's `usable` tag). */
  get usable(): boolean {
    return this.#actor.getSnapshot().hasTag('usable');
  }

  /** Throws AWS's error when the KeyState × operation table refuses this key for `rule`. */
  assertAllowed(rule: LifecycleRule): void {
    assertAllowed(rule, this.state, this.arn);
  }

  /** Tells whether the machine accepts an event in the current state. */
  can(event: KeyMachineEvent): boolean {
    return this.#actor.getSnapshot().can(event);
  }

  /**
   * Sends a lifecycle event after the table has allowed it. An event the table allows
   * but the machine refuses is a bug, not an AWS error.
   */
  send(event: KeyMachineEvent): void {
    assert(this.can(event), `key machine refuses ${event.type} in ${this.state}`);
    this.#actor.send(event);
  }

  /** Subscribes to state changes; returns the function that unsubscribes. */
  onStateChange(listener: (state: KeyState) => void): () => void {
    const subscription = this.#actor.subscribe((snapshot) => listener(snapshot.value));
    return () => subscription.unsubscribe();
  }

  /** Stops the lifecycle machine and the rotation schedule (the key is deleted). */
  stop(): void {
    this.#actor.stop();
    this.#rotation.stop();
  }
}

/** The ARN of a key: `arn:aws:kms:<region>:<account>:key/<id>`. */
export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

/** The ARN of an alias: `arn:aws:kms:<region>:<account>:alias/<name>`. */
export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}
