import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { GuidePane } from '../../../src/ui/panes/GuidePane.js';
import { cleanupUi, findPane, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

const STEPS = Array.from({ length: 30 }, (_, i) => `Step number ${i + 1}.`).join('\n\n');
const MARKDOWN = `# The tour\n\n${STEPS}\n`;

async function openGuide(focused: boolean) {
  const ui = await renderUi(h(GuidePane, { markdown: MARKDOWN, focused, width: 50, height: 10 }), { columns: 50, rows: 12 });
  await ui.waitFor('The tour');
  return ui;
}

describe('GuidePane', () => {
  it('renders the Markdown and says which lines it shows', async () => {
    const ui = await openGuide(true);
    const pane = findPane(ui.frame(), 'Guide');
    expect(pane?.text).toContain('The tour');
    expect(pane?.text).not.toContain('#');
    expect(pane?.top).toMatch(/ 1–8\/\d+ ╗$/);
  });

  it('scrolls with ↓ and PageDown, and back with ↑ and PageUp, when focused', async () => {
    const ui = await openGuide(true);
    await ui.press('down');
    expect(findPane(ui.frame(), 'Guide')?.top).toMatch(/ 2–9\//);
    await ui.press('pagedown');
    expect(findPane(ui.frame(), 'Guide')?.top).toMatch(/ 10–17\//);
    expect(findPane(ui.frame(), 'Guide')?.text).not.toContain('The tour');
    await ui.press('pageup');
    await ui.press('up');
    expect(findPane(ui.frame(), 'Guide')?.top).toMatch(/ 1–8\//);
  });

  it('stops at the end of the text', async () => {
    const ui = await openGuide(true);
    for (let i = 0; i < 20; i += 1) await ui.press('pagedown');
    const top = findPane(ui.frame(), 'Guide')?.top ?? '';
    const [, last, total] = /–(\d+)\/(\d+)/.exec(top) ?? [];
    expect(last).toBe(total);
    expect(findPane(ui.frame(), 'Guide')?.text).toContain('Step number 30.');
  });

  it('ignores the keys when not focused', async () => {
    const ui = await openGuide(false);
    await ui.press('pagedown');
    expect(findPane(ui.frame(), 'Guide')?.top).toMatch(/ 1–8\//);
  });
});
