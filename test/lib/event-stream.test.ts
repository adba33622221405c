import { describe, expect, it } from 'vitest';
import { EventStream } from '../../src/lib/event-stream.js';
import { createSandbox } from '../../src/sim/index.js';

const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('EventStream', () => {
  it('keeps everything without a limit', () => {
    const stream = new EventStream<number>();
    for (const n of numbers(1, 5000)) stream.append(n);
    expect(stream.size).toBe(5000);
    expect(stream.forgotten).toBe(0);
    expect(stream.items[0]).toBe(1);
  });

  it('keeps at least the newest `limit` items, forgetting the oldest a tenth of the limit at a time', () => {
    const stream = new EventStream<number>({ limit: 100 });
    const heard: number[] = [];
    stream.subscribe((n) => heard.push(n));
    for (const n of numbers(1, 110)) stream.append(n);
    expect(stream.size).toBe(110);
    const before = stream.items;
    stream.append(111);
    expect(stream.items).toEqual(numbers(12, 111));
    expect(stream.forgotten).toBe(11);
    expect(stream.items).not.toBe(before);
    for (const n of numbers(112, 1000)) stream.append(n);
    expect(stream.size).toBeGreaterThanOrEqual(100);
    expect(stream.size).toBeLessThanOrEqual(110);
    expect(stream.items.at(-1)).toBe(1000);
    expect(stream.forgotten + stream.size).toBe(1000);
    expect(stream.appended).toBe(1000);
    // Listeners hear every item, forgotten or not.
    expect(heard).toEqual(numbers(1, 1000));
  });

  it('gives the items appended since a count, across forgetting', () => {
    const stream = new EventStream<number>({ limit: 10 });
    for (const n of numbers(1, 10)) stream.append(n);
    const mark = stream.appended;
    for (const n of numbers(11, 13)) stream.append(n);
    expect(stream.forgotten).toBeGreaterThan(0);
    expect(stream.since(mark)).toEqual([11, 12, 13]);
    // Items appended since a mark that were themselves forgotten are gone: the kept ones remain.
    expect(stream.since(0)).toEqual(stream.items);
  });

  it('refuses a limit under 10', () => {
    expect(() => new EventStream<number>({ limit: 9 })).toThrow(/at least 10 items; got a limit of 9/);
    expect(() => new EventStream<number>({ limit: Number.NaN })).toThrow(/at least 10 items/);
  });
});

describe('a sandbox with keepAuditRecords', () => {
  it('keeps the newest records of a long run and bounds metrics too', () => {
    const sandbox = createSandbox({ quotas: { enforce: false }, keepAuditRecords: 50 });
    for (let i = 0; i < 500; i += 1) sandbox.call('us-east-1', sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 + (i % 32) });
    expect(sandbox.audit.size).toBeLessThanOrEqual(55);
    expect(sandbox.audit.forgotten + sandbox.audit.size).toBe(500);
    expect(sandbox.audit.items.at(-1)?.requestParameters).toEqual({ numberOfBytes: 1 + (499 % 32) });
    expect(sandbox.metrics.size).toBeLessThanOrEqual(220);
    expect(sandbox.metrics.forgotten).toBeGreaterThan(0);
  });

  it('forgets nothing of a short run by default (it keeps 500,000 records)', () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    for (let i = 0; i < 1000; i += 1) sandbox.call('us-east-1', sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
    expect(sandbox.audit.size).toBe(1000);
    expect(sandbox.audit.forgotten).toBe(0);
  });
});
