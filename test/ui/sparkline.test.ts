import { describe, expect, it } from 'vitest';
import { bucketCounts, sparkline } from '../../src/ui/sparkline.js';

describe('sparkline', () => {
  it('draws one bar per value, the largest full height and zero blank', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
  });

  it('grows with the value', () => {
    const bars = Array.from(sparkline([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(bars).toEqual(Array.from('▁▂▃▄▅▆▇█'));
  });

  it('is blank when every value is zero', () => {
    expect(sparkline([0, 0, 0])).toBe('   ');
  });

  it('scales to a given maximum, so lines can share a scale', () => {
    expect(sparkline([4], 8)).toBe('▄');
    expect(sparkline([16], 8)).toBe('█');
  });
});

describe('bucketCounts', () => {
  const minute = 60_000;

  it('counts timestamps into equal periods ending at the end time', () => {
    const end = 10 * minute;
    // buckets: [6,7) [7,8) [8,9) [9,10] minutes
    expect(bucketCounts([6 * minute, 6.5 * minute, 8 * minute, 9.9 * minute, 10 * minute], end, minute, 4)).toEqual([2, 0, 1, 2]);
  });

  it('leaves out timestamps before the first period and after the end', () => {
    expect(bucketCounts([0, 5 * minute, 11 * minute], 10 * minute, minute, 4)).toEqual([0, 0, 0, 0]);
  });

  it('reads any iterable', () => {
    function* times() {
      yield 500;
      yield 1500;
    }
    expect(bucketCounts(times(), 2000, 1000, 2)).toEqual([1, 1]);
  });
});
