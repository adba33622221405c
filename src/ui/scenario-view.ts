import type { ScenarioPlayer, StepResult } from '../engine/scenarios/contract.js';

/** Playback speeds, slowest first; `+` and `-` move through them. */
export const SPEEDS = [0.5, 1, 2, 4] as const;
/** The index of 1× in SPEEDS. */
export const NORMAL_SPEED = 1;
/** How long a step stays on screen while playing at 1×, in milliseconds of real time. */
export const STEP_MS = 3000;

/** A speed as the status bar shows it: `0.5×`, `1×`, `2×`, `4×`. */
export function speedLabel(speed: number): string {
  return `${speed}×`;
}

/** `▰▰▱▱▱` for `done` of `total`, at most `width` cells (scaled down for long scenarios). */
export function progressBar(done: number, total: number, width = 20): string {
  if (total <= 0) return '';
  const cells = Math.max(1, Math.min(total, width));
  const lit = Math.round((Math.min(done, total) / total) * cells);
  return '▰'.repeat(lit) + '▱'.repeat(cells - lit);
}

/** The progress line above the Guide's text: `Step 2 of 5 ▰▰▱▱▱`. */
export function progressLine(player: Pick<ScenarioPlayer, 'position' | 'scenario'>, width = 20): string {
  const total = player.scenario.steps.length;
  const label = player.position === 0 ? `Start · ${total} steps` : `Step ${player.position} of ${total}`;
  return `${label} ${progressBar(player.position, total, width)}`;
}

/**
 * What the scenario's status bar part says: `id 2/5 ▶ playing 1×`, `id 2/5 ⏸ paused 1×` or
 * `id 5/5 ■ done 1×`; `compact` (narrow terminals) keeps the symbol only.
 */
export function scenarioStatus(player: Pick<ScenarioPlayer, 'position' | 'scenario' | 'done'>, playing: boolean, speed: number, compact = false): string {
  const [symbol, word] = playing ? ['▶', 'playing'] : player.done ? ['■', 'done'] : ['⏸', 'paused'];
  return `${player.scenario.id} ${player.position}/${player.scenario.steps.length} ${compact ? symbol : `${symbol} ${word}`} ${speedLabel(speed)}`;
}

/**
 * The Guide's Markdown for where the player is: before the first step the scenario's title and
 * summary; then the step's title, narration, its command and outcome (✓, or ✗ with each
 * failure); and the goals ✓/✗ with why a goal is not met, when given: after the step (the
 * script is done), or above it with `goalsFirst` (the learner's own commands were checked, and
 * the Guide is not focused to scroll while they type).
 */
export function scenarioGuide(player: ScenarioPlayer, goals?: ReturnType<ScenarioPlayer['checkGoals']>, options: { goalsFirst?: boolean } = {}): string {
  const { scenario } = player;
  const parts: string[] = [];
  // The player says when start.setup failed (a content bug): the story may not hold then.
  const setup = player.setupFailures;
  if (setup.length > 0) parts.push(['✗ the start state did not set up as written:', ...setup.map((f) => `- ${f}`)].join('\n'));
  const goalList =
    goals && goals.length > 0 ? ['## Goals', goals.map((g) => `- ${g.met ? '✓' : '✗'} ${g.goal.title}${g.met ? '' : ` — ${g.reason ?? g.goal.failure}`}`).join('\n')] : [];
  if (options.goalsFirst) parts.push(...goalList);
  if (player.position === 0) {
    parts.push(`# ${scenario.title}`, scenario.summary.trim(), `Press **→** (or **n**) to run step 1, **Space** to play. Press **?** for every key.`);
  } else {
    const result = player.results[player.position - 1];
    const step = result?.step ?? scenario.steps[player.position - 1];
    if (step) {
      parts.push(`# ${step.title}`, step.narration.trim());
      if (step.command !== undefined) parts.push(commandBlock(step.command), outcome(result));
    }
  }
  if (!options.goalsFirst) parts.push(...goalList);
  if (player.done) parts.push('The script is done: the console is yours. **←** goes back, **r** starts over.');
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** Commands longer than this are cut in the Guide (the Console shows them whole). */
const COMMAND_SHOWN = 160;

function commandBlock(command: string): string {
  const shown = command.length > COMMAND_SHOWN ? `${command.slice(0, COMMAND_SHOWN)}… (${command.length} characters)` : command;
  return `\`$ ${shown.replace(/`/g, "'")}\``;
}

function outcome(result: StepResult | undefined): string {
  if (!result) return '';
  if (result.failures.length === 0) return `✓ ${expected(result)}`;
  return [`✗ not as expected:`, ...result.failures.map((f) => `- ${f}`)].join('\n');
}

function expected(result: StepResult): string {
  const expect = result.step.expect;
  const records = result.audit.length === 1 ? '1 audit record' : `${result.audit.length} audit records`;
  if (!expect) return `ran (${records})`;
  return `${expect.ok ? 'succeeded' : `failed with ${expect.error ?? 'an error'}`}, as expected (${records})`;
}
