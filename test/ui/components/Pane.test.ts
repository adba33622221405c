import { Text, useInput } from 'ink';
import { createElement as h, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Pane } from '../../../src/ui/components/Pane.js';
import { cleanupUi, findPane, renderUi } from '../../helpers/render.js';

const ROWS = ['first row', 'second row', 'third row', 'fourth row'];

/** A pane whose focus the space bar toggles, as Tab does on the sandbox screen. */
function Toggling(props: { focused: boolean }) {
  const [focused, setFocused] = useState(props.focused);
  useInput((input) => {
    if (input === ' ') setFocused((f) => !f);
  });
  return h(Pane, { title: 'Demo', note: 'a note', focused, width: 30, height: 7, children: ROWS.map((row) => h(Text, { key: row }, row)) });
}

afterEach(cleanupUi);

describe('Pane', () => {
  it('draws its title and note in a single top border when not focused', async () => {
    const ui = await renderUi(h(Toggling, { focused: false }), { columns: 40, rows: 10 });
    const pane = findPane(ui.frame(), 'Demo');
    expect(pane?.top).toMatch(/^┌─ Demo ─+ a note ┐$/);
    expect(ui.frame()).toContain('└────');
    expect(pane?.lines.slice(0, 4).map((l) => l.trim())).toEqual(ROWS);
  });

  it('doubles the border of the focused pane', async () => {
    const ui = await renderUi(h(Toggling, { focused: true }), { columns: 40, rows: 10 });
    expect(findPane(ui.frame(), 'Demo')?.top).toMatch(/^╔═ Demo ═+ a note ╗$/);
    expect(ui.frame()).toContain('╚════');
  });

  it('keeps its content in place when focus comes and goes', async () => {
    const ui = await renderUi(h(Toggling, { focused: false }), { columns: 40, rows: 10 });
    for (const border of ['╔═ Demo', '┌─ Demo', '╔═ Demo']) {
      await ui.press(' ');
      const pane = findPane(await ui.waitFor(border), 'Demo');
      expect(pane?.lines.slice(0, 4).map((l) => l.trim())).toEqual(ROWS);
    }
  });

  it('is exactly as tall and wide as it is told', async () => {
    const ui = await renderUi(h(Toggling, { focused: false }), { columns: 40, rows: 10 });
    const lines = ui.frame().split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(7);
    expect(lines.every((l) => Array.from(l.trimEnd()).length === 30)).toBe(true);
  });
});
