import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { MetricsPane } from '../../../src/ui/panes/MetricsPane.js';
import { cleanupUi, findPane, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

const REGION = 'us-east-1';

describe('MetricsPane', () => {
  it('says what it will show before any call', async () => {
    const sandbox = createSandbox();
    const ui = await renderUi(h(MetricsPane, { sandbox, version: 0, focused: false, width: 80, height: 10 }), { columns: 80, rows: 12 });
    expect(findPane(ui.frame(), 'Metrics')?.text).toContain('Calls, errors and throttles per operation appear here.');
  });

  it('draws calls per operation as sparklines over virtual time, with errors and throttles', async () => {
    const sandbox = createSandbox({ quotas: { overrides: { 'symmetric-cryptographic': 1 } }, start: new Date('2026-03-01T09:00:00Z') });
    for (let i = 0; i < 3; i += 1) sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: 'alias/none' });
    sandbox.advanceClock(3_600_000);
    const random = [1, 2, 3].map(() => sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 }));
    const throttled = random.filter((o) => !o.ok).length;
    expect(throttled).toBeGreaterThan(0);
    const ui = await renderUi(h(MetricsPane, { sandbox, version: 0, focused: false, width: 80, height: 10 }), { columns: 80, rows: 12 });
    const pane = findPane(ui.frame(), 'Metrics');
    expect(pane?.top).toContain('of virtual time');
    const describe = pane?.lines.find((l) => l.startsWith('DescribeKey')) ?? '';
    const generate = pane?.lines.find((l) => l.startsWith('GenerateRandom')) ?? '';
    expect(describe).toMatch(/\s3 calls 3 err/);
    expect(generate).toMatch(new RegExp(`\\s3 calls ${throttled} throttled`));
    // DescribeKey was an hour earlier: its bar is on the left, GenerateRandom's on the right.
    const bars = (line: string) => line.slice(22).search(/[▁▂▃▄▅▆▇█]/);
    expect(bars(describe)).toBeLessThan(bars(generate));
  });
});
