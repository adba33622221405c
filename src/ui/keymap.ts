/** The panes of the sandbox screen. */
export type PaneId = 'guide' | 'console' | 'keys' | 'audit' | 'metrics';

/** The panes in focus order (Tab moves forward, Shift-Tab back). */
export const PANE_ORDER: readonly PaneId[] = ['console', 'keys', 'audit', 'metrics', 'guide'];

/** The title of each pane. */
export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  guide: 'Guide',
  console: 'Console',
  keys: 'Keys',
  audit: 'Audit',
  metrics: 'Metrics',
};

/** One key binding: where it applies, the keys, and what they do. */
export interface KeyBinding {
  readonly scope: 'global' | 'console input' | 'scenario' | PaneId;
  readonly keys: string;
  readonly does: string;
}

/** Every key binding of the sandbox screen: the help overlay and the status bar hints read it. */
export const KEYMAP: readonly KeyBinding[] = [
  { scope: 'global', keys: 'Tab / Shift-Tab', does: 'move focus to the next / previous pane' },
  { scope: 'global', keys: '?', does: 'open this help' },
  { scope: 'global', keys: 'Esc', does: 'go back: close an overlay, leave the console input, return home' },
  { scope: 'global', keys: 'q', does: 'quit (outside the console input)' },
  { scope: 'global', keys: 'Ctrl-C', does: 'quit' },
  { scope: 'console input', keys: 'Enter', does: 'run the command' },
  { scope: 'console input', keys: '↑ / ↓', does: 'previous / next command in history' },
  { scope: 'console input', keys: 'Tab', does: 'complete a command, flag, Region, key id or alias' },
  { scope: 'console input', keys: '← / → / Home / End', does: 'move the cursor' },
  { scope: 'console input', keys: 'Esc', does: 'leave the input (then Tab moves focus)' },
  { scope: 'console', keys: 'Enter or i', does: 'type a command' },
  { scope: 'keys', keys: '↑ / ↓', does: 'select a key' },
  { scope: 'audit', keys: '↑ / ↓ / PgUp / PgDn / Home / End', does: 'move through the trail (newest first)' },
  { scope: 'audit', keys: 'Enter', does: 'open the selected record as JSON' },
  { scope: 'audit', keys: '/', does: 'filter: op:Encrypt key:<id> err:Disabled (err:any, err:none) or any text' },
  { scope: 'guide', keys: '↑ / ↓ / PgUp / PgDn', does: 'scroll' },
  { scope: 'metrics', keys: '(none)', does: 'watch calls, errors, throttles and deletion countdowns' },
  { scope: 'scenario', keys: '→ / n', does: 'next step: run the step after this one' },
  { scope: 'scenario', keys: '← / b', does: 'back one step (replayed in a fresh sandbox)' },
  { scope: 'scenario', keys: 'Space', does: 'play / pause: a step every 3 s at 1×' },
  { scope: 'scenario', keys: '+ / -', does: 'speed: 0.5×, 1×, 2×, 4×' },
  { scope: 'scenario', keys: 'r', does: 'restart from step 1 in a fresh sandbox' },
  { scope: 'scenario', keys: 'i / Tab to Console', does: 'take over: type commands (pauses; Esc, then → goes on with the script)' },
  { scope: 'scenario', keys: 'x', does: 'try it yourself: an exercise from its start, the task and goals in the Guide' },
  { scope: 'scenario', keys: 'h', does: 'hint: an exercise\'s next hint, while you try it' },
];

/** The short hints the status bar shows for a pane (and for the console input while typing). */
export function hintsFor(scope: KeyBinding['scope']): string {
  const own = KEYMAP.filter((b) => b.scope === scope && b.keys !== '(none)').map((b) => `${b.keys.split(' / ')[0]} ${b.does.split(/[,:(]/)[0]?.trim()}`);
  const global = scope === 'console input' ? ['Esc leave input'] : ['Tab next pane', '? help', 'q quit'];
  return [...own.slice(0, 3), ...global].join(' · ');
}

/**
 * The status bar's hints in a scenario replay: the replay's keys (read from KEYMAP) outside the
 * console input, the input's own keys while typing. An exercise puts its keys first: `x` when
 * it is offered; `h`, `i` and `x` while the learner tries it (`exercise: 'trying'`).
 */
export function scenarioHints(scope: KeyBinding['scope'], exercise?: 'offered' | 'trying'): string {
  if (scope === 'console input') return hintsFor(scope);
  const bindings = KEYMAP.filter((b) => b.scope === 'scenario');
  const hint = (key: string) => bindings.filter((b) => b.keys.split(' / ')[0] === key).map((b) => `${key} ${b.does.split(':')[0]}`);
  const keys = bindings.map((b) => b.keys.replace(' / ', '/'));
  const replay = `${keys.slice(0, 3).join(' ')} ${keys.slice(3, 5).join(' ')}`;
  const own = exercise === 'trying' ? [...hint('h'), ...hint('i'), ...hint('x')] : exercise === 'offered' ? [...hint('x'), replay] : [replay];
  return [...own, 'Tab next pane', '? help', 'q quit'].join(' · ');
}
