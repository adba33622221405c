import { describe, expect, it } from 'vitest';
import { PANE_ORDER, type PaneId } from '../../src/ui/keymap.js';
import { MIN_COLUMNS, MIN_ROWS, STACK_BELOW_COLUMNS, layoutFor, type Layout } from '../../src/ui/layout.js';

function panesOf(layout: Layout) {
  if (layout.kind === 'tooSmall') throw new Error(`expected panes, got tooSmall at ${layout.columns}×${layout.rows}`);
  return layout;
}

function columnHeight(layout: Layout, column: 0 | 1): number {
  const { panes, order } = panesOf(layout);
  return order.filter((id) => panes[id].column === column).reduce((sum, id) => sum + panes[id].height, 0);
}

describe('layoutFor', () => {
  it.each([
    [100, 30],
    [120, 40],
    [200, 60],
  ])('puts Guide and Console beside Keys, Audit and Metrics at %i×%i', (columns, rows) => {
    const layout = panesOf(layoutFor(columns, rows, 'console'));
    expect(layout.kind).toBe('columns');
    expect(['guide', 'console'].map((id) => layout.panes[id as PaneId].column)).toEqual([0, 0]);
    expect(['keys', 'audit', 'metrics'].map((id) => layout.panes[id as PaneId].column)).toEqual([1, 1, 1]);
    expect(layout.panes.guide.width + layout.panes.keys.width).toBe(columns);
    expect(columnHeight(layout, 0)).toBe(rows - 1);
    expect(columnHeight(layout, 1)).toBe(rows - 1);
  });

  it.each([
    [99, 40],
    [80, 24],
    [60, 20],
  ])('stacks the panes in one column at %i×%i, heights summing to the rows above the status bar', (columns, rows) => {
    for (const focus of PANE_ORDER) {
      const layout = panesOf(layoutFor(columns, rows, focus));
      expect(layout.kind).toBe('stacked');
      expect(layout.order.every((id) => layout.panes[id].column === 0 && layout.panes[id].width === columns)).toBe(true);
      expect(columnHeight(layout, 0)).toBe(rows - 1);
    }
  });

  it.each(PANE_ORDER)('gives the focused %s pane the most room when stacked, down to the minimum size', (focus) => {
    for (let rows = MIN_ROWS; rows <= 50; rows += 1) {
      const { panes } = panesOf(layoutFor(80, rows, focus));
      for (const other of PANE_ORDER.filter((id) => id !== focus)) {
        expect(panes[focus].height, `${focus} vs ${other} at 80×${rows}`).toBeGreaterThan(panes[other].height);
        expect(panes[other].height, `${other} at 80×${rows}`).toBeGreaterThanOrEqual(3); // a border and one line
      }
    }
  });

  it('switches from stacked to columns at STACK_BELOW_COLUMNS', () => {
    expect(layoutFor(STACK_BELOW_COLUMNS - 1, 30, 'console').kind).toBe('stacked');
    expect(layoutFor(STACK_BELOW_COLUMNS, 30, 'console').kind).toBe('columns');
  });

  it.each([
    [MIN_COLUMNS - 1, MIN_ROWS],
    [MIN_COLUMNS, MIN_ROWS - 1],
    [50, 15],
  ])('says the terminal is too small at %i×%i, with its size', (columns, rows) => {
    expect(layoutFor(columns, rows, 'console')).toEqual({ kind: 'tooSmall', columns, rows });
  });

  it('lays out panes at exactly the minimum of 60×20', () => {
    expect([MIN_COLUMNS, MIN_ROWS]).toEqual([60, 20]);
    expect(layoutFor(60, 20, 'console').kind).not.toBe('tooSmall');
  });
});
