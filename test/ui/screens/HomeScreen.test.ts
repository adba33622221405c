import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_ENTRIES, HomeScreen, type HomeEntry } from '../../../src/ui/screens/HomeScreen.js';
import { cleanupUi, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

async function openHome() {
  const opened: HomeEntry['id'][] = [];
  const ui = await renderUi(h(HomeScreen, { onOpen: (id) => opened.push(id) }), { columns: 100, rows: 24 });
  await ui.waitFor('Free sandbox');
  return { ui, opened };
}

/** The menu line of an entry. */
function entryLine(frame: string, title: string): string {
  return frame.split('\n').find((l) => l.includes(` ${title} `)) ?? '';
}

describe('HomeScreen', () => {
  it('lists Lessons, Scenarios and Exam as not available yet, and the free sandbox as ready', async () => {
    const { ui } = await openHome();
    const frame = ui.frame();
    for (const title of ['Lessons', 'Scenarios', 'Exam']) expect(entryLine(frame, title)).toContain('(not available yet)');
    expect(entryLine(frame, 'Free sandbox')).not.toContain('not available');
    const order = ['Lessons', 'Scenarios', 'Exam', 'Free sandbox'].map((t) => frame.indexOf(` ${t} `));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('starts on the free sandbox, the one ready entry', async () => {
    const { ui } = await openHome();
    expect(entryLine(ui.frame(), 'Free sandbox').trimStart()).toMatch(/^› Free sandbox/);
  });

  it('opens the free sandbox with Enter', async () => {
    const { ui, opened } = await openHome();
    await ui.press('enter');
    expect(opened).toEqual(['sandbox']);
  });

  it.each(HOME_ENTRIES.filter((e) => !e.ready).map((e, i, all) => [e.title, all.length - i] as const))(
    'says %s is not available yet on Enter, and opens nothing',
    async (title, ups) => {
      const { ui, opened } = await openHome();
      for (let i = 0; i < ups; i += 1) await ui.press('up');
      expect(entryLine(ui.frame(), title).trimStart()).toMatch(new RegExp(`^› ${title}`));
      await ui.press('enter');
      const frame = await ui.waitFor('not available yet:');
      expect(frame).toContain(`${title} ${title === 'Exam' ? 'is' : 'are'} not available yet: ${title === 'Exam' ? 'it is' : 'they are'} still to be built.`);
      expect(frame).toContain('The free sandbox is ready.');
      expect(opened).toEqual([]);
    },
  );

  it('stops at the ends of the menu', async () => {
    const { ui } = await openHome();
    await ui.press('down');
    expect(entryLine(ui.frame(), 'Free sandbox').trimStart()).toMatch(/^› /);
    for (let i = 0; i < 6; i += 1) await ui.press('up');
    expect(entryLine(ui.frame(), 'Lessons').trimStart()).toMatch(/^› /);
  });

  it('quits with q', async () => {
    const { ui } = await openHome();
    await ui.press('q');
    expect(ui.isListening()).toBe(false);
  });
});
