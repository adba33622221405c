/**
 * End to end: `kms-sandbox sandbox`, the real binary (from dist/, built by `npm test`), in a
 * real terminal (tmux) at 120×40 (two columns of panes) and at 80×24 (stacked panes). Commands
 * are typed, the screen is read back, and Ctrl-C must leave with exit code 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { foregroundColours, paneRows, paneText, startInTmux, tmuxInstalled, type TmuxTerminal } from '../helpers/tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SANDBOX = ['node', 'bin/kms-sandbox.js', 'sandbox'];
const HAS_TMUX = tmuxInstalled();
// Starting Node and Ink takes 1–3 s on a busy machine; a test starts the binary once.
const E2E_TIMEOUT = 120_000;

/** The text `help` prints, from the same binary's script runner: what the console must show. */
function helpText(): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'kms-e2e-help-'));
  try {
    writeFileSync(join(scratch, 'help.kms'), 'help\n');
    const result = spawnSync('node', ['bin/kms-sandbox.js', 'run', join(scratch, 'help.kms')], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    while (lines.at(-1)?.trim() === '') lines.pop();
    return lines; // starts with "$ help", as the console echoes the command
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether a row the console drew (trailing `…` when truncated) shows `expected`. */
function showsLine(drawn: string, expected: string): boolean {
  const row = drawn.trimEnd();
  return row.endsWith('…') ? expected.startsWith(row.slice(0, -1)) : row === expected.trimEnd();
}

/** The console's output rows: the pane without its prompt row and its leading blank rows. */
function consoleOutput(screen: string): string[] {
  const rows = (paneRows(screen, 'Console') ?? []).slice(0, -1);
  const first = rows.findIndex((r) => r.trim() !== '');
  return first < 0 ? [] : rows.slice(first).map((r) => r.trimEnd());
}

describe.skipIf(!HAS_TMUX && !process.env.CI)('kms-sandbox sandbox in a terminal (tmux)', () => {
  describe.each([
    // `help` lists the KMS commands, the service commands and the sandbox verbs; the console shows
    // its tail (checked row by row against the real help text): at 120×40 the sandbox verbs with
    // room to spare, at 80×24 the last rows only.
    { columns: 120, rows: 40, helpShows: ['keymaterial new NAME', 'hsm fail REGION [N]', 'help [command]'] },
    { columns: 80, rows: 24, helpShows: ['help [command]', 'Global flags'] },
  ])('at $columns×$rows', ({ columns, rows, helpShows }) => {
    let terminal: TmuxTerminal | undefined;
    const start = async (env?: Record<string, string>) => {
      // Skipped without tmux on a workstation; on CI (CI set) each test fails and says why.
      if (!HAS_TMUX) throw new Error('tmux is not installed, and CI must run the terminal end-to-end test: install it (.ci/run does: apt-get install tmux).');
      terminal = await startInTmux({ argv: SANDBOX, cwd: ROOT, columns, rows, ...(env ? { env } : {}) });
      return terminal;
    };

    afterEach(async () => {
      await terminal?.close();
      terminal = undefined;
    });

    it('shows a created key in Keys, its CreateKey in Audit and the operations in help, and exits 0 on Ctrl-C', { timeout: E2E_TIMEOUT }, async () => {
      // Given the sandbox screen
      const tui = await start();
      const first = await tui.waitFor('the sandbox screen', (s) => /[┌╔][─═] Console /.test(s) && s.includes('us-east-1 ›'));
      expect(first.split('\n').length, first).toBeGreaterThanOrEqual(rows);
      for (const title of ['Guide', 'Console', 'Keys', 'Audit', 'Metrics']) expect(paneRows(first, title), `no ${title} pane in:\n${first}`).toBeDefined();
      expect(foregroundColours(await tui.screen({ escapes: true })), 'a terminal without NO_COLOR gets colour').not.toEqual([]);

      // When a key is created, and the keys are listed to read its id off the console (typed
      // with an edit: the keys, Home among them, arrive at once, as a fast typist's do)
      await tui.enter('kms create-key --description e2e');
      await tui.send('list-keys', { key: 'Home' }, 'kms ', { key: 'Enter' });
      // (the console may truncate the id at the pane's edge: its first 8 characters are enough)
      const keyIdIn = (s: string) => /"KeyId": "([0-9a-f]{8})-[0-9a-f]{4}-/.exec(paneText(s, 'Console'))?.[1];
      const listed = (s: string) => paneText(s, 'Console').includes('"Truncated": false') && keyIdIn(s) !== undefined;
      const prefix = keyIdIn(await tui.waitFor('ListKeys output in the console', listed)) ?? '';

      // Then Keys shows it Enabled, and Audit its CreateKey
      const keyRow = (s: string) => paneText(s, 'Keys').split('\n').find((r) => r.includes(prefix));
      const auditRow = (s: string) => paneText(s, 'Audit').split('\n').find((r) => r.includes('CreateKey'));
      const shown = await tui.waitFor(`key ${prefix} in Keys, its CreateKey and the ListKeys in Audit`, (s) => keyRow(s) !== undefined && auditRow(s) !== undefined && paneText(s, 'Audit').includes('ListKeys'));
      expect(keyRow(shown), shown).toMatch(/Enabled/);
      expect(auditRow(shown), shown).toMatch(new RegExp(`CreateKey\\s+us-east-1\\s+✓ ${prefix}…`));

      // When help is asked for
      const help = helpText();
      await tui.enter('help');
      const helped = await tui.waitFor('the end of the help list in the console', (s) => consoleOutput(s).some((r) => r.startsWith('Global flags')));
      // Then the console shows the registry's list, as the script runner prints it, down to its end
      const output = consoleOutput(helped);
      expect(output.length, helped).toBeGreaterThan(0);
      const tail = help.slice(-output.length);
      output.forEach((row, i) => expect(showsLine(row, tail[i] ?? ''), `row ${i} "${row}" is not "${tail[i]}" of help. Screen:\n${helped}`).toBe(true));
      for (const text of helpShows) expect(output.some((r) => r.includes(text)), `"${text}" not visible after help:\n${helped}`).toBe(true);

      // And help for one command names its flags
      await tui.enter('help schedule-key-deletion');
      const flags = await tui.waitFor('the flags of schedule-key-deletion', (s) => paneText(s, 'Console').includes('--pending-window-in-days'));
      expect(paneText(flags, 'Console'), flags).toMatch(/Usage: kms schedule-key-deletion --key-id/);

      // When Ctrl-C is pressed, the program ends with exit code 0
      await tui.press('C-c');
      expect(await tui.exitCode()).toBe(0);
    });

    it('draws no colour under NO_COLOR', { timeout: E2E_TIMEOUT }, async () => {
      const tui = await start({ NO_COLOR: '1' });
      await tui.enter('kms create-key');
      const screen = await tui.waitFor('the created key in Keys', (s) => /● Enabled/.test(paneText(s, 'Keys')));
      const raw = await tui.screen({ escapes: true });

      expect(foregroundColours(raw), `colour codes under NO_COLOR:\n${JSON.stringify(raw.slice(0, 400))}`).toEqual([]);
      expect(screen).toMatch(/[┌╔][─═] Audit /);
    });
  });
});
