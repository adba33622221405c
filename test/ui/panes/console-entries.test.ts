import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../src/engine/console/console-session.js';
import { createSandbox } from '../../../src/sim/index.js';
import { entryFor, tailLines, wrapLine, type ConsoleEntry } from '../../../src/ui/panes/console-entries.js';

const entries: ConsoleEntry[] = [
  { command: 'first', lines: ['a', 'b'], tone: 'info' },
  { command: 'second', lines: ['c'], tone: 'ok' },
  { command: 'bad', lines: ['error: one two three four five six'], tone: 'error' },
];

describe('tailLines', () => {
  it('gives the last lines, each command before its output', () => {
    expect(tailLines(entries, 4).map((l) => l.text)).toEqual(['$ second', 'c', '$ bad', 'error: one two three four five six']);
    expect(tailLines(entries, 100).map((l) => l.tone)).toEqual(['command', 'info', 'info', 'command', 'ok', 'command', 'error']);
  });

  it('wraps errors to the width so nothing of them is cut off', () => {
    expect(tailLines(entries, 4, 14).map((l) => l.text)).toEqual(['$ bad', 'error: one two', 'three four', 'five six']);
  });

  it('leaves other output to the pane to cut', () => {
    expect(tailLines([{ command: 'x', lines: ['a long line of JSON output'], tone: 'ok' }], 5, 10).map((l) => l.text)).toEqual(['$ x', 'a long line of JSON output']);
  });
});

describe('wrapLine', () => {
  it('breaks at spaces, and inside a word longer than the width', () => {
    expect(wrapLine('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLine('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLine('short', 10)).toEqual(['short']);
  });
});

describe('entryFor', () => {
  const session = new ConsoleSession(createSandbox({ quotas: { enforce: false } }));

  it('prints a successful call as the AWS CLI prints JSON', () => {
    const entry = entryFor('kms create-key', session.execute('kms create-key'));
    expect(entry?.tone).toBe('ok');
    expect(entry?.lines[0]).toBe('{');
    expect(entry?.lines[1]).toBe('    "KeyMetadata": {');
  });

  it('prints a KMS error as one AWS CLI error line', () => {
    const entry = entryFor('kms describe-key --key-id alias/none', session.execute('kms describe-key --key-id alias/none'));
    expect(entry).toEqual({ command: 'kms describe-key --key-id alias/none', tone: 'error', lines: [expect.stringMatching(/^An error occurred \(NotFoundException\) when calling the DescribeKey operation: /)] });
  });

  it('prints nothing for an empty line', () => {
    expect(entryFor('', session.execute(''))).toBeUndefined();
  });
});
