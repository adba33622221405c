import { createElement as h } from 'react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../src/sim/index.js';
import { cleanupUi, findPane, renderUi } from '../helpers/render.js';

// Colour must be possible for "off" to mean anything: chalk reads FORCE_COLOR when it loads,
// and the test worker's stdout is not a terminal.
const saved = vi.hoisted(() => {
  const before = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '1';
  return before;
});
afterAll(() => {
  if (saved === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = saved;
});

const { App } = await import('../../src/ui/App.js');

/** A foreground or background colour sequence (resets such as 39 and 49 left out). */
// eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
const COLOUR = /\u001b\[(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]/;

afterEach(cleanupUi);

async function openApp(start: 'home' | 'sandbox', color: boolean) {
  const sandbox = createSandbox({ quotas: { enforce: false }, start: new Date('2026-03-01T09:00:00Z') });
  const ui = await renderUi(h(App, { sandbox, start, color }), { columns: 120, rows: 40 });
  await ui.waitFor((f) => f.trim() !== '');
  return { ui, sandbox };
}

describe('App', () => {
  it('opens on the home screen and goes to the sandbox with Enter', async () => {
    const { ui } = await openApp('home', false);
    expect(ui.frame()).toContain('Free sandbox');
    expect(findPane(ui.frame(), 'Console')).toBeUndefined();
    await ui.press('enter');
    const frame = await ui.waitFor((f) => findPane(f, 'Console') !== undefined);
    expect(findPane(frame, 'Guide')).toBeDefined();
  });

  it('goes back home with Esc once the console input is left', async () => {
    const { ui } = await openApp('home', false);
    await ui.press('enter');
    await ui.waitFor((f) => findPane(f, 'Console') !== undefined);
    await ui.press('escape'); // leaves the input
    expect(findPane(ui.frame(), 'Console')).toBeDefined();
    await ui.press('escape'); // goes back
    await ui.waitFor('Free sandbox');
    expect(findPane(ui.frame(), 'Console')).toBeUndefined();
  });

  it('opens straight on the sandbox screen, where Esc has nowhere to go back to', async () => {
    const { ui } = await openApp('sandbox', false);
    expect(findPane(ui.frame(), 'Console')).toBeDefined();
    await ui.press('escape');
    await ui.press('escape');
    expect(findPane(ui.frame(), 'Console')).toBeDefined();
    expect(ui.isListening()).toBe(true);
  });

  it.each(['home', 'sandbox'] as const)('uses colour on the %s screen when colour is on', async (start) => {
    const { ui } = await openApp(start, true);
    expect(ui.rawFrame()).toMatch(COLOUR);
  });

  it.each(['home', 'sandbox'] as const)('writes no colour codes on the %s screen when colour is off', async (start) => {
    const { ui, sandbox } = await openApp(start, false);
    if (start === 'home') {
      await ui.press('up');
      await ui.press('enter'); // the "not available yet" message
      await ui.waitFor('not available yet:');
    } else {
      // Every pane busy: a key pending deletion, an error, a clock jump, help and a record.
      await ui.type('kms create-key --description demo');
      await ui.press('enter');
      await ui.type('kms describe-key --key-id alias/none');
      await ui.press('enter');
      const keyId = sandbox.keys()[0]?.keyId ?? '';
      await ui.type(`kms schedule-key-deletion --key-id ${keyId}`);
      await ui.press('enter');
      await ui.type('clock advance 1d');
      await ui.press('enter');
      await ui.waitFor((f) => f.includes('deleted in') && f.includes('NotFoundException'));
      expect(ui.rawFrame()).not.toMatch(COLOUR);
      await ui.press('escape');
      await ui.press('?');
      await ui.waitFor('Key bindings');
    }
    expect(ui.rawFrame()).not.toMatch(COLOUR);
    expect(ui.rawFrame()).toContain('\u001b['); // bold and inverse stay: they are not colour
  });
});
