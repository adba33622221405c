import type { ConsoleResult } from '../../engine/console/console-session.js';
import { renderError, renderJson } from '../../engine/console/format.js';

/** One block of the console's output: the command and what it printed. */
export interface ConsoleEntry {
  readonly command: string;
  readonly lines: readonly string[];
  readonly tone: 'ok' | 'error' | 'info';
}

/** Turns a console result into output lines, as the AWS CLI would print them. */
export function entryFor(command: string, result: ConsoleResult): ConsoleEntry | undefined {
  switch (result.kind) {
    case 'empty':
      return undefined;
    case 'call':
      return result.outcome.ok
        ? { command, lines: renderJson(result.outcome.output).split('\n'), tone: 'ok' }
        : { command, lines: [renderError(result.operation, result.outcome.error)], tone: 'error' };
    case 'verb':
      return { command, lines: renderJson(result.output).split('\n'), tone: 'info' };
    case 'help':
      return { command, lines: result.text.split('\n'), tone: 'info' };
  }
}

/**
 * The last `count` output lines of the entries, each tagged with its tone. Errors are wrapped to
 * `width` so their hints are never cut off; other output is cut by the pane.
 */
export function tailLines(entries: readonly ConsoleEntry[], count: number, width = Infinity): { text: string; tone: ConsoleEntry['tone'] | 'command' }[] {
  const out: { text: string; tone: ConsoleEntry['tone'] | 'command' }[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < count; i -= 1) {
    const entry = entries[i];
    if (!entry) continue;
    const lines = entry.tone === 'error' ? entry.lines.flatMap((text) => wrapLine(text, width)) : entry.lines;
    const block = [{ text: `$ ${entry.command}`, tone: 'command' as const }, ...lines.map((text) => ({ text, tone: entry.tone }))];
    out.unshift(...block.slice(Math.max(0, block.length - (count - out.length))));
  }
  return out;
}

/** Breaks a line into pieces of at most `width` characters, at spaces where it can. */
export function wrapLine(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (width > 0 && rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(space > 0 ? cut + 1 : cut);
  }
  pieces.push(rest);
  return pieces;
}
