import { EventStream } from '../../lib/event-stream.js';

/** A CloudWatch dimension. */
export interface MetricDimension {
  readonly Name: string;
  readonly Value: string;
}

/**
 * A CloudWatch-shaped datapoint (`MetricDatum`), with its Namespace and Region.
 * Per-call counts use AWS's own usage metric (`AWS/Usage` `CallCount`, dimensions Service,
 * Type, Resource, Class); errors, throttles, latency and per-key calls have no AWS metric.
 */
export interface MetricDatum {
  readonly Namespace: 'AWS/Usage' | 'AWS/KMS' | 'KmsSandbox';
  readonly MetricName: string;
  readonly Dimensions: readonly MetricDimension[];
  readonly Timestamp: string;
  readonly Value: number;
  readonly Unit: 'Count' | 'Microseconds' | 'Seconds';
  readonly Region: string;
}

/** What the dispatcher knows about one finished call. */
export interface CallSample {
  readonly operation: string;
  readonly region: string;
  readonly timestamp: string;
  readonly keyId: string | undefined;
  readonly errorCode: string | undefined;
  readonly latencyMs: number;
}

/** A statistic over one period, as CloudWatch's GetMetricStatistics returns it. */
export interface MetricStatistic {
  readonly Timestamp: string;
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

/**
 * The metrics stream: CloudWatch-shaped datapoints, appended as calls finish.
 * Fidelity: `KmsSandbox` metrics (ErrorCount, ThrottleCount, Latency, KeyCallCount) are the
 * sandbox's own teaching aids; AWS/KMS publishes no per-call error metrics.
 * https://docs.aws.amazon.com/kms/latest/developerguide/monitoring-cloudwatch.html
 */
export class Metrics extends EventStream<MetricDatum> {
  // Dimension lists are immutable and shared between datapoints: one per operation (and key).
  readonly #usageDimensions = new Map<string, readonly MetricDimension[]>();
  readonly #operationDimensions = new Map<string, readonly MetricDimension[]>();
  // The CallCount and KeyCallCount datums of one operation (and key) are alike for every call at
  // one virtual time in one Region, and the virtual clock stands still between advances: calls
  // in a row share one frozen datum rather than each adding (and the stream keeping) its own.
  readonly #lastCallCount = new Map<string, MetricDatum>();
  readonly #keyCalls = new Map<string, Map<string, KeyCalls>>();

  /** Appends the datapoints for one call. */
  recordCall(sample: CallSample): void {
    const { operation, region, timestamp: Timestamp } = sample;
    let callCount = this.#lastCallCount.get(operation);
    if (callCount === undefined || callCount.Timestamp !== Timestamp || callCount.Region !== region) {
      callCount = Object.freeze<MetricDatum>({
        Namespace: 'AWS/Usage',
        MetricName: 'CallCount',
        Dimensions: this.#usage(operation),
        Timestamp,
        Value: 1,
        Unit: 'Count',
        Region: region,
      });
      this.#lastCallCount.set(operation, callCount);
    }
    this.append(callCount);
    // Whole microseconds (a CloudWatch unit): an integer is stored in the datum itself, where a
    // fraction of a millisecond would be one more object per call for the stream to keep.
    this.append(sandboxDatum('Latency', this.#operation(operation), Timestamp, Math.round(sample.latencyMs * 1000), 'Microseconds', region));
    if (sample.keyId) this.append(this.#keyCallCount(operation, sample.keyId, Timestamp, region));
    if (sample.errorCode === 'ThrottlingException')
      this.append(sandboxDatum('ThrottleCount', this.#operation(operation), Timestamp, 1, 'Count', region));
    else if (sample.errorCode)
      this.append(sandboxDatum('ErrorCount', [op(operation), { Name: 'ErrorCode', Value: sample.errorCode }], Timestamp, 1, 'Count', region));
  }

  #usage(operation: string): readonly MetricDimension[] {
    return memo(this.#usageDimensions, operation, () =>
      Object.freeze([
        { Name: 'Service', Value: 'KMS' },
        { Name: 'Type', Value: 'API' },
        { Name: 'Resource', Value: operation },
        { Name: 'Class', Value: 'None' },
      ]),
    );
  }

  #operation(operation: string): readonly MetricDimension[] {
    return memo(this.#operationDimensions, operation, () => Object.freeze([op(operation)]));
  }

  #keyCallCount(operation: string, keyId: string, Timestamp: string, Region: string): MetricDatum {
    let byKey = this.#keyCalls.get(operation);
    if (!byKey) this.#keyCalls.set(operation, (byKey = new Map()));
    let calls = byKey.get(keyId);
    if (!calls) byKey.set(keyId, (calls = { dimensions: Object.freeze([op(operation), { Name: 'KeyId', Value: keyId }]), last: undefined }));
    const { last } = calls;
    if (last !== undefined && last.Timestamp === Timestamp && last.Region === Region) return last;
    return (calls.last = Object.freeze(sandboxDatum('KeyCallCount', calls.dimensions, Timestamp, 1, 'Count', Region)));
  }

  /**
   * Aggregates one metric into periods, as GetMetricStatistics does. A datum matches when it
   * has every dimension in `dimensions` (it may have more).
   */
  statistics(query: {
    metricName: string;
    dimensions?: readonly MetricDimension[];
    region?: string;
    periodMs: number;
  }): MetricStatistic[] {
    const buckets = new Map<number, { n: number; sum: number; min: number; max: number }>();
    for (const d of this.items) {
      if (d.MetricName !== query.metricName) continue;
      if (query.region && d.Region !== query.region) continue;
      if (query.dimensions && !query.dimensions.every((q) => d.Dimensions.some((x) => x.Name === q.Name && x.Value === q.Value)))
        continue;
      const start = Math.floor(Date.parse(d.Timestamp) / query.periodMs) * query.periodMs;
      const b = buckets.get(start) ?? { n: 0, sum: 0, min: Infinity, max: -Infinity };
      b.n += 1;
      b.sum += d.Value;
      b.min = Math.min(b.min, d.Value);
      b.max = Math.max(b.max, d.Value);
      buckets.set(start, b);
    }
    return [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([start, b]) => ({ Timestamp: new Date(start).toISOString(), SampleCount: b.n, Sum: b.sum, Minimum: b.min, Maximum: b.max }));
  }
}

/** The dimensions of one operation's KeyCallCount for one key, and its latest datum. */
interface KeyCalls {
  readonly dimensions: readonly MetricDimension[];
  last: MetricDatum | undefined;
}

function memo<T>(cache: Map<string, T>, id: string, make: () => T): T {
  let value = cache.get(id);
  if (value === undefined) cache.set(id, (value = make()));
  return value;
}

function op(operation: string): MetricDimension {
  return { Name: 'Operation', Value: operation };
}

function sandboxDatum(
  MetricName: string,
  Dimensions: readonly MetricDimension[],
  Timestamp: string,
  Value: number,
  Unit: MetricDatum['Unit'],
  Region: string,
): MetricDatum {
  return { Namespace: 'KmsSandbox', MetricName, Dimensions, Timestamp, Value, Unit, Region };
}
