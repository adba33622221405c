import { Box, Text, useInput } from 'ink';
import { memo, useEffect, useRef, useState } from 'react';
import { complete } from '../../engine/console/completion.js';
import { isConsoleError } from '../../engine/console/console-error.js';
import type { ConsoleResult, ConsoleSession } from '../../engine/console/console-session.js';
import { Pane } from '../components/Pane.js';
import { useColor } from '../theme.js';
import { entryFor, tailLines, type ConsoleEntry } from './console-entries.js';

/** The console: the command language of design.md with history, completion and help. */
export const ConsolePane = memo(function ConsolePane(props: {
  session: ConsoleSession;
  focused: boolean;
  editing: boolean;
  width: number;
  height: number;
  onStartEditing: () => void;
  onLeaveEditing: () => void;
  /** Called after each command, with the session's Region (region use changes it). */
  onRegion?: (region: string) => void;
  /**
   * Called when the learner runs a command, with its result (undefined when the line was
   * malformed): a scenario replay pauses then, and re-checks its goals.
   */
  onCommand?: (result: ConsoleResult | undefined) => void;
  /** Lines run for the learner (a scenario's steps), shown as if typed; new ones are appended. */
  script?: readonly ScriptedLine[];
  /** Shown until the first command instead of the usual prompt to type (an exercise's task). */
  intro?: string;
}) {
  const color = useColor();
  const shown = useRef(props.script?.length ?? 0);
  const [entries, setEntries] = useState<ConsoleEntry[]>(() => scriptedEntries(props.script ?? []));
  const scriptLength = props.script?.length ?? 0;
  useEffect(() => {
    const script = props.script ?? [];
    if (script.length > shown.current) {
      const added = scriptedEntries(script.slice(shown.current));
      setEntries((e) => [...e, ...added].slice(-200));
    }
    shown.current = script.length;
  }, [props.script, scriptLength]);
  const [input, setInput] = useState({ line: '', cursor: 0 });
  // Ink can hand over several keys between two renders (typed ahead, or text and Enter in one
  // read), each to this render's handler: it works on the latest line, kept here, not on `input`.
  const latest = useRef(input);
  const setLine = (next: { line: string; cursor: number }) => {
    latest.current = next;
    setInput(next);
  };
  const setCursor = (at: number) => setLine({ line: latest.current.line, cursor: Math.max(0, Math.min(at, latest.current.line.length)) });
  const history = useRef<string[]>([]); // not drawn: refs, for the same reason
  const historyAt = useRef<number | undefined>(undefined);
  const [choices, setChoices] = useState<readonly string[]>([]);

  const edit = (next: string, at = next.length) => {
    setLine({ line: next, cursor: Math.max(0, Math.min(at, next.length)) });
    setChoices([]);
  };

  const run = (text: string) => {
    const command = text.trim();
    historyAt.current = undefined;
    if (!command) return;
    if (history.current.at(-1) !== command) history.current.push(command);
    let result: ConsoleResult | undefined;
    try {
      result = props.session.execute(command);
      const entry = entryFor(command, result);
      if (entry) setEntries((e) => [...e.slice(-200), entry]);
    } catch (error) {
      // A malformed line gets one clear line; anything else is a bug for the error boundary.
      if (!isConsoleError(error)) throw error;
      setEntries((e) => [...e.slice(-200), { command, lines: [`error: ${error.message}`], tone: 'error' }]);
    }
    props.onRegion?.(props.session.region);
    props.onCommand?.(result);
  };

  /** Typed or pasted text: each line break runs the line so far (a paste may hold several). */
  const type = (text: string) => {
    const { line, cursor } = latest.current;
    let current = line.slice(0, cursor);
    const rest = line.slice(cursor);
    const parts = text.split(/\r\n|\r|\n/);
    parts.forEach((part, i) => {
      current += part.replace(/\t/g, ' ');
      if (i < parts.length - 1) {
        run(current + rest);
        current = '';
      }
    });
    edit(current + (parts.length > 1 ? '' : rest), current.length);
  };

  useInput(
    (typed, key) => {
      if (!props.editing) {
        if (key.return || typed === 'i') props.onStartEditing();
        return;
      }
      const { line, cursor } = latest.current;
      if (key.escape) return props.onLeaveEditing();
      if (key.return) {
        run(line);
        return edit('');
      }
      if (key.tab) {
        const done = complete(props.session, line.slice(0, cursor));
        edit(done.line + line.slice(cursor), done.line.length);
        if (done.candidates.length > 1) setChoices(done.candidates);
        return;
      }
      if (key.upArrow || key.downArrow) {
        const past = history.current;
        if (past.length === 0) return;
        const at = key.upArrow ? Math.max(0, (historyAt.current ?? past.length) - 1) : (historyAt.current ?? past.length) + 1;
        if (at >= past.length) {
          historyAt.current = undefined;
          return edit('');
        }
        historyAt.current = at;
        return edit(past[at] ?? '');
      }
      if (key.leftArrow) return setCursor(cursor - 1);
      if (key.rightArrow) return setCursor(cursor + 1);
      if (key.home || (key.ctrl && typed === 'a')) return setCursor(0);
      if (key.end || (key.ctrl && typed === 'e')) return setCursor(line.length);
      if (key.ctrl && typed === 'u') return edit(line.slice(cursor), 0);
      if (key.backspace || key.delete) {
        if (cursor === 0) return;
        return edit(line.slice(0, cursor - 1) + line.slice(cursor), cursor - 1);
      }
      if (key.ctrl || key.meta || !typed) return;
      type(typed);
    },
    { isActive: props.focused },
  );

  const { line, cursor } = input;
  const inner = props.width - 2;
  const outputRows = Math.max(0, props.height - 3 - (choices.length > 0 ? 1 : 0));
  const lines = tailLines(entries, outputRows, inner);
  const prompt = `${props.session.region} › `;
  const visible = Math.max(1, inner - prompt.length - 1);
  const start = Math.max(0, cursor - visible + 1);
  const visibleText = line.slice(start, start + visible);
  const at = cursor - start;
  return (
    <Pane title="Console" focused={props.focused} width={props.width} height={props.height} note={props.focused && !props.editing ? 'Enter to type' : undefined}>
      <Box flexDirection="column" flexGrow={1}>
        {entries.length === 0 ? <Text dimColor>{props.intro ?? 'Type a command, e.g. kms create-key, or help. Tab completes.'}</Text> : null}
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate" color={l.tone === 'error' ? color('red') : l.tone === 'command' ? color('cyan') : undefined} bold={l.tone === 'command'}>
            {l.text || ' '}
          </Text>
        ))}
      </Box>
      {choices.length > 0 ? <Text wrap="truncate" dimColor>{choices.join('  ')}</Text> : null}
      <Text wrap="truncate">
        <Text color={color('green')}>{prompt}</Text>
        {visibleText.slice(0, at)}
        <Text inverse={props.editing}>{visibleText.charAt(at) || ' '}</Text>
        {visibleText.slice(at + 1)}
      </Text>
    </Pane>
  );
});

/** A line run for the learner: the command, what it did, and a label (`step 2`), shown `$ step 2: command`. */
export interface ScriptedLine {
  readonly command: string;
  readonly result?: ConsoleResult;
  readonly label: string;
}

function scriptedEntries(lines: readonly ScriptedLine[]): ConsoleEntry[] {
  return lines.flatMap((l) => {
    const entry = l.result ? entryFor(`${l.label}: ${l.command}`, l.result) : undefined;
    return entry ? [entry] : [];
  });
}
