import { describe, expect, it } from 'vitest';
import { KEYMAP, PANE_ORDER, PANE_TITLES, hintsFor, scenarioHints, type PaneId } from '../../src/ui/keymap.js';

const PANES = Object.keys(PANE_TITLES) as PaneId[];

describe('KEYMAP', () => {
  it('lists every pane once in the focus order, starting at the console', () => {
    expect([...PANE_ORDER].sort()).toEqual([...PANES].sort());
    expect(new Set(PANE_ORDER).size).toBe(PANE_ORDER.length);
    expect(PANE_ORDER[0]).toBe('console');
  });

  it.each(PANES)('has at least one binding for the %s pane', (pane) => {
    expect(KEYMAP.filter((b) => b.scope === pane).length).toBeGreaterThan(0);
  });

  it('has bindings for the console input and for everywhere, quitting included', () => {
    expect(KEYMAP.some((b) => b.scope === 'console input' && b.keys.includes('Tab'))).toBe(true);
    const global = KEYMAP.filter((b) => b.scope === 'global').map((b) => b.keys);
    expect(global).toEqual(expect.arrayContaining(['?', 'Esc', 'q', 'Ctrl-C']));
  });
});

describe('hintsFor', () => {
  it('gives the console input its own keys and how to leave it', () => {
    const hints = hintsFor('console input');
    expect(hints).toContain('Enter run the command');
    expect(hints).toContain('Tab complete');
    expect(hints.endsWith('Esc leave input')).toBe(true);
    expect(hints).not.toContain('q quit'); // q types a q while the input has the keys
  });

  it('gives a pane its first bindings, then the global hints', () => {
    const hints = hintsFor('audit').split(' · ');
    expect(hints).toEqual(['↑ move through the trail', 'Enter open the selected record as JSON', '/ filter', 'Tab next pane', '? help', 'q quit']);
  });

  it('leaves out placeholder bindings such as "(none)"', () => {
    expect(hintsFor('metrics')).toBe('Tab next pane · ? help · q quit');
  });

  it.each(PANES)('is read from KEYMAP for the %s pane', (pane) => {
    for (const binding of KEYMAP.filter((b) => b.scope === pane && b.keys !== '(none)').slice(0, 3)) {
      expect(hintsFor(pane)).toContain(binding.keys.split(' / ')[0]);
    }
  });
});

describe('scenarioHints', () => {
  it('gives the replay keys, and the console input its own keys while typing', () => {
    expect(scenarioHints('guide')).toBe('→/n ←/b Space +/- r · Tab next pane · ? help · q quit');
    expect(scenarioHints('console input')).toBe(hintsFor('console input'));
  });

  it('puts an exercise\'s keys first: x when it is offered, h, i and x while the learner tries it', () => {
    expect(scenarioHints('guide', 'offered')).toBe('x try it yourself · →/n ←/b Space +/- r · Tab next pane · ? help · q quit');
    expect(scenarioHints('console', 'trying')).toBe('h hint · i take over · x try it yourself · Tab next pane · ? help · q quit');
    expect(scenarioHints('console input', 'trying')).toBe(hintsFor('console input'));
  });
});
