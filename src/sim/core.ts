import { randomUUID } from 'node:crypto';
import { EventStream } from '../lib/event-stream.js';
import { RequestQuotas, type QuotaOptions } from './access/request-quotas.js';
import { VirtualClock } from './clock.js';
import { KmsError } from './errors.js';
import { recordMaterialExpiryMetrics } from './keys/imported-material.js';
import type { KmsKey } from './keys/kms-key.js';
import { REGION_CATALOG } from './regions/catalog.js';
import type { MultiRegionKeySet } from './regions/multi-region.js';
import { RegionState } from './regions/region-state.js';
import { cloudTrailTime, type AuditRecord } from './telemetry/audit-record.js';
import { kmsEvent, type KmsEvent, type KmsEventDetailType } from './telemetry/kms-event.js';
import { Metrics } from './telemetry/metrics.js';

/** Options for a new sandbox. */
export interface SandboxOptions {
  /** The clock to use; by default one that starts at `start` or the real date. */
  readonly clock?: VirtualClock;
  readonly start?: Date;
  /** The AWS account id; default 111122223333. */
  readonly accountId?: string;
  /** Which catalog Regions to simulate; default all of them. */
  readonly regions?: readonly string[];
  readonly quotas?: QuotaOptions;
  /**
   * How many audit records the sandbox keeps, newest first kept (default 500,000: a few hundred
   * MB). Older records, and metrics and events beyond four times as many, are forgotten, so a
   * long-running endpoint under load does not run out of memory.
   */
  readonly keepAuditRecords?: number;
}

/** The default of `keepAuditRecords`. */
export const KEEP_AUDIT_RECORDS = 500_000;

/** The default account of a sandbox, as in AWS's documentation examples. */
export const DEFAULT_ACCOUNT_ID = '111122223333';

/**
 * The simulator's shared state: the clock, the Regions, the quotas and the three telemetry
 * streams. Operations reach it through their context; everything outside sim/ through the facade.
 */
export class SimCore {
  readonly clock: VirtualClock;
  readonly accountId: string;
  readonly regions = new Map<string, RegionState>();
  readonly audit: EventStream<AuditRecord>;
  readonly metrics: Metrics;
  readonly events: EventStream<KmsEvent>;
  readonly quotas: RequestQuotas;
  /** Multi-Region key sets by key id (`mrk-…`). */
  readonly multiRegionKeys = new Map<string, MultiRegionKeySet>();
  /** While `offTrail` runs: where the records of its calls go instead of the trail. */
  offTrailRecords: AuditRecord[] | undefined;

  constructor(options: SandboxOptions = {}) {
    this.clock = options.clock ?? new VirtualClock(options.start ?? new Date());
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    // Fidelity: CloudTrail's Event history keeps 90 days of management events; the sandbox keeps
    // a number of records instead (its virtual clock can run years in a second).
    const keep = options.keepAuditRecords ?? KEEP_AUDIT_RECORDS;
    this.audit = new EventStream<AuditRecord>({ limit: keep });
    this.metrics = new Metrics({ limit: 4 * keep });
    this.events = new EventStream<KmsEvent>({ limit: 4 * keep });
    const names = options.regions ?? REGION_CATALOG.map((r) => r.name);
    for (const name of names) {
      if (!REGION_CATALOG.some((r) => r.name === name)) throw new Error(`Unknown Region '${name}' in sandbox options`);
      this.regions.set(name, new RegionState(name));
    }
    this.quotas = new RequestQuotas(options.quotas);
    // CloudWatch publishes SecondsUntilKeyMaterialExpiration over time; here, as time moves.
    this.clock.onAdvance(() => recordMaterialExpiryMetrics(this));
  }

  /** The Region's state, or a clear error for a Region the sandbox does not simulate. */
  region(name: string): RegionState {
    const region = this.regions.get(name);
    if (region) return region;
    // Fidelity: AWS has no endpoint for an unknown Region (the request never arrives);
    // the sandbox answers with an explicit error instead.
    throw new KmsError(
      'UnrecognizedClientException',
      `The Region '${name}' is not one the sandbox simulates. Known Regions: ${[...this.regions.keys()].join(', ')}.`,
    );
  }

  /**
   * Appends a call's record to the trail, or, inside `offTrail`, keeps it aside. Returns whether it
   * went to the trail (a call's metrics are recorded only then).
   */
  appendToTrail(record: AuditRecord): boolean {
    if (this.offTrailRecords) {
      this.offTrailRecords.push(record);
      return false;
    }
    this.audit.append(record);
    return true;
  }

  /**
   * Runs `run` with its calls answered as usual, but their records handed back instead of added
   * to the trail, and no metrics: a grader's checks are not the learner's calls.
   */
  offTrail<T>(run: () => T): { readonly value: T; readonly records: readonly AuditRecord[] } {
    const outer = this.offTrailRecords;
    const records: AuditRecord[] = [];
    this.offTrailRecords = records;
    try {
      return { value: run(), records };
    } finally {
      this.offTrailRecords = outer;
      outer?.push(...records);
    }
  }

  /** Emits an EventBridge event about a key. */
  emitEvent(detailType: KmsEventDetailType, key: KmsKey, detail: Readonly<Record<string, string>>): void {
    this.events.append(kmsEvent(detailType, key, this.clock.now(), detail));
  }

  /**
   * Appends a CloudTrail record of an operation KMS performs itself (`DeleteKey`, `RotateKey`,
   * `DeleteExpiredKeyMaterial`), as `AwsServiceEvent` records invoked by kms.amazonaws.com.
   */
  recordServiceEvent(eventName: string, key: KmsKey, additionalEventData?: Record<string, unknown>): void {
    this.audit.append({
      eventVersion: '1.11',
      userIdentity: { type: 'AWSService', principalId: 'kms.amazonaws.com', arn: '', accountId: key.accountId, invokedBy: 'kms.amazonaws.com' },
      eventTime: cloudTrailTime(this.clock.now()),
      eventSource: 'kms.amazonaws.com',
      eventName,
      awsRegion: key.region,
      sourceIPAddress: 'kms.amazonaws.com',
      userAgent: 'kms.amazonaws.com',
      requestParameters: null,
      responseElements: null,
      ...(additionalEventData ? { additionalEventData } : {}),
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      resources: [{ accountId: key.accountId, type: 'AWS::KMS::Key', ARN: key.arn }],
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: key.accountId,
      eventCategory: 'Management',
    });
  }
}
