import type { Scenario, ScenarioPlayer, StepResult } from '../engine/scenarios/contract.js';

/** The goals as the player checked them: each with whether it holds and why not. */
export type GoalChecks = ReturnType<ScenarioPlayer['checkGoals']>;

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

/**
 * The progress line above the Guide's text: `Step 2 of 5 ▰▰▱▱▱`, and `· exercise: press x` for an
 * exercise (kept in view however small the Guide).
 */
export function progressLine(player: Pick<ScenarioPlayer, 'position' | 'scenario'>, width = 20): string {
  const total = player.scenario.steps.length;
  const label = player.position === 0 ? `Start · ${total} steps` : `Step ${player.position} of ${total}`;
  return `${label} ${progressBar(player.position, total, width)}${player.scenario.exercise ? ' · exercise: press x' : ''}`;
}

/** True when there are goals and every one is met. */
export function allGoalsMet(goals: GoalChecks): boolean {
  return goals.length > 0 && goals.every((g) => g.met);
}

/** The line above the Guide's text in exercise mode: `Exercise · 1 of 3 goals met ▰▱▱`, or `Exercise solved · …`. */
export function exerciseLine(goals: GoalChecks, width = 20): string {
  const met = goals.filter((g) => g.met).length;
  return `${allGoalsMet(goals) ? 'Exercise solved' : 'Exercise'} · ${met} of ${goals.length} goals met ${progressBar(met, goals.length, width)}`;
}

/** The status bar's part in exercise mode: `id ✎ 1/3 goals` or `id ✓ solved 3/3 goals`; `compact` keeps `id ✎ 1/3`. */
export function exerciseStatus(id: string, goals: GoalChecks, compact = false): string {
  const met = `${goals.filter((g) => g.met).length}/${goals.length}`;
  const solved = allGoalsMet(goals);
  if (compact) return `${id} ${solved ? '✓' : '✎'} ${met}`;
  return `${id} ${solved ? '✓ solved' : '✎'} ${met} goals`;
}

/**
 * The Guide's Markdown in exercise mode (the learner solves an exercise from its start state):
 * what changes on top (solved, the goals ✓/✗, the hints shown so far), then the task, then the
 * keys. Goals show their titles only: the reasons spell out the solution, which the hints give
 * one at a time.
 */
export function exerciseGuide(player: Pick<ScenarioPlayer, 'scenario' | 'setupFailures'>, goals: GoalChecks, hintsShown: number): string {
  const { scenario } = player;
  const hints = scenario.hints.slice(0, hintsShown);
  const left = scenario.hints.length - hints.length;
  const solved = allGoalsMet(goals);
  const parts = [
    ...setupWarning(player.setupFailures),
    solved ? '**✓ All goals met — exercise solved.**' : '',
    goals.map((g) => `- ${g.met ? '✓' : '✗'} ${g.goal.title}`).join('\n'),
    ...hints.map((hint, i) => `**Hint ${i + 1} of ${scenario.hints.length}:** ${hint}`),
    `**Task:** ${scenario.exercise?.task.trim() ?? ''}`,
    [
      left > 0 ? `**h** shows a hint (${left} left; Esc first if you are typing).` : scenario.hints.length === 0 ? 'This exercise has no hints.' : 'Every hint is shown.',
      solved ? '**r** replays the scenario from step 1, **x** starts the exercise over.' : '**x** starts over, **r** goes back to the replay.',
    ].join(' '),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** The task as one plain line (the Console shows it before the learner's first command). */
export function plainTask(scenario: Pick<Scenario, 'exercise'>): string {
  return (scenario.exercise?.task ?? '').replace(/\*\*|`/g, '').replace(/\s+/g, ' ').trim();
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
 * the Guide is not focused to scroll while they type). An exercise ends with its task and how to
 * try it (`x`).
 */
export function scenarioGuide(player: ScenarioPlayer, goals?: GoalChecks, options: { goalsFirst?: boolean } = {}): string {
  const { scenario } = player;
  const parts: string[] = [];
  parts.push(...setupWarning(player.setupFailures));
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
  if (scenario.exercise)
    parts.push('## Exercise', scenario.exercise.task.trim(), 'Press **x** to try it yourself: the scenario starts over at its start state, no step played, and the console is yours.');
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** The player says when start.setup failed (a content bug): the story may not hold then. */
function setupWarning(failures: readonly string[]): string[] {
  return failures.length === 0 ? [] : [['✗ the start state did not set up as written:', ...failures.map((f) => `- ${f}`)].join('\n')];
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
