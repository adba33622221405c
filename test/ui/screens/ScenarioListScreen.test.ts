import { fileURLToPath } from 'node:url';
import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, type Scenario } from '../../../src/engine/scenarios/index.js';
import { createSandbox } from '../../../src/sim/index.js';
import { App } from '../../../src/ui/App.js';
import { cleanupUi, findPane, paneText, renderUi, statusBar } from '../../helpers/render.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/scenarios/01-tiny-tour.yaml', import.meta.url));

function scenarios(): Scenario[] {
  const tiny = loadScenarioFile(FIXTURE).scenario;
  if (!tiny) throw new Error('the fixture did not load');
  return [tiny, { ...tiny, id: 'tiny-again', title: 'The same tour, once more' }];
}

afterEach(cleanupUi);

/** The menu line of an entry. */
function entryLine(frame: string, title: string): string {
  return frame.split('\n').find((l) => l.includes(` ${title} `)) ?? '';
}

async function openApp(start: 'home' | 'scenario', scenario?: Scenario) {
  const sandbox = createSandbox({ quotas: { enforce: false } });
  const ui = await renderUi(h(App, { sandbox, start, color: false, scenarios: scenarios(), ...(scenario ? { scenario } : {}) }), { columns: 120, rows: 40 });
  await ui.waitFor((f) => f.trim() !== '');
  return ui;
}

describe('Scenarios in the TUI', () => {
  it('makes the home screen’s Scenarios entry ready, lists ids and titles, opens one on step 1 and goes back with Esc', async () => {
    const ui = await openApp('home');
    const home = ui.frame();
    expect(entryLine(home, 'Scenarios')).not.toContain('not available');
    expect(entryLine(home, 'Scenarios')).toContain('(2)');
    for (const title of ['Lessons', 'Exam']) expect(entryLine(home, title)).toContain('(not available yet)');

    await ui.press('up');
    await ui.press('up');
    await ui.press('enter');
    let frame = await ui.waitFor('tiny-again');
    expect(frame).toMatch(/› tiny-tour\s+A tiny tour for the TUI tests/);
    expect(frame).toMatch(/tiny-again\s+The same tour, once more/);
    expect(frame).toContain('A key is made, used, disabled, and refused.');

    await ui.press('down');
    await ui.press('enter');
    frame = await ui.waitFor((f) => paneText(f, 'Guide').includes('Step 1 of 5'));
    expect(statusBar(frame)).toContain('tiny-again 1/5');

    await ui.press('escape');
    frame = await ui.waitFor((f) => findPane(f, 'Guide') === undefined && f.includes('tiny-again'));
    await ui.press('escape');
    await ui.waitFor('Free sandbox');
  });

  it('opens a scenario directly (kms-sandbox scenario ID), and the list without one', async () => {
    const [tiny] = scenarios();
    const ui = await openApp('scenario', tiny);
    await ui.press('right');
    await ui.press('right');
    const frame = await ui.waitFor((f) => paneText(f, 'Guide').includes('Step 3 of 5') && /Encrypt/.test(paneText(f, 'Audit')));
    expect(statusBar(frame)).toContain('tiny-tour 3/5');
    cleanupUi();

    const list = await openApp('scenario');
    expect(list.frame()).toContain('Scenarios');
    expect(list.frame()).toMatch(/› tiny-tour/);
  });
});
