import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sim/index.js';
import { createTestKey, DAY_MS, REGION } from '../helpers/sim.js';

describe('sandbox.reset', () => {
  it('replaces keys, streams and clock with fresh ones and tells its listeners', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const sandbox = createSandbox({ start, quotas: { enforce: false } });
    createTestKey(sandbox);
    sandbox.advanceClock(3 * DAY_MS);
    const oldAudit = sandbox.audit;
    let heard = 0;
    sandbox.onReset(() => (heard += 1));

    sandbox.reset();

    expect(heard).toBe(1);
    expect(sandbox.keys()).toEqual([]);
    expect(sandbox.audit.size).toBe(0);
    expect(sandbox.audit).not.toBe(oldAudit);
    expect(oldAudit.size).toBe(1); // the old stream is left as it was
    expect(sandbox.clock.now()).toEqual(start);
    const listed = sandbox.call(REGION, sandbox.admin, 'ListKeys', {});
    expect(listed.ok && listed.output.Keys).toEqual([]);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const sandbox = createSandbox();
    let heard = 0;
    const off = sandbox.onReset(() => (heard += 1));
    off();
    sandbox.reset();
    expect(heard).toBe(0);
  });
});
