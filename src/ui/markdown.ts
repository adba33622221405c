import { createRequire } from 'node:module';
import type { Marked as MarkedClass } from 'marked';
import type { markedTerminal as MarkedTerminal } from 'marked-terminal';

interface MarkdownLibraries {
  readonly Marked: typeof MarkedClass;
  readonly markedTerminal: typeof MarkedTerminal;
}

const load = createRequire(import.meta.url);
const renderers = new Map<string, MarkedClass>();
const listeners = new Set<() => void>();
let libraries: MarkdownLibraries | undefined;
let inBackground = false;
let version = 0;

/**
 * Loads marked and marked-terminal (with its syntax highlighter, about a third of a second) in
 * the background instead of before the first frame: until they are in, the Guide shows its text
 * plain, then it is drawn again styled. The TUI calls this before its first render; everything
 * else (tests, scripts) loads them on first use.
 */
export function loadMarkdownInBackground(): Promise<void> {
  inBackground = true;
  return Promise.all([import('marked'), import('marked-terminal')]).then(([marked, terminal]) => {
    libraries ??= { Marked: marked.Marked, markedTerminal: terminal.markedTerminal };
    version += 1;
    for (const listener of listeners) listener();
  });
}

/** For useSyncExternalStore: changes when the Markdown renderer becomes available. */
export function subscribeMarkdown(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function markdownVersion(): number {
  return version;
}

function markdownLibraries(): MarkdownLibraries | undefined {
  if (libraries || inBackground) return libraries;
  libraries = { Marked: (load('marked') as typeof import('marked')).Marked, markedTerminal: (load('marked-terminal') as typeof import('marked-terminal')).markedTerminal };
  return libraries;
}

/**
 * Renders Markdown for a terminal pane of `width` columns. One Marked instance per width and
 * colour setting, memoised; never `marked.use()` inside a render. While the renderer is still
 * loading in the background, the text comes back plain (markup removed).
 */
export function renderMarkdown(source: string, width: number, color: boolean): string {
  const libs = markdownLibraries();
  if (!libs) return plainMarkdown(source);
  const id = `${width}:${color}`;
  let marked = renderers.get(id);
  if (!marked) {
    marked = new libs.Marked().use(libs.markedTerminal({ width, reflowText: true, tab: 2, showSectionPrefix: false }));
    renderers.set(id, marked);
  }
  const text = (marked.parse(source, { async: false }) as string).replace(/\n+$/, '');
  return color ? text : stripAnsi(text);
}

/** Markdown with its markup removed: headings' #, emphasis and code marks, link targets. */
export function plainMarkdown(source: string): string {
  return source
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\n+$/, '');
}

// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Removes ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
