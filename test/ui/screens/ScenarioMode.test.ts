/**
 * The sandbox screen as a scenario replay: the Guide follows the player (progress bar, step,
 * command, outcome, goals), Keys/Audit/Metrics/Console follow its session, and the replay's
 * keys drive it. Auto-advance runs on an injected schedule that the tests fire by hand.
 */
import { fileURLToPath } from 'node:url';
import { createElement as h } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioPlayer, loadScenarioFile, type Scenario } from '../../../src/engine/scenarios/index.js';
import type { Schedule } from '../../../src/ui/hooks/use-player.js';
import { SandboxScreen } from '../../../src/ui/screens/SandboxScreen.js';
import { cleanupUi, findPane, focusedPane, paneText, renderUi, statusBar, type RenderedUi } from '../../helpers/render.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/scenarios/01-tiny-tour.yaml', import.meta.url));

function tinyTour(): Scenario {
  const { scenario, errors } = loadScenarioFile(FIXTURE);
  expect(errors).toEqual([]);
  if (!scenario) throw new Error('the fixture did not load');
  return scenario;
}

/** A schedule the test fires by hand: what is pending, and for how long it was asked. */
function manualSchedule() {
  const pending: { run: () => void; ms: number }[] = [];
  const schedule: Schedule = (run, ms) => {
    const entry = { run, ms };
    pending.push(entry);
    return () => {
      const at = pending.indexOf(entry);
      if (at >= 0) pending.splice(at, 1);
    };
  };
  /** Resolves once the UI's effects have left `count` steps pending (effects run after a frame is drawn). */
  const settled = (count: number) => vi.waitFor(() => expect(pending).toHaveLength(count));
  /** The delays asked for, once one step is pending. */
  const delays = async () => {
    await settled(1);
    return pending.map((p) => p.ms);
  };
  /** Fires the one pending step. */
  const fire = async () => {
    await settled(1);
    pending.shift()?.run();
  };
  return { pending, schedule, fire, settled, delays };
}

async function openReplay(scenario = tinyTour(), options: { schedule?: Schedule; size?: { columns: number; rows: number } } = {}) {
  const player = createScenarioPlayer(scenario);
  player.next(); // the TUI opens a scenario on step 1 (App's openScenario)
  const ui = await renderUi(h(SandboxScreen, { player, ...(options.schedule ? { schedule: options.schedule } : {}) }), options.size ?? { columns: 120, rows: 40 });
  await ui.waitFor('Step 1 of 5');
  return { ui, player };
}

const guide = (frame: string) => paneText(frame, 'Guide');
/** The Audit pane's event names, newest first. */
const auditEvents = (frame: string) => [...paneText(frame, 'Audit').matchAll(/\d\d:\d\d:\d\d (\w+)/g)].map((m) => m[1]);

async function atStep(ui: RenderedUi, k: number): Promise<string> {
  return ui.waitFor((f) => guide(f).includes(`Step ${k} of 5`) && statusBar(f).includes(`tiny-tour ${k}/5`));
}

afterEach(cleanupUi);

describe('SandboxScreen replaying a scenario', () => {
  it('opens on step 1: its title, narration, command and ✓ outcome in the Guide, its record in Audit, the key in Keys', async () => {
    const { ui } = await openReplay();
    const frame = await ui.waitFor((f) => auditEvents(f).includes('CreateKey'));
    const text = guide(frame);
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/Step 1 of 5 ▰▱▱▱▱/);
    expect(text).toContain('Make a key');
    expect(text).toContain('CreateKey makes a symmetric key in us-east-1.');
    expect(text).toContain('$ key = kms create-key --description tiny');
    expect(text).toMatch(/✓ succeeded, as expected \(1 audit record\)/);
    expect(auditEvents(frame)).toEqual(['CreateKey']);
    expect(paneText(frame, 'Keys')).toContain('● Enabled');
    expect(paneText(frame, 'Console')).toContain('"Description": "tiny"'); // the step's output, as if typed
    expect(focusedPane(frame)).toBe('Guide'); // the replay's keys work at once
    expect(statusBar(frame)).toMatch(/tiny-tour 1\/5 ⏸ paused 1×/);
    expect(statusBar(frame)).toContain('2026-03-02 09:00:00 UTC');
  });

  it('steps forward with → and n, back with ← and b, and restarts with r, the progress bar and Audit following', async () => {
    const { ui, player } = await openReplay();
    await ui.press('right');
    await ui.press('right');
    let frame = await atStep(ui, 3);
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/Step 3 of 5 ▰▰▰▱▱/);
    expect(guide(frame)).toContain('Encrypt under it');
    frame = await ui.waitFor((f) => auditEvents(f)[0] === 'Encrypt');
    expect(auditEvents(frame)).toEqual(['Encrypt', 'CreateKey']);

    await ui.press('n');
    frame = await atStep(ui, 4);
    expect(guide(frame)).toContain('Disable it');
    await ui.waitFor((f) => paneText(f, 'Keys').includes('● Disabled'));

    // Back replays steps 1–3 in a fresh sandbox: the key is Enabled again, a new one.
    const before = player.session.sandbox;
    await ui.press('left');
    frame = await atStep(ui, 3);
    expect(player.session.sandbox).not.toBe(before);
    frame = await ui.waitFor((f) => paneText(f, 'Keys').includes('● Enabled') && auditEvents(f).length === 2);
    expect(auditEvents(frame)).toEqual(['Encrypt', 'CreateKey']);
    await ui.press('b');
    frame = await atStep(ui, 2);
    expect(guide(frame)).toContain('Nothing runs in this step');
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/▰▰▱▱▱/);

    await ui.press('r');
    frame = await atStep(ui, 1);
    frame = await ui.waitFor((f) => auditEvents(f).length === 1);
    expect(guide(frame)).toContain('Make a key');
    expect(statusBar(frame)).toContain('⏸ paused');

    // Back from step 1: the start, with the scenario's summary.
    await ui.press('left');
    frame = await ui.waitFor((f) => guide(f).includes('Start · 5 steps'));
    expect(guide(frame)).toContain('A tiny tour for the TUI tests');
    expect(guide(frame)).toContain('A key is made, used, disabled, and refused.');
    expect(statusBar(frame)).toContain('tiny-tour 0/5');
  });

  it('shows the goals ✓/✗ after the last step, and a ✗ outcome with its failures', async () => {
    const { ui } = await openReplay(undefined, { size: { columns: 120, rows: 70 } });
    for (let k = 2; k <= 5; k += 1) {
      await ui.press('right');
      await atStep(ui, k);
    }
    const frame = await ui.waitFor((f) => guide(f).includes('Goals'));
    const text = guide(frame);
    expect(text).toMatch(/✓ failed with DisabledException, as expected/);
    expect(text).toMatch(/✓ Encrypt ran in us-east-1/);
    expect(text).toMatch(/✓ The key is disabled/);
    expect(statusBar(frame)).toContain('tiny-tour 5/5 ■ done');

    // A scenario whose step expects the wrong thing shows ✗ and why.
    cleanupUi();
    const scenario = tinyTour();
    const [first, ...rest] = scenario.steps;
    const wrong: Scenario = { ...scenario, steps: [{ ...first!, expect: { ok: false, error: 'NotFoundException' } }, ...rest] };
    const { ui: other } = await openReplay(wrong);
    const failed = await other.waitFor((f) => guide(f).includes('✗ not as expected'));
    expect(guide(failed)).toMatch(/NotFoundException/);
    cleanupUi();

    // A start state whose setup fails says so above the step.
    const broken: Scenario = { ...scenario, start: { ...scenario.start, setup: ['kms describe-key --key-id alias/missing'] } };
    const { ui: third } = await openReplay(broken);
    const warned = await third.waitFor((f) => guide(f).includes('did not set up'));
    expect(guide(warned)).toMatch(/start\.setup "kms describe-key --key-id alias\/missing"/);
  });

  it('plays with Space at the current speed, + and - change it, and the status bar says so', async () => {
    const timers = manualSchedule();
    const { ui } = await openReplay(undefined, { schedule: timers.schedule });
    await timers.settled(0);

    await ui.press(' ');
    let frame = await ui.waitFor((f) => statusBar(f).includes('▶ playing 1×'));
    expect(await timers.delays()).toEqual([3000]);
    await ui.press('+');
    frame = await ui.waitFor((f) => statusBar(f).includes('▶ playing 2×'));
    expect(await timers.delays()).toEqual([1500]);
    await ui.press('+');
    await ui.press('+'); // 4× is the fastest
    await ui.waitFor((f) => statusBar(f).includes('▶ playing 4×'));
    expect(await timers.delays()).toEqual([750]);
    for (let i = 0; i < 4; i += 1) await ui.press('-');
    await ui.waitFor((f) => statusBar(f).includes('▶ playing 0.5×'));
    expect(await timers.delays()).toEqual([6000]);

    await timers.fire();
    frame = await atStep(ui, 2);
    expect(statusBar(frame)).toContain('▶ playing');
    await timers.fire();
    await atStep(ui, 3);

    await ui.press(' ');
    frame = await ui.waitFor((f) => statusBar(f).includes('⏸ paused 0.5×'));
    await timers.settled(0);

    // Playing to the end stops by itself.
    await ui.press(' ');
    await timers.fire();
    await atStep(ui, 4);
    await timers.fire();
    frame = await ui.waitFor((f) => statusBar(f).includes('tiny-tour 5/5 ■ done'));
    await timers.settled(0);
  });

  it('lets the learner take over: the console pauses playback, runs in the same session, and → goes on with the script', async () => {
    const timers = manualSchedule();
    const { ui, player } = await openReplay(undefined, { schedule: timers.schedule });
    await ui.press(' ');
    await ui.waitFor((f) => statusBar(f).includes('▶ playing'));

    await ui.press('tab'); // Guide → Console, typing
    let frame = await ui.waitFor((f) => focusedPane(f) === 'Console' && statusBar(f).includes('⏸ paused'));
    await timers.settled(0);
    await ui.type('kms create-alias --alias-name alias/mine --target-key-id $key.KeyMetadata.KeyId');
    await ui.press('enter');
    frame = await ui.waitFor((f) => auditEvents(f)[0] === 'CreateAlias');
    expect(paneText(frame, 'Keys')).toContain('alias/mine');
    expect(player.position).toBe(1);

    // Esc leaves the input; → runs the script's next steps in the same session, after theirs.
    await ui.press('escape');
    await ui.press('right');
    await atStep(ui, 2);
    await ui.press('right');
    frame = await ui.waitFor((f) => auditEvents(f)[0] === 'Encrypt');
    expect(auditEvents(frame)).toEqual(['Encrypt', 'CreateAlias', 'CreateKey']);
    expect(guide(frame)).toMatch(/✓ succeeded, as expected/);
    const console = paneText(frame, 'Console');
    expect(console.indexOf('create-alias')).toBeLessThan(console.indexOf('$ step 3: ct = kms encrypt'));
  });

  it('checks an exercise\'s goals after each of the learner\'s commands, above the step, until the player moves', async () => {
    // Given the tiny tour as an exercise, on step 1 (the key exists), its goals not shown yet
    const exercise: Scenario = { ...tinyTour(), exercise: { task: 'Encrypt under the key, then disable it.', solution: [] } };
    const { ui, player } = await openReplay(exercise);
    expect(guide(ui.frame())).not.toContain('Goals');

    // When the learner takes over and encrypts, the goals appear, that one met
    await ui.press('i');
    await ui.waitFor((f) => focusedPane(f) === 'Console');
    await ui.type('kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext mine');
    await ui.press('enter');
    let frame = await ui.waitFor((f) => guide(f).includes('Goals'));
    expect(guide(frame)).toMatch(/✓ Encrypt ran in us-east-1/);
    expect(guide(frame)).toMatch(/✗ The key is disabled — The key must end disabled/);
    expect(guide(frame).indexOf('Goals')).toBeLessThan(guide(frame).indexOf('Make a key')); // above the step, in view while typing

    // Help changes nothing: no goal is checked again (a check's command would add a record)
    const records = player.session.sandbox.audit.size;
    await ui.type('help');
    await ui.press('enter');
    await ui.waitFor((f) => paneText(f, 'Console').includes('help [command]'));
    expect(player.session.sandbox.audit.size).toBe(records);

    // And when the learner disables the key, the second goal turns green
    await ui.type('kms disable-key --key-id $key.KeyMetadata.KeyId');
    await ui.press('enter');
    frame = await ui.waitFor((f) => /✓ The key is disabled/.test(guide(f)));
    expect(guide(frame)).toMatch(/✓ Encrypt ran in us-east-1/);
    expect(statusBar(frame)).toContain('tiny-tour 1/5');

    // Then a move of the player hides them again until the script is done
    await ui.press('escape');
    await ui.press('right');
    frame = await atStep(ui, 2);
    expect(guide(frame)).not.toContain('Goals');
  });

  it('checks the goals again after the learner\'s commands once the script is done', async () => {
    const { ui } = await openReplay(undefined, { size: { columns: 120, rows: 70 } });
    for (let k = 2; k <= 5; k += 1) {
      await ui.press('right');
      await atStep(ui, k);
    }
    await ui.waitFor((f) => /✓ The key is disabled/.test(guide(f)));
    await ui.press('i');
    await ui.type('kms enable-key --key-id $key.KeyMetadata.KeyId');
    await ui.press('enter');
    const frame = await ui.waitFor((f) => /✗ The key is disabled/.test(guide(f)));
    expect(guide(frame)).toMatch(/✓ Encrypt ran in us-east-1/);
  });

  it('takes over with i: the console input gets the keys and playback pauses', async () => {
    const timers = manualSchedule();
    const { ui } = await openReplay(undefined, { schedule: timers.schedule });
    await ui.press(' ');
    await timers.settled(1);
    await ui.press('i');
    const frame = await ui.waitFor((f) => focusedPane(f) === 'Console' && statusBar(f).includes('⏸ paused'));
    expect(statusBar(frame)).toContain('Enter run the command');
    await timers.settled(0);
    await ui.type('n'); // typed into the console, not a step
    await ui.waitFor((f) => (findPane(f, 'Console')?.lines ?? []).some((l) => l.includes('us-east-1 › n')));
    expect(statusBar(ui.frame())).toContain('tiny-tour 1/5');
  });

  it('lists the replay keys in the help overlay and the status bar', async () => {
    const { ui } = await openReplay();
    expect(statusBar(ui.frame())).toContain('→/n ←/b Space');
    await ui.press('?');
    const help = await ui.waitFor('Key bindings');
    expect(help).toContain('Scenario replay (outside the console input)');
    expect(help).toMatch(/→ \/ n\s+next step/);
    expect(help).toMatch(/Space\s+play \/ pause/);
    expect(help).toMatch(/x\s+try it yourself/);
    expect(help).toMatch(/h\s+hint: an exercise's next hint/);
    // In a replay the replay's keys come first, so a short terminal still shows them
    expect(help.indexOf('Scenario replay')).toBeLessThan(help.indexOf('Everywhere'));
  });
});

const DELETION_RESCUE = fileURLToPath(new URL('../../../scenarios/05-deletion-rescue.yaml', import.meta.url));

/** deletion-rescue, a real exercise: three goals, three hints, a three-line reference solution. */
function deletionRescue(): Scenario {
  const { scenario, errors } = loadScenarioFile(DELETION_RESCUE);
  expect(errors).toEqual([]);
  if (!scenario?.exercise) throw new Error('deletion-rescue is no longer an exercise');
  return scenario;
}

async function openExercise(size = { columns: 120, rows: 40 }) {
  const player = createScenarioPlayer(deletionRescue());
  player.next();
  const ui = await renderUi(h(SandboxScreen, { player }), size);
  await ui.waitFor('Step 1 of 10');
  return { ui, player };
}

/** The goals as the Guide lists them in exercise mode: `✓ title` or `✗ title`. */
const goalLines = (frame: string) => [...guide(frame).matchAll(/\* ([✓✗]) (.+?)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`);

describe('SandboxScreen: exercise mode', () => {
  it('says a scenario is an exercise, with its task and the key to try it', async () => {
    const { ui } = await openExercise({ columns: 120, rows: 90 });
    const frame = ui.frame();
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/Step 1 of 10 ▰▱+ · exercise: press x/);
    expect(guide(frame)).toContain('Exercise');
    expect(guide(frame)).toContain('Two keys were scheduled for deletion');
    expect(guide(frame)).toMatch(/Press x to try it yourself/);
    expect(statusBar(frame)).toContain('x try it yourself');
  });

  it('starts over with x at the start state, the console focused, and turns each goal ✓ as the reference solution is typed', async () => {
    // Given deletion-rescue on step 1
    const { ui, player } = await openExercise();
    const [cancel, enable, decrypt] = player.scenario.exercise!.solution;

    // When the learner presses x
    await ui.press('x');
    let frame = await ui.waitFor((f) => findPane(f, 'Guide')?.lines[0]?.startsWith('Exercise · 0 of 3 goals met') === true);
    // Then the setup has run and no step: no DescribeKey (step 1's call) in Audit
    expect(player.position).toBe(0);
    expect(auditEvents(frame)).not.toContain('DescribeKey');
    expect(auditEvents(frame)).toContain('ScheduleKeyDeletion');
    expect(focusedPane(frame)).toBe('Console');
    expect(statusBar(frame)).toContain('deletion-rescue ✎ 0/3 goals');
    expect(paneText(frame, 'Console')).toContain('Exercise — Two keys were scheduled');
    expect(guide(frame)).toContain('Task: Two keys were scheduled');
    expect(goalLines(frame)).toEqual(['✗ The deletion of the invoices key was cancelled', '✗ The invoices key is Enabled', '✗ The invoice decrypts again']);

    // When the learner types the solution's first line, the deletion is cancelled
    await ui.type(cancel!);
    await ui.press('enter');
    frame = await ui.waitFor((f) => statusBar(f).includes('1/3 goals'));
    expect(goalLines(frame)).toEqual(['✓ The deletion of the invoices key was cancelled', '✗ The invoices key is Enabled', '✗ The invoice decrypts again']);
    expect(guide(frame)).not.toContain('exercise solved');
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/^Exercise · 1 of 3 goals met ▰▱▱/);

    // And the second: the key is Enabled, so the invoice decrypts too (the goal's own check)
    await ui.type(enable!);
    await ui.press('enter');
    frame = await ui.waitFor((f) => statusBar(f).includes('✓ solved 3/3 goals'));
    expect(goalLines(frame)).toEqual(['✓ The deletion of the invoices key was cancelled', '✓ The invoices key is Enabled', '✓ The invoice decrypts again']);
    expect(guide(frame)).toContain('✓ All goals met — exercise solved.');
    expect(findPane(frame, 'Guide')?.lines[0]).toMatch(/^Exercise solved · 3 of 3 goals met ▰▰▰/);

    // And the third (the learner's own Decrypt) keeps it solved; Audit shows the learner's calls only
    await ui.type(decrypt!);
    await ui.press('enter');
    frame = await ui.waitFor((f) => auditEvents(f)[0] === 'Decrypt');
    expect(auditEvents(frame).slice(0, 3)).toEqual(['Decrypt', 'EnableKey', 'CancelKeyDeletion']);
    expect(auditEvents(frame).filter((e) => e === 'Decrypt')).toHaveLength(1);
    expect(guide(frame)).toContain('exercise solved');
    expect(player.position).toBe(0);
  });

  it('reveals the hints one at a time with h, outside the console input', async () => {
    const { ui, player } = await openExercise({ columns: 120, rows: 70 });
    const hints = player.scenario.hints;
    expect(hints).toHaveLength(3);
    await ui.press('x');
    let frame = await ui.waitFor((f) => focusedPane(f) === 'Console' && guide(f).includes('h shows a hint (3 left'));
    expect(guide(frame)).not.toContain('Hint 1');

    // h typed in the console is a letter, not a hint
    await ui.type('h');
    await ui.waitFor((f) => paneText(f, 'Console').includes('us-east-1 › h'));
    expect(guide(ui.frame())).not.toContain('Hint 1');
    await ui.press('backspace');
    await ui.press('escape');
    frame = await ui.waitFor((f) => statusBar(f).includes('h hint · i take over · x try it yourself'));

    for (let shown = 1; shown <= hints.length; shown += 1) {
      await ui.press('h');
      frame = await ui.waitFor((f) => guide(f).includes(`Hint ${shown} of 3:`));
      expect(guide(frame)).not.toContain(`Hint ${shown + 1} of 3:`);
      expect(guide(frame).replace(/\s+/g, ' ')).toContain(hints[shown - 1]);
    }
    expect(guide(frame)).toContain('Every hint is shown.');
    await ui.press('h'); // no fourth
    expect(guide(ui.frame())).not.toContain('Hint 4');

    // i types again; x starts over with no hint shown
    await ui.press('i');
    await ui.waitFor((f) => statusBar(f).includes('Enter run the command'));
    await ui.press('escape');
    await ui.press('x');
    frame = await ui.waitFor((f) => guide(f).includes('h shows a hint (3 left'));
    expect(guide(frame)).not.toContain('Hint 1');
  });

  it('ends when the script moves: → runs step 1, and the Guide shows the step again', async () => {
    const { ui, player } = await openExercise();
    await ui.press('x');
    await ui.waitFor((f) => statusBar(f).includes('✎ 0/3 goals'));
    await ui.press('escape');
    await ui.press('right');
    const frame = await ui.waitFor((f) => guide(f).includes('Step 1 of 10'));
    expect(player.position).toBe(1);
    expect(statusBar(frame)).toContain('deletion-rescue 1/10');
    expect(guide(frame)).not.toContain('Task:');
    await ui.press('h'); // not trying: h does nothing
    expect(guide(ui.frame())).not.toContain('Hint 1');
  });

  it('keeps x and h out of a scenario that is not an exercise', async () => {
    const { ui, player } = await openReplay();
    expect(findPane(ui.frame(), 'Guide')?.lines[0]).not.toContain('exercise');
    expect(statusBar(ui.frame())).not.toContain('x try it');
    await ui.press('x');
    await ui.press('h');
    expect(player.position).toBe(1);
    expect(focusedPane(ui.frame())).toBe('Guide');
    expect(guide(ui.frame())).not.toContain('Exercise');
  });

  it('keeps the exercise line in view in a stacked 80×24 screen while the learner types', async () => {
    const { ui, player } = await openExercise({ columns: 80, rows: 24 });
    await ui.press('x');
    let frame = await ui.waitFor((f) => focusedPane(f) === 'Console' && findPane(f, 'Guide')?.lines[0]?.startsWith('Exercise · 0 of 3 goals met') === true);
    expect(paneText(frame, 'Console')).toContain('Exercise — Two keys were scheduled');
    expect(statusBar(frame)).toContain('deletion-rescue ✎ 0/3');
    for (const line of player.scenario.exercise!.solution) {
      await ui.type(line);
      await ui.press('enter');
    }
    frame = await ui.waitFor((f) => findPane(f, 'Guide')?.lines[0]?.startsWith('Exercise solved · 3 of 3 goals met') === true);
    expect(statusBar(frame)).toContain('deletion-rescue ✓ 3/3');
  });
});
