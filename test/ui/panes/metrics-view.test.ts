import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { MetricsView } from '../../../src/ui/panes/metrics-view.js';
import { bucketCounts } from '../../../src/ui/sparkline.js';

const REGION = 'us-east-1';
const START = new Date('2026-03-01T09:00:00Z');

describe('MetricsView', () => {
  it('counts calls and errors per operation, most called first, at their virtual times', () => {
    const sandbox = createSandbox({ quotas: { enforce: false }, start: START });
    const key = sandbox.call(REGION, sandbox.admin, 'CreateKey', {});
    const keyId = key.ok ? key.output.KeyMetadata.KeyId : '';
    sandbox.advanceClock(60_000);
    for (let i = 0; i < 3; i += 1) sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: keyId });
    sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/missing' });

    const view = new MetricsView();
    view.update(sandbox.metrics.items);
    expect(view.operations.map((s) => [s.operation, s.calls.length, s.errors.length])).toEqual([
      ['DescribeKey', 4, 1],
      ['CreateKey', 1, 0],
    ]);
    expect(view.operations[0]?.calls).toEqual([1, 2, 3, 4].map(() => START.getTime() + 60_000));
    expect(view.firstCallMs).toBe(START.getTime());
  });

  it('counts throttled calls', () => {
    const sandbox = createSandbox({ quotas: { overrides: { 'symmetric-cryptographic': 1 } } });
    const outcomes = [1, 2, 3].map(() => sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 }));
    const throttled = outcomes.filter((o) => !o.ok && o.error.code === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThan(0);
    const view = new MetricsView();
    view.update(sandbox.metrics.items);
    const series = view.operations.find((s) => s.operation === 'GenerateRandom');
    expect(series?.throttles).toBe(throttled);
    expect(series?.calls).toHaveLength(3);
  });

  it('reads only what was appended since the last update', () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    const view = new MetricsView();
    sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    view.update(sandbox.metrics.items);
    view.update(sandbox.metrics.items); // nothing new: nothing counted twice
    sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    view.update(sandbox.metrics.items);
    expect(view.operations.map((s) => s.calls.length)).toEqual([2]);
  });

  it('counts calls into buckets as bucketCounts does, adding new calls to the same window and counting again when it moves', () => {
    const sandbox = createSandbox({ quotas: { enforce: false }, start: START });
    const view = new MetricsView();
    const random = () => sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    const check = (period: number, buckets: number) => {
      view.update(sandbox.metrics.items);
      const series = view.operations[0];
      if (!series) throw new Error('no series');
      const now = sandbox.clock.nowMs;
      expect(view.callCounts(series, now, period, buckets)).toEqual(bucketCounts(series.calls, now, period, buckets));
    };
    random();
    sandbox.advanceClock(90_000);
    random();
    check(60_000, 4);
    random(); // the same window: added to the counts
    random();
    check(60_000, 4);
    sandbox.advanceClock(60_000); // the window moves: counted again
    random();
    check(60_000, 4);
    check(30_000, 8); // other buckets
  });

  it('starts over after a reset (a new stream)', () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    const view = new MetricsView();
    sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    view.update(sandbox.metrics.items);
    sandbox.reset();
    view.update(sandbox.metrics.items);
    expect(view.operations).toEqual([]);
    expect(view.firstCallMs).toBeUndefined();
  });
});
