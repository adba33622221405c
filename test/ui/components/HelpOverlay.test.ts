import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpOverlay } from '../../../src/ui/components/HelpOverlay.js';
import { KEYMAP, PANE_TITLES } from '../../../src/ui/keymap.js';
import { cleanupUi, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

describe('HelpOverlay', () => {
  it('lists every binding of KEYMAP with its keys, under a heading per scope', async () => {
    const ui = await renderUi(h(HelpOverlay, { width: 140, height: 40 }), { columns: 140, rows: 41 });
    const frame = ui.frame();
    expect(frame).toContain('Key bindings');
    for (const binding of KEYMAP) expect(frame).toMatch(new RegExp(`${escape(binding.keys)}\\s+${escape(binding.does)}`));
    for (const heading of ['Everywhere', 'Console input (while typing)', ...Object.values(PANE_TITLES)]) expect(frame).toContain(heading);
    expect(frame).toContain('Esc closes this help.');
  });

  it('shows only as many lines as fit its height, and scrolls to the rest', async () => {
    const ui = await renderUi(h(HelpOverlay, { width: 140, height: 10 }), { columns: 140, rows: 12 });
    const lines = ui.frame().split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(10);
    expect(ui.frame()).not.toContain('Esc closes this help.');
    expect(ui.frame()).toMatch(/Key bindings \(1–7 of \d+; ↑\/↓ PgUp\/PgDn scroll, Esc close\)/);
    await ui.press('down');
    await ui.waitFor((f) => /Key bindings \(2–8 of/.test(f));
    for (let i = 0; i < 20; i += 1) await ui.press('pagedown');
    const last = await ui.waitFor((f) => f.includes('Esc closes this help.'));
    expect(last).toContain(`${KEYMAP.at(-1)?.does}`);
    await ui.press('pageup');
    await ui.waitFor((f) => !f.includes('Esc closes this help.'));
  });

  it('puts each description under its keys in a narrow terminal (80 columns), so neither is cut', async () => {
    const ui = await renderUi(h(HelpOverlay, { width: 80, height: 300 }), { columns: 80, rows: 301 });
    const frame = ui.frame();
    for (const binding of KEYMAP) {
      expect(frame).toContain(`  ${binding.keys}`);
      if (binding.does.length <= 70) expect(frame).toContain(`      ${binding.does}`);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
