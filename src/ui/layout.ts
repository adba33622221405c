import type { PaneId } from './keymap.js';

/** The smallest terminal the sandbox screen works in. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;
/** Below this width the panes stack in one column. */
export const STACK_BELOW_COLUMNS = 100;

/** Where a pane goes: its column and size. */
export interface PaneBox {
  readonly column: 0 | 1;
  readonly width: number;
  readonly height: number;
}

/** The layout of the sandbox screen for a terminal size, or `tooSmall`. */
export type Layout =
  | { readonly kind: 'tooSmall'; readonly columns: number; readonly rows: number }
  | { readonly kind: 'columns' | 'stacked'; readonly panes: Readonly<Record<PaneId, PaneBox>>; readonly order: readonly PaneId[] };

/**
 * Lays out the panes: two columns (Guide over Console | Keys, Audit, Metrics) from 100 columns
 * up; below that one stacked column where the focused pane takes the room the others leave.
 */
export function layoutFor(columns: number, rows: number, focus: PaneId): Layout {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { kind: 'tooSmall', columns, rows };
  const height = rows - 1; // the status bar
  if (columns >= STACK_BELOW_COLUMNS) {
    const left = Math.floor(columns * 0.5);
    const right = columns - left;
    const guide = Math.max(6, Math.floor(height * 0.4));
    const keys = Math.max(6, Math.floor(height * 0.4));
    const audit = Math.max(5, Math.floor(height * 0.35));
    return {
      kind: 'columns',
      order: ['guide', 'console', 'keys', 'audit', 'metrics'],
      panes: {
        guide: { column: 0, width: left, height: guide },
        console: { column: 0, width: left, height: height - guide },
        keys: { column: 1, width: right, height: keys },
        audit: { column: 1, width: right, height: audit },
        metrics: { column: 1, width: right, height: height - keys - audit },
      },
    };
  }
  const order: PaneId[] = ['guide', 'console', 'keys', 'audit', 'metrics'];
  const small = 3; // a border and one line
  const others = order.filter((p) => p !== focus);
  const minimum = { guide: small, console: 5, keys: 4, audit: 4, metrics: small } as const;
  // In a short terminal the others shrink to one line each, so the focused pane stays the largest.
  const roomy = height - others.reduce((n, p) => n + minimum[p], 0) > Math.max(...others.map((p) => minimum[p]));
  const heightOf = (p: PaneId) => (roomy ? minimum[p] : small);
  const reserved = others.reduce((n, p) => n + heightOf(p), 0);
  const panes = Object.fromEntries(order.map((p) => [p, { column: 0 as const, width: columns, height: p === focus ? height - reserved : heightOf(p) }])) as Record<PaneId, PaneBox>;
  return { kind: 'stacked', order, panes };
}
