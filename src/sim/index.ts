/**
 * The simulator's public facade: the one module that engine/, server/ and ui/ import.
 * `createSandbox()` returns the object everything else talks to.
 */
import type { EventStream } from '../lib/event-stream.js';
import { adminPrincipal, type Principal } from './access/principal.js';
import { dispatch, type CallOrigin, type Outcome } from './api/dispatcher.js';
import { OPERATIONS, type OperationInput, type OperationName, type OperationOutput } from './api/registry.js';
import type { Field } from './api/schema.js';
import type { AdvanceResult, VirtualClock } from './clock.js';
import { SimCore, type SandboxOptions } from './core.js';
import type { KeyState } from './keys/key-types.js';
import { REGION_CATALOG, type RegionInfo } from './regions/catalog.js';
import type { AuditRecord } from './telemetry/audit-record.js';
import type { KmsEvent } from './telemetry/kms-event.js';
import type { Metrics } from './telemetry/metrics.js';
import { findServiceOperation, SERVICE_OPERATIONS } from './services/registry.js';
import { dispatchService, isServiceRead, ServiceError, type ServiceName, type ServiceOutcome } from './services/service.js';

export type { CallOrigin, Outcome, OutcomeError } from './api/dispatcher.js';
export type { OperationInput, OperationName, OperationOutput } from './api/registry.js';
export type { Field, FieldKind } from './api/schema.js';
export type { AdvanceResult } from './clock.js';
export { VirtualClock } from './clock.js';
export type { SandboxOptions } from './core.js';
export { DEFAULT_ACCOUNT_ID } from './core.js';
export type { KmsErrorCode } from './errors.js';
export { keyMachine } from './keys/key-machine.js';
export { KEY_STATES, type KeyState } from './keys/key-types.js';
export { DEFAULT_REGION, REGION_CATALOG, type RegionInfo } from './regions/catalog.js';
export type { Principal } from './access/principal.js';
export { auditedKeyArn } from './telemetry/audit-record.js';
export type { AuditRecord } from './telemetry/audit-record.js';
export type { KmsEvent } from './telemetry/kms-event.js';
export type { MetricDatum, MetricStatistic } from './telemetry/metrics.js';
export type { StreamListener } from '../lib/event-stream.js';
export type { ServiceName, ServiceOutcome } from './services/service.js';

/** The HSMs of one Region in and out of service. */
export interface HsmStatus {
  readonly region: string;
  readonly up: readonly number[];
  readonly down: readonly number[];
  /** True when no HSM is in service: the Region's KMS fails every request. */
  readonly regionDown: boolean;
}

/** What help, completion and the console need to know about a simulated service's operation. */
export interface ServiceOperationInfo {
  readonly service: ServiceName;
  readonly name: string;
  readonly summary: string;
  readonly docUrl: string;
  readonly input: Readonly<Record<string, Field>>;
  /** CloudTrail's `readOnly`: the operation only looks. */
  readonly readOnly: boolean;
}

/** What help, completion and the endpoint need to know about an operation. */
export interface OperationInfo {
  readonly name: OperationName;
  readonly summary: string;
  readonly docUrl: string;
  readonly input: Readonly<Record<string, Field>>;
  /** CloudTrail's `readOnly`: reads and cryptographic calls, which change no key. */
  readonly readOnly: boolean;
}

/** A read-only view of a key, for panes and checks. */
export interface KeyView {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  readonly state: KeyState;
  readonly description: string;
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly keyManager: string;
  readonly creationDate: Date;
  readonly deletionDate: Date | undefined;
  readonly aliases: readonly string[];
  readonly keyMaterialIds: readonly string[];
  readonly currentKeyMaterialId: string | undefined;
  readonly origin: string;
  /** Every key material version, oldest first, as ListKeyRotations would describe it. */
  readonly materials: readonly {
    readonly keyMaterialId: string;
    readonly state: string;
    readonly rotationDate: Date | undefined;
    readonly rotationType: string | undefined;
    readonly importState: string | undefined;
    readonly validTo: Date | undefined;
  }[];
  /** The automatic rotation schedule, when enabled. */
  readonly rotation: { readonly periodDays: number; readonly nextRotationDate: Date | undefined } | undefined;
  readonly onDemandRotations: number;
  /** For a multi-Region key: whether this one is the primary or a replica, and where the primary is. */
  readonly multiRegion: { readonly type: 'PRIMARY' | 'REPLICA'; readonly primaryRegion: string; readonly replicaRegions: readonly string[] } | undefined;
}

/** The sandbox: one simulated AWS account across the catalog's Regions. */
export interface Sandbox {
  readonly accountId: string;
  /** The virtual clock; `advanceClock` moves it and fires due timers. */
  readonly clock: Pick<VirtualClock, 'now' | 'nowMs' | 'pending' | 'onAdvance'>;
  readonly regions: readonly RegionInfo[];
  /** The account's administrator, the principal of the default credentials. */
  readonly admin: Principal;
  readonly operations: readonly OperationInfo[];
  /** The operations of the simulated AWS services that use KMS (EBS, S3, RDS, SSM). */
  readonly serviceOperations: readonly ServiceOperationInfo[];
  /**
   * Calls a simulated service's operation in a Region as a principal; the service calls KMS
   * through the dispatcher on the caller's behalf. Never throws for AWS errors.
   */
  callService(region: string, principal: Principal, service: ServiceName, operation: string, input: unknown): ServiceOutcome;
  /** CloudTrail-shaped records of every call, successful or not (the newest `keepAuditRecords`). */
  readonly audit: Pick<EventStream<AuditRecord>, 'items' | 'size' | 'forgotten' | 'appended' | 'since' | 'subscribe' | 'toJsonLines'>;
  /** CloudWatch-shaped datapoints. */
  readonly metrics: Pick<Metrics, 'items' | 'size' | 'forgotten' | 'appended' | 'since' | 'subscribe' | 'toJsonLines' | 'statistics'>;
  /** EventBridge-shaped events. */
  readonly events: Pick<EventStream<KmsEvent>, 'items' | 'size' | 'forgotten' | 'appended' | 'since' | 'subscribe' | 'toJsonLines'>;
  /** Calls a KMS operation in a Region as a principal; never throws for AWS errors. */
  call<N extends OperationName>(region: string, principal: Principal, operation: N, input: OperationInput<N>, origin?: CallOrigin): Outcome<OperationOutput<N>>;
  call(region: string, principal: Principal, operation: string, input: unknown, origin?: CallOrigin): Outcome;
  /** Moves virtual time forward, firing due timers (deletions, …) in time order. */
  advanceClock(ms: number): AdvanceResult;
  /**
   * Failure drills: take one HSM of a Region (requests are still served) or all of them (the
   * Region's KMS fails every request) out of service, and bring them back.
   */
  readonly hsm: {
    fail(region: string, which: number | 'all'): void;
    recover(region: string, which: number | 'all'): void;
    status(region?: string): HsmStatus[];
  };
  /**
   * Replaces the simulator with a fresh one (no keys, empty streams, a new clock). The streams
   * and clock are new objects: subscribers re-subscribe in an `onReset` listener.
   */
  reset(): void;
  /** Listens for resets; returns the function that unsubscribes. */
  onReset(listener: () => void): () => void;
  /**
   * Runs `run` with its calls answered as usual but kept off the trail: their audit records are
   * handed back instead of appended, and they add no metrics. For a grader's checks (a scenario's
   * goals), which are not the learner's calls.
   */
  offTrail<T>(run: () => T): { readonly value: T; readonly records: readonly AuditRecord[] };
  /** The keys of a Region (every Region when omitted), for display. */
  keys(region?: string): KeyView[];
}

/** Creates a fresh sandbox. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  let core = new SimCore(options);
  const resetListeners = new Set<() => void>();
  const regionNames = new Set(core.regions.keys());
  const sandbox: Sandbox = {
    get accountId() {
      return core.accountId;
    },
    get clock() {
      return core.clock;
    },
    regions: REGION_CATALOG.filter((r) => regionNames.has(r.name)),
    admin: adminPrincipal(core.accountId),
    operations: OPERATIONS.map(({ name, summary, docUrl, input, readOnly }) => ({ name, summary, docUrl, input, readOnly })),
    serviceOperations: SERVICE_OPERATIONS.map(({ service, name, summary, docUrl, input }) => ({ service, name, summary, docUrl, input, readOnly: isServiceRead(name) })),
    callService(region, principal, service, operation, input) {
      const def = findServiceOperation(service, operation);
      if (!def) {
        const error = new ServiceError('InvalidAction', `The action ${operation} is not valid for ${service} in the sandbox.`);
        return { ok: false, error: { code: error.code, message: error.message }, requestId: '' };
      }
      return dispatchService(core, region, principal, def, input);
    },
    get audit() {
      return core.audit;
    },
    get metrics() {
      return core.metrics;
    },
    get events() {
      return core.events;
    },
    call: (region: string, principal: Principal, operation: string, input: unknown, origin?: CallOrigin) =>
      dispatch(core, region, principal, operation, input, origin) as never,
    advanceClock: (ms) => core.clock.advance(ms),
    hsm: {
      fail: (region, which) => core.region(region).fleet.fail(which),
      recover: (region, which) => core.region(region).fleet.recover(which),
      status: (region) =>
        (region === undefined ? [...core.regions.values()] : [core.region(region)]).map((r) => ({ region: r.name, ...r.fleet.status, regionDown: r.fleet.down })),
    },
    reset() {
      // A fresh simulator: no keys, empty streams, the clock back at the start (or now).
      core = new SimCore({ ...options, clock: undefined });
      for (const listener of resetListeners) listener();
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
    offTrail: (run) => core.offTrail(run),
    keys(region) {
      const regions = region === undefined ? [...core.regions.values()] : [core.region(region)];
      return regions.flatMap((r) =>
        [...r.keys.values()].map((k) => ({
          keyId: k.keyId,
          arn: k.arn,
          region: r.name,
          state: k.state,
          description: k.description,
          keySpec: k.keySpec,
          keyUsage: k.keyUsage,
          keyManager: k.keyManager,
          creationDate: k.creationDate,
          deletionDate: k.deletion?.deletionDate,
          aliases: r.aliasesOf(k.keyId).map((a) => a.aliasName),
          keyMaterialIds: r.hsm.keyMaterialIds(k.keyId),
          currentKeyMaterialId: r.hsm.currentKeyMaterialId(k.keyId),
          origin: k.origin,
          materials: k.materials.map((m) => ({
            keyMaterialId: m.keyMaterialId,
            state: m.state,
            rotationDate: m.rotationDate,
            rotationType: m.rotationType,
            importState: m.importState,
            validTo: m.validTo,
          })),
          rotation: k.rotationEnabled ? { periodDays: k.rotationPeriodDays, nextRotationDate: k.nextRotationDate } : undefined,
          onDemandRotations: k.onDemandRotations,
          multiRegion: k.multiRegionSet && {
            type: k.multiRegionSet.isPrimary(r.name) ? ('PRIMARY' as const) : ('REPLICA' as const),
            primaryRegion: k.multiRegionSet.primaryRegion,
            replicaRegions: k.multiRegionSet.replicaRegions,
          },
        })),
      );
    },
  };
  return sandbox;
}
