import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { RecordOverlay } from '../../../src/ui/components/RecordOverlay.js';
import { cleanupUi, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

describe('RecordOverlay', () => {
  it('shows the record as JSON and scrolls it with ↓ and PageDown', async () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    sandbox.call('us-east-1', sandbox.admin, 'CreateKey', { Description: 'shown' });
    const record = sandbox.audit.items[0];
    if (!record) throw new Error('no audit record');
    const json = JSON.stringify(record, null, 2).split('\n');
    const ui = await renderUi(h(RecordOverlay, { record, width: 100, height: 12 }), { columns: 100, rows: 12 });
    const body = () => ui.frame().split('\n').slice(2, 11).map((l) => l.slice(2, -1).trimEnd());
    expect(ui.frame()).toContain(`CreateKey · ${record.eventTime} · us-east-1`);
    expect(body()).toEqual(json.slice(0, 9).map((l) => l.slice(0, 96).trimEnd()));
    await ui.press('down');
    expect(body()[0]).toBe(json[1]?.trimEnd());
    await ui.press('pagedown');
    expect(body()[0]).toBe(json[10]?.trimEnd());
    for (let i = 0; i < 20; i += 1) await ui.press('pagedown');
    expect(body().at(-1)).toBe('}'); // the end of the record, and no further
  });
});
