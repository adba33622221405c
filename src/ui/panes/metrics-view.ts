import type { MetricDatum } from '../../sim/index.js';
import { addToBuckets } from '../sparkline.js';

/** Calls, errors and throttles of one operation, as timestamps (ms of virtual time). */
export interface OperationSeries {
  readonly operation: string;
  readonly calls: number[];
  readonly errors: number[];
  throttles: number;
}

/** Per-operation series read incrementally from the metrics stream. */
export class MetricsView {
  #items: readonly MetricDatum[] = [];
  #read = 0;
  readonly #byOperation = new Map<string, OperationSeries>();
  #first: number | undefined;
  /** Per series, its calls counted into buckets: the window and how many calls it holds. */
  readonly #callCounts = new Map<OperationSeries, { endMs: number; periodMs: number; counted: number; counts: number[] }>();

  /** Reads the datums appended since the last update (all of them after a reset). */
  update(items: readonly MetricDatum[]): void {
    if (items !== this.#items) {
      this.#items = items;
      this.#read = 0;
      this.#byOperation.clear();
      this.#callCounts.clear();
      this.#first = undefined;
    }
    for (; this.#read < items.length; this.#read += 1) {
      const d = items[this.#read];
      if (!d) continue;
      const operation = d.Dimensions.find((x) => x.Name === (d.Namespace === 'AWS/Usage' ? 'Resource' : 'Operation'))?.Value;
      if (!operation) continue;
      const t = Date.parse(d.Timestamp);
      if (d.MetricName === 'CallCount') {
        this.#series(operation).calls.push(t);
        this.#first ??= t;
      } else if (d.MetricName === 'ErrorCount') this.#series(operation).errors.push(t);
      else if (d.MetricName === 'ThrottleCount') this.#series(operation).throttles += 1;
    }
  }

  /** The operations that have been called, most called first. */
  get operations(): OperationSeries[] {
    return [...this.#byOperation.values()].sort((a, b) => b.calls.length - a.calls.length || a.operation.localeCompare(b.operation));
  }

  /**
   * The series' calls counted into `buckets` periods ending at `endMs`, as `bucketCounts` counts
   * them; while the window stays the same (virtual time stands still between advances) only the
   * calls appended since the last count are added: a frame does not walk 100,000 timestamps.
   */
  callCounts(series: OperationSeries, endMs: number, periodMs: number, buckets: number): readonly number[] {
    let cached = this.#callCounts.get(series);
    if (!cached || cached.endMs !== endMs || cached.periodMs !== periodMs || cached.counts.length !== buckets || cached.counted > series.calls.length) {
      cached = { endMs, periodMs, counted: 0, counts: new Array<number>(buckets).fill(0) };
      this.#callCounts.set(series, cached);
    }
    if (cached.counted < series.calls.length) {
      addToBuckets(cached.counts, cached.counted === 0 ? series.calls : series.calls.slice(cached.counted), endMs, periodMs);
      cached.counted = series.calls.length;
    }
    return cached.counts;
  }

  /** The virtual time of the first call, if any. */
  get firstCallMs(): number | undefined {
    return this.#first;
  }

  #series(operation: string): OperationSeries {
    let s = this.#byOperation.get(operation);
    if (!s) this.#byOperation.set(operation, (s = { operation, calls: [], errors: [], throttles: 0 }));
    return s;
  }
}
