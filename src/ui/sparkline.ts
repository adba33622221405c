const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of values, one bar character each, scaled to the largest value (blank for zero). */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  return values
    .map((v) => {
      if (v <= 0 || max <= 0) return ' ';
      const index = Math.min(BARS.length - 1, Math.ceil((v / max) * BARS.length) - 1);
      return BARS.charAt(index);
    })
    .join('');
}

/** Counts timestamps (ms) into `buckets` equal periods that end at `endMs`. */
export function bucketCounts(timestampsMs: Iterable<number>, endMs: number, periodMs: number, buckets: number): number[] {
  return addToBuckets(new Array<number>(buckets).fill(0), timestampsMs, endMs, periodMs);
}

/** Adds timestamps (ms) to counts made by `bucketCounts` with the same end and period. */
export function addToBuckets(counts: number[], timestampsMs: Iterable<number>, endMs: number, periodMs: number): number[] {
  const buckets = counts.length;
  const start = endMs - periodMs * buckets;
  for (const t of timestampsMs) {
    if (t < start || t > endMs) continue;
    const index = Math.min(buckets - 1, Math.floor((t - start) / periodMs));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}
