import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

const renderers = new Map<string, Marked>();

/**
 * Renders Markdown for a terminal pane of `width` columns. One Marked instance per width and
 * colour setting, memoised; never `marked.use()` inside a render.
 */
export function renderMarkdown(source: string, width: number, color: boolean): string {
  const id = `${width}:${color}`;
  let marked = renderers.get(id);
  if (!marked) {
    marked = new Marked().use(markedTerminal({ width, reflowText: true, tab: 2, showSectionPrefix: false }));
    renderers.set(id, marked);
  }
  const text = (marked.parse(source, { async: false }) as string).replace(/\n+$/, '');
  return color ? text : stripAnsi(text);
}

// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Removes ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
