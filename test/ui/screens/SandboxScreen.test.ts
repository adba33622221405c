import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sim/index.js';
import { KEYMAP, PANE_ORDER, PANE_TITLES } from '../../../src/ui/keymap.js';
import { SandboxScreen } from '../../../src/ui/screens/SandboxScreen.js';
import { ConsoleSession } from '../../../src/engine/console/console-session.js';
import { cleanupUi, findPane, focusedPane, paneText, renderUi, statusBar, type RenderedUi } from '../../helpers/render.js';

const START = new Date('2026-03-01T09:00:00Z');
const REGION = 'us-east-1';

function newSandbox(): Sandbox {
  return createSandbox({ quotas: { enforce: false }, start: START });
}

/** A console wide enough that its lines are not cut short. */
const WIDE = { columns: 200, rows: 40 };

async function openSandbox(size = { columns: 120, rows: 40 }, sandbox = newSandbox()) {
  const ui = await renderUi(h(SandboxScreen, { sandbox }), size);
  await ui.waitFor((f) => f.trim() !== '');
  return { ui, sandbox };
}

/** Types a console command and presses Enter. */
async function run(ui: RenderedUi, command: string): Promise<void> {
  await ui.type(command);
  await ui.press('enter');
}

/** The console's prompt line: what is being typed. */
function promptLine(frame: string): string {
  return (findPane(frame, 'Console')?.lines ?? []).find((l) => l.includes(`${REGION} ›`))?.trim() ?? '';
}

function createKey(sandbox: Sandbox, region = REGION): string {
  const outcome = sandbox.call(region, sandbox.admin, 'CreateKey', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.output.KeyMetadata.KeyId;
}

/** Leaves the console input and moves focus with Tab to the pane titled `title`. */
async function focus(ui: RenderedUi, title: string): Promise<void> {
  if (focusedPane(ui.frame()) === 'Console' && !ui.frame().includes('Enter to type')) await ui.press('escape');
  for (let i = 0; i < PANE_ORDER.length && focusedPane(ui.frame()) !== title; i += 1) await ui.press('tab');
  await ui.waitFor((f) => focusedPane(f) === title);
}

afterEach(cleanupUi);

describe('SandboxScreen', () => {
  it('shows the Guide, Console, Keys, Audit and Metrics panes and a status bar', async () => {
    const { ui, sandbox } = await openSandbox();
    const frame = ui.frame();
    for (const title of Object.values(PANE_TITLES)) expect(findPane(frame, title), title).toBeDefined();
    expect(paneText(frame, 'Guide')).toContain('Welcome to kms-sandbox');
    const bar = statusBar(frame);
    expect(bar).toContain('2026-03-01 09:00:00 UTC');
    expect(bar).toContain(REGION);
    expect(bar).toContain(sandbox.admin.arn.slice(sandbox.admin.arn.lastIndexOf(':') + 1));
    expect(bar).toContain('Enter run the command'); // the console input has the keys at first
  });

  it('starts with the console focused and its input taking keys', async () => {
    const { ui } = await openSandbox();
    expect(focusedPane(ui.frame())).toBe('Console');
    await ui.type('q? kms', { perKey: true });
    expect(promptLine(await ui.waitFor((f) => promptLine(f).endsWith('kms')))).toBe(`${REGION} › q? kms`);
    expect(ui.isListening()).toBe(true);
  });

  it('shows a key created in the console in Keys (Enabled) and its CreateKey in Audit', async () => {
    const { ui, sandbox } = await openSandbox();
    expect(paneText(ui.frame(), 'Keys')).toContain('No keys yet');
    await run(ui, 'kms create-key --description demo');
    const frame = await ui.waitFor((f) => paneText(f, 'Audit').includes('CreateKey') && paneText(f, 'Keys').includes('Enabled'));
    const keyId = sandbox.keys()[0]?.keyId ?? '';
    expect(paneText(frame, 'Keys')).toMatch(new RegExp(`● Enabled\\s+${keyId.slice(0, 8)}…`));
    expect(paneText(frame, 'Audit')).toMatch(/09:00:00 CreateKey\s+us-east-1\s+✓/);
    expect(findPane(frame, 'Audit')?.top).toMatch(/ 1 [┐╗]$/);
    expect(paneText(frame, 'Console')).toContain(`"KeyId": "${keyId}"`);
    expect(paneText(frame, 'Metrics')).toMatch(/CreateKey\s+\S+\s+1 calls/);
  });

  it('shows the selected key’s lifecycle from the key machine, with its state lit', async () => {
    const { ui, sandbox } = await openSandbox({ columns: 120, rows: 50 });
    sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: createKey(sandbox) });
    const keys = paneText(await ui.waitFor((f) => paneText(f, 'Keys').includes('● Disabled')), 'Keys');
    expect(keys).toContain('Lifecycle (from the key machine):');
    expect(keys).toMatch(/● Disabled\s+enable→Enabled/);
    expect(keys).toMatch(/○ Enabled\s+disable→Disabled/);
    expect(keys).toMatch(/○ PendingDeletion\s+cancelDeletion→Disabled/);
  });

  it('lists every kms command for help, from the operation registry', async () => {
    // Tall enough for the whole list, however long it grows (the console gets 3/5 of the rows).
    const help = new ConsoleSession(newSandbox()).execute('help');
    const helpRows = help.kind === 'help' ? help.text.split('\n').length : 0;
    expect(helpRows).toBeGreaterThan(20);
    const { ui, sandbox } = await openSandbox({ columns: 120, rows: 2 * helpRows + 10 });
    await run(ui, 'help');
    const text = paneText(await ui.waitFor('Sandbox commands:'), 'Console');
    const commands = new ConsoleSession(sandbox).commands.map((c) => c.command);
    expect(commands.length).toBeGreaterThan(20);
    for (const command of commands) expect(text).toMatch(new RegExp(`kms ${command}\\s`));
  });

  it('shows one command’s flags for help <command>', async () => {
    const { ui } = await openSandbox({ columns: 120, rows: 60 });
    await run(ui, 'help encrypt');
    const text = paneText(await ui.waitFor('Usage: kms encrypt'), 'Console');
    expect(text).toContain('--key-id (required)');
    expect(text).toContain('--plaintext (required)');
  });

  it.each([
    ['an unknown command', 'frobnicate', /Unknown command "frobnicate"/],
    ['an unknown KMS command', 'kms encrpyt --key-id x', /Did you mean "encrypt"/],
    ['an unknown flag', 'kms create-key --nope 1', /Unknown options: --nope/],
    ['a missing required flag', 'kms encrypt --plaintext hi', /required: --key-id/],
    ['an unterminated quote', 'kms create-key --description "half', /quote/i],
    ['a value that is not a number', 'kms generate-random --number-of-bytes lots', /number-of-bytes/],
    ['an undefined named output', 'kms describe-key --key-id $nothing.KeyId', /nothing/],
    ['bad JSON', "kms encrypt --key-id x --plaintext a --encryption-context '{bad'", /--encryption-context: invalid JSON/],
    ['a bad duration', 'clock advance soon', /Usage: clock advance/],
    ['an unknown Region', 'region use mars-1', /Unknown Region "mars-1"/],
  ])('shows one error: line for %s, never a stack trace', async (_what, command, message) => {
    const { ui } = await openSandbox(WIDE);
    await run(ui, command);
    const frame = await ui.waitFor((f) => paneText(f, 'Console').includes(`$ ${command.slice(0, 30)}`));
    const lines = findPane(frame, 'Console')?.lines.map((l) => l.trim()) ?? [];
    const errors = lines.filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(frame).not.toMatch(/\n\s*at .+:\d+:\d+/);
    expect(frame).not.toMatch(/ConsoleError|TypeError|SyntaxError/);
    // The console still works.
    await run(ui, 'region');
    await ui.waitFor('"Region": "us-east-1"');
  });

  it('shows the whole of an error, hint included, in a narrow console', async () => {
    const { ui } = await openSandbox({ columns: 120, rows: 40 });
    await run(ui, 'kms create-key --descripton demo');
    const frame = await ui.waitFor((f) => paneText(f, 'Console').includes('error:'));
    const text = paneText(frame, 'Console').split('\n').map((l) => l.trim()).join(' ');
    expect(text).toContain('error: Unknown options: --descripton. Did you mean --description? See "help create-key".');
  });

  it('shows a KMS error as the AWS CLI prints it', async () => {
    const { ui } = await openSandbox(WIDE);
    await run(ui, 'kms describe-key --key-id alias/missing');
    const text = paneText(await ui.waitFor('An error occurred'), 'Console');
    expect(text).toMatch(/An error occurred \(NotFoundException\) when calling the DescribeKey operation: /);
  });

  it('recalls earlier commands with ↑ and returns to an empty line with ↓', async () => {
    const { ui } = await openSandbox();
    await ui.type('kms create-key --description demo', { perKey: true });
    await ui.press('enter');
    await run(ui, 'region');
    await ui.press('up');
    expect(promptLine(ui.frame())).toBe(`${REGION} › region`);
    await ui.press('up');
    expect(promptLine(ui.frame())).toBe(`${REGION} › kms create-key --description demo`);
    await ui.press('up'); // the oldest stays
    expect(promptLine(ui.frame())).toBe(`${REGION} › kms create-key --description demo`);
    await ui.press('down');
    await ui.press('down');
    expect(promptLine(ui.frame())).toBe(`${REGION} ›`);
  });

  it('completes with Tab, and lists the choices when several remain', async () => {
    // Wide enough for the six generate-… choices on the line under the prompt.
    const { ui } = await openSandbox({ columns: 320, rows: 40 });
    await ui.type('kms enc');
    await ui.press('tab');
    expect(promptLine(ui.frame())).toBe(`${REGION} › kms encrypt`);
    expect(focusedPane(ui.frame())).toBe('Console'); // Tab completed; it did not move focus
    await ui.press('escape');
    await ui.press('enter'); // back into the input
    await ui.press('backspace');
    for (let i = 0; i < 'encrypt'.length; i += 1) await ui.press('backspace');
    await ui.type('gen');
    await ui.press('tab');
    const frame = await ui.waitFor('generate-random');
    expect(promptLine(frame)).toBe(`${REGION} › kms generate-`);
    expect(paneText(frame, 'Console')).toMatch(/generate-data-key\s+.*generate-random/);
  });

  it('completes key ids after --key-id', async () => {
    const { ui, sandbox } = await openSandbox(WIDE);
    const keyId = createKey(sandbox);
    await ui.type(`kms describe-key --key-id ${keyId.slice(0, 4)}`);
    await ui.press('tab');
    expect(promptLine(ui.frame())).toBe(`${REGION} › kms describe-key --key-id ${keyId}`);
  });

  it('leaves the console input with Esc; then Tab and Shift-Tab move focus through the panes', async () => {
    const { ui } = await openSandbox();
    await ui.press('escape');
    expect(findPane(ui.frame(), 'Console')?.top).toContain('Enter to type');
    expect(statusBar(ui.frame())).toContain('Tab next pane');
    const titles = PANE_ORDER.map((id) => PANE_TITLES[id]);
    for (const title of [...titles.slice(1), titles[0]]) {
      await ui.press('tab');
      expect(focusedPane(ui.frame())).toBe(title);
      expect(ui.frame().match(/╔═/g)).toHaveLength(1);
    }
    await ui.press('escape'); // back on the Console, Tab completes again: Esc leaves the input first
    await ui.press('shift-tab');
    expect(focusedPane(ui.frame())).toBe(titles.at(-1));
    await ui.press('shift-tab');
    expect(focusedPane(ui.frame())).toBe(titles.at(-2));
  });

  it('goes back into the console input with Enter or i', async () => {
    const { ui } = await openSandbox();
    await ui.press('escape');
    await ui.press('i');
    await ui.type('region');
    expect(promptLine(ui.frame())).toBe(`${REGION} › region`);
  });

  it('opens the help overlay with ? (after Esc leaves the input) and closes it with Esc', async () => {
    const { ui } = await openSandbox();
    await ui.press('escape');
    await ui.press('?');
    const help = await ui.waitFor('Key bindings');
    for (const binding of KEYMAP) expect(help).toContain(binding.does);
    expect(findPane(help, 'Console')).toBeUndefined();
    expect(statusBar(help)).toContain('Esc close');
    await ui.press('escape');
    const back = await ui.waitFor((f) => !f.includes('Key bindings'));
    expect(findPane(back, 'Console')).toBeDefined();
    expect(ui.isListening()).toBe(true);
    await ui.press('?');
    await ui.waitFor('Key bindings');
    await ui.press('?'); // ? closes it too
    await ui.waitFor((f) => !f.includes('Key bindings'));
  });

  it('opens the selected audit record as JSON with Enter and closes it with Esc', async () => {
    const { ui, sandbox } = await openSandbox();
    const keyId = createKey(sandbox);
    sandbox.call(REGION, sandbox.admin, 'DescribeKey', { KeyId: keyId });
    await ui.waitFor((f) => paneText(f, 'Audit').includes('DescribeKey'));
    await focus(ui, 'Audit');
    await ui.press('down'); // the newest is first: down selects the CreateKey
    await ui.press('enter');
    const record = await ui.waitFor('"eventName": "CreateKey"');
    expect(record).toMatch(/CreateKey · 2026-03-01T09:00:00(\.000)?Z · us-east-1/);
    expect(record).toContain('"eventSource": "kms.amazonaws.com"');
    expect(findPane(record, 'Audit')).toBeUndefined();
    await ui.press('escape');
    const back = await ui.waitFor((f) => findPane(f, 'Audit') !== undefined);
    expect(focusedPane(back)).toBe('Audit');
    expect(back).not.toContain('"eventName"');
  });

  it('filters the audit trail with / and op:CreateKey', async () => {
    const { ui, sandbox } = await openSandbox();
    createKey(sandbox);
    createKey(sandbox);
    sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 4 });
    await ui.waitFor((f) => paneText(f, 'Audit').includes('GenerateRandom'));
    await focus(ui, 'Audit');
    await ui.press('/');
    await ui.type('op:CreateKey');
    expect(paneText(ui.frame(), 'Audit')).toContain('filter /op:CreateKey');
    await ui.press('enter');
    const frame = await ui.waitFor((f) => paneText(f, 'Audit').includes('filter: op:CreateKey'));
    const rows = findPane(frame, 'Audit')?.lines.filter((l) => /\d\d:\d\d:\d\d /.test(l)) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('CreateKey'))).toBe(true);
    expect(findPane(frame, 'Audit')?.top).toMatch(/ 2\/3 [┐╗]$/);
  });

  it('says so when no record matches the audit filter', async () => {
    const { ui, sandbox } = await openSandbox();
    createKey(sandbox);
    await focus(ui, 'Audit');
    await ui.press('/');
    await ui.type('op:Decrypt');
    await ui.press('enter');
    const frame = await ui.waitFor((f) => paneText(f, 'Audit').includes('No record matches the filter.'));
    expect(findPane(frame, 'Audit')?.top).toMatch(/ 0\/1 [┐╗]$/);
  });

  it('follows a reset of the sandbox: empty panes, then new calls again', async () => {
    const { ui, sandbox } = await openSandbox();
    createKey(sandbox);
    await ui.waitFor((f) => paneText(f, 'Audit').includes('CreateKey'));
    sandbox.reset();
    const empty = await ui.waitFor((f) => paneText(f, 'Keys').includes('No keys yet'));
    expect(paneText(empty, 'Audit')).toContain('Every call appears here');
    expect(paneText(empty, 'Metrics')).toContain('appear here');
    await run(ui, 'kms create-key');
    const again = await ui.waitFor((f) => paneText(f, 'Audit').includes('CreateKey'));
    expect(findPane(again, 'Audit')?.top).toMatch(/ 1 [┐╗]$/);
    await run(ui, 'clock advance 1d');
    await ui.waitFor((f) => statusBar(f).includes('+1d'));
  });

  it('types q and ? into the audit filter instead of quitting or opening help', async () => {
    const { ui, sandbox } = await openSandbox();
    createKey(sandbox);
    await focus(ui, 'Audit');
    await ui.press('/');
    await ui.type('q?');
    expect(paneText(ui.frame(), 'Audit')).toContain('filter /q?');
    expect(ui.isListening()).toBe(true);
    await ui.press('escape'); // leaves the filter unchanged
    const frame = await ui.waitFor((f) => !paneText(f, 'Audit').includes('filter /'));
    expect(findPane(frame, 'Audit')?.top).toMatch(/ 1 [┐╗]$/);
  });

  it('shows the Region chosen with region use on the status bar and the prompt', async () => {
    const { ui } = await openSandbox();
    await run(ui, 'region use eu-west-1');
    const frame = await ui.waitFor((f) => paneText(f, 'Console').includes('eu-west-1 ›'));
    expect(statusBar(frame)).toContain('eu-west-1');
    expect(statusBar(frame)).not.toContain(REGION);
  });

  it('shows a clock advance on the status bar: the jump and the new date', async () => {
    const { ui } = await openSandbox();
    expect(statusBar(ui.frame())).not.toContain('+7d');
    await run(ui, 'clock advance 7d');
    const bar = statusBar(await ui.waitFor((f) => statusBar(f).includes('+7d')));
    expect(bar).toContain('2026-03-08 09:00:00 UTC');
  });

  it('counts down to a scheduled deletion in Metrics, and follows the clock', async () => {
    const { ui, sandbox } = await openSandbox();
    const keyId = createKey(sandbox);
    await run(ui, `kms schedule-key-deletion --key-id ${keyId} --pending-window-in-days 7`);
    const frame = await ui.waitFor((f) => paneText(f, 'Metrics').includes('deleted in'));
    expect(paneText(frame, 'Metrics')).toMatch(new RegExp(`${keyId.slice(0, 8)}….*deleted in 7d 0h`));
    expect(paneText(frame, 'Keys')).toContain('PendingDeletion');
    await run(ui, 'clock advance 2d');
    expect(paneText(await ui.waitFor((f) => paneText(f, 'Metrics').includes('deleted in 5d 0h')), 'Metrics')).toContain(keyId.slice(0, 8));
    await run(ui, 'clock advance 5d');
    const gone = await ui.waitFor((f) => !paneText(f, 'Metrics').includes('deleted in'));
    expect(paneText(gone, 'Keys')).toContain('No keys yet');
  });

  it('stacks the panes at 80×24, the focused one the largest', async () => {
    const { ui } = await openSandbox({ columns: 80, rows: 24 });
    const frame = ui.frame();
    const lines = frame.split('\n');
    const tops = Object.values(PANE_TITLES).map((title) => lines.findIndex((l) => new RegExp(`^[┌╔][─═] ${title} `).test(l)));
    expect(tops.every((top) => top >= 0)).toBe(true);
    expect(tops).toEqual([...tops].sort((a, b) => a - b)); // Guide, Console, Keys, Audit, Metrics from the top
    expect(lines.every((l) => Array.from(l).length <= 80)).toBe(true);
    const heights = Object.values(PANE_TITLES).map((title) => findPane(frame, title)?.lines.length ?? 0);
    expect(Math.max(...heights)).toBe(findPane(frame, 'Console')?.lines.length);
    await focus(ui, 'Keys');
    const keysHeight = findPane(ui.frame(), 'Keys')?.lines.length ?? 0;
    expect(keysHeight).toBeGreaterThan(findPane(ui.frame(), 'Console')?.lines.length ?? 0);
  });

  it('says how large the terminal must be at 50×15', async () => {
    const { ui } = await openSandbox({ columns: 50, rows: 15 });
    expect(ui.frame().replace(/\s+/g, ' ')).toContain('needs a terminal of at least 60×20; this one is 50×15');
    expect(findPane(ui.frame(), 'Console')).toBeUndefined();
  });

  it('lays out anew on resize', async () => {
    const { ui } = await openSandbox({ columns: 120, rows: 40 });
    await ui.resize(50, 15);
    await ui.waitFor('this one is 50×15');
    await ui.resize(80, 24);
    const stacked = await ui.waitFor((f) => findPane(f, 'Metrics') !== undefined);
    expect(stacked.split('\n').every((l) => Array.from(l).length <= 80)).toBe(true);
    await ui.resize(130, 40);
    const wide = await ui.waitFor((f) => (f.split('\n')[0] ?? '').includes('Keys'));
    expect(wide.split('\n')[0]).toMatch(/^┌─ Guide .*┐┌─ Keys .*┐$/);
  });

  it('works at the smallest size, 60×20, in every pane', async () => {
    const { ui, sandbox } = await openSandbox({ columns: 60, rows: 20 });
    createKey(sandbox);
    for (const id of PANE_ORDER.slice(1)) {
      await focus(ui, PANE_TITLES[id]);
      const frame = ui.frame();
      expect(frame.split('\n').filter((l) => l.trim())).toHaveLength(20);
      for (const title of Object.values(PANE_TITLES)) expect(findPane(frame, title), `${title} with ${id} focused`).toBeDefined();
    }
  });

  it('types nothing for Ctrl-C in the console input (Ink itself quits on it in a terminal)', async () => {
    const { ui } = await openSandbox();
    await ui.type('region');
    await ui.press('ctrl-c');
    expect(promptLine(ui.frame())).toBe(`${REGION} › region`);
  });

  it('quits with q outside the console input', async () => {
    const { ui } = await openSandbox();
    await ui.press('escape');
    expect(ui.isListening()).toBe(true);
    await ui.press('q');
    expect(ui.isListening()).toBe(false);
  });
});
