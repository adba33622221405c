// First: React reads NODE_ENV when it is loaded (by ink and ./App.js, just below).
import './react-mode.js';
import { render } from 'ink';
import { createElement } from 'react';
import type { Scenario } from '../engine/scenarios/contract.js';
import type { Sandbox } from '../sim/index.js';
import { App, type TuiStart } from './App.js';
import { loadMarkdownInBackground } from './markdown.js';
import { colorEnabled } from './theme.js';

/**
 * Runs the TUI until the user quits (q or Ctrl-C); returns the exit code. Ink restores the
 * terminal (raw mode, cursor) when it unmounts. `scenarios` feed the home screen's list;
 * `scenario` is the one `start: 'scenario'` opens; `guide` replaces the free-play Guide (serve --tui).
 */
export async function runTui(sandbox: Sandbox, start: TuiStart, content: { scenarios?: readonly Scenario[]; scenario?: Scenario; guide?: string } = {}): Promise<number> {
  const color = colorEnabled(process.env, process.stdout.isTTY === true);
  // The Guide's Markdown renderer loads while the first frame is drawn (see markdown.ts).
  void loadMarkdownInBackground();
  const instance = render(createElement(App, { sandbox, start, color, ...content }), { exitOnCtrlC: true });
  await instance.waitUntilExit();
  return 0;
}
