/**
 * A small helper over ink-testing-library for UI tests: render at a terminal size, read the
 * ANSI-stripped frame, wait for a frame to match, and press keys. Waiting is driven by frame
 * writes and event-loop turns, never by fixed sleeps.
 */
import { Fragment, createElement, type ReactElement } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { stripAnsi } from '../../src/ui/markdown.js';

/**
 * Keys `press` knows by name, and the bytes a terminal sends for them. ink-testing-library
 * renders with `exitOnCtrlC: false`, so `ctrl-c` reaches the app's own input handlers.
 */
export const KEY_SEQUENCES = {
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  'shift-tab': '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
  delete: '\u001b[3~',
  'ctrl-c': '\u0003',
} as const;

/** A named key, or any other text (typed as it is). */
export type KeyName = keyof typeof KEY_SEQUENCES;

/** What to wait for: a piece of text, a pattern, or a predicate over the stripped frame. */
export type FrameCondition = string | RegExp | ((frame: string) => boolean);

/** A rendered UI and the ways a test drives and reads it. */
export interface RenderedUi {
  /** The last frame, ANSI escapes removed. */
  frame(): string;
  /** The last frame as written, ANSI escapes and all. */
  rawFrame(): string;
  /** Resolves with the frame once one matches; rejects with the last frame after `timeout` ms. */
  waitFor(condition: FrameCondition, options?: { timeout?: number }): Promise<string>;
  /** Presses a named key (or types text), then lets Ink and React handle it. */
  press(key: KeyName | (string & {})): Promise<void>;
  /**
   * Types text. By default it arrives in one piece, as a fast typist's or a paste's keys do (Ink
   * hands the input over whole); `perKey` sends one character at a time, each handled in turn.
   */
  type(text: string, options?: { perKey?: boolean }): Promise<void>;
  /** Resizes the fake terminal and tells Ink, as a terminal's SIGWINCH would. */
  resize(columns: number, rows: number): Promise<void>;
  /** True while Ink still listens to the keyboard (false once the app has exited). */
  isListening(): boolean;
  /** Unmounts the UI (its effects clean up: timers, subscriptions). */
  unmount(): void;
}

/** Lets the event loop turn once: Ink's pending-escape flush and React's passive effects run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function settle(): Promise<void> {
  // One turn for Ink to flush a lone Esc, one for React to re-attach the input handlers of the
  // new render (passive effects), one more for anything those scheduled.
  for (let i = 0; i < 3; i += 1) await nextTurn();
}

function matcher(condition: FrameCondition): (frame: string) => boolean {
  if (typeof condition === 'string') return (frame) => frame.includes(condition);
  if (condition instanceof RegExp) return (frame) => condition.test(frame);
  return condition;
}

/**
 * Renders a React element in a fake terminal of `columns` × `rows`. The size is set before the
 * element mounts, so layout code (Ink's root width, `useTerminalSize`) sees it from the start.
 */
export async function renderUi(element: ReactElement, size: { columns?: number; rows?: number } = {}): Promise<RenderedUi> {
  // Mount nothing first: ink-testing-library makes its stdout inside render, and the element
  // must not see the library's default size.
  const ui = render(createElement(Fragment));
  const stdout = ui.stdout as typeof ui.stdout & { columns: number; rows: number };
  const setSize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
    Object.defineProperty(stdout, 'rows', { configurable: true, get: () => rows });
  };
  setSize(size.columns ?? 120, size.rows ?? 40);

  const waiters = new Set<() => void>();
  const write = stdout.write;
  stdout.write = (frame: string) => {
    write(frame);
    for (const wake of [...waiters]) wake();
  };

  ui.rerender(element);
  await settle();

  const rawFrame = () => ui.lastFrame() ?? '';
  const frame = () => stripAnsi(rawFrame());

  const waitFor = (condition: FrameCondition, options: { timeout?: number } = {}) => {
    const matches = matcher(condition);
    const timeout = options.timeout ?? 10_000;
    return new Promise<string>((resolve, reject) => {
      const check = () => {
        const current = frame();
        if (!matches(current)) return false;
        done();
        resolve(current);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No frame matched ${String(condition)} within ${timeout} ms. Last frame:\n${frame()}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      if (!check()) waiters.add(check);
    });
  };

  const send = async (data: string) => {
    ui.stdin.write(data);
    await settle();
  };
  const press = (key: string) => send(Object.hasOwn(KEY_SEQUENCES, key) ? KEY_SEQUENCES[key as KeyName] : key);

  return {
    frame,
    rawFrame,
    waitFor,
    press,
    async type(text, options = {}) {
      if (!options.perKey) return send(text);
      for (const character of text) await send(character);
    },
    async resize(columns, rows) {
      setSize(columns, rows);
      stdout.emit('resize');
      await settle();
    },
    isListening: () => ui.stdin.listenerCount('readable') > 0,
    unmount: () => ui.unmount(),
  };
}

/** Unmounts every UI rendered so far (for `afterEach`). */
export const cleanupUi = cleanup;

const CORNERS = { '┌': { right: '┐', bottom: '└' }, '╔': { right: '╗', bottom: '╚' } } as const;

/** A pane found in a frame: its top border (title and note) and its inside rows. */
export interface DrawnPane {
  /** The top border, e.g. `┌─ Audit ──── 3 ┐`. */
  readonly top: string;
  /** The rows inside the borders, borders removed. */
  readonly lines: readonly string[];
  /** The rows inside, joined by line breaks. */
  readonly text: string;
}

/**
 * The pane titled `title` in a frame (`┌─ Title ─┐` … `└─┘`, doubled when focused), or
 * undefined when it is not drawn. Side-by-side panes are told apart: only the pane's own
 * columns are read.
 */
export function findPane(frame: string, title: string): DrawnPane | undefined {
  const rows = frame.split('\n').map((line) => Array.from(line));
  const heading = new RegExp(`[┌╔][─═] ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
  for (let y = 0; y < rows.length; y += 1) {
    const row = rows[y] ?? [];
    const text = row.join('');
    const at = text.search(heading);
    if (at < 0) continue;
    const x = Array.from(text.slice(0, at)).length;
    const corner = CORNERS[row[x] as keyof typeof CORNERS];
    const right = row.indexOf(corner.right, x);
    const lines: string[] = [];
    for (let below = y + 1; below < rows.length; below += 1) {
      const line = rows[below] ?? [];
      if (line[x] === corner.bottom) break;
      lines.push(line.slice(x + 1, right).join(''));
    }
    return { top: row.slice(x, right + 1).join(''), lines, text: lines.join('\n') };
  }
  return undefined;
}

/** The inside of the pane titled `title` as one string; empty when the pane is not drawn. */
export function paneText(frame: string, title: string): string {
  return findPane(frame, title)?.text ?? '';
}

/** The title of the focused pane (the one drawn with `╔═`), if any. */
export function focusedPane(frame: string): string | undefined {
  return /╔═ (\w+) /.exec(frame)?.[1];
}

/** The status bar: the frame's last non-empty line. */
export function statusBar(frame: string): string {
  return frame.trimEnd().split('\n').at(-1) ?? '';
}
