import { describe, expect, it } from 'vitest';
import type { Goal } from '../../src/engine/scenarios/index.js';
import { allGoalsMet, exerciseGuide, exerciseLine, exerciseStatus, plainTask, progressBar, progressLine, scenarioStatus, speedLabel, SPEEDS } from '../../src/ui/scenario-view.js';

const player = (position: number, steps = 5, done = position >= steps) => ({ position, done, scenario: { id: 'demo', steps: Array.from({ length: steps }) } }) as never;

describe('scenario view', () => {
  it('draws the progress bar ▰▱, one cell a step, scaled down for long scenarios', () => {
    expect(progressBar(0, 5)).toBe('▱▱▱▱▱');
    expect(progressBar(2, 5)).toBe('▰▰▱▱▱');
    expect(progressBar(5, 5)).toBe('▰▰▰▰▰');
    expect(progressBar(20, 40, 10)).toBe('▰▰▰▰▰▱▱▱▱▱');
    expect(progressBar(0, 0)).toBe('');
  });

  it('says where the replay is and how it plays', () => {
    expect(progressLine(player(0))).toBe('Start · 5 steps ▱▱▱▱▱');
    expect(progressLine(player(3))).toBe('Step 3 of 5 ▰▰▰▱▱');
    expect(scenarioStatus(player(3), true, 2)).toBe('demo 3/5 ▶ playing 2×');
    expect(scenarioStatus(player(3), false, 0.5)).toBe('demo 3/5 ⏸ paused 0.5×');
    expect(scenarioStatus(player(5), false, 1)).toBe('demo 5/5 ■ done 1×');
    expect(scenarioStatus(player(3), false, 4, true)).toBe('demo 3/5 ⏸ 4×'); // narrow terminals
    expect(SPEEDS.map(speedLabel)).toEqual(['0.5×', '1×', '2×', '4×']);
  });

  it('adds the exercise key to the progress line of an exercise', () => {
    const exercise = { position: 2, scenario: { id: 'demo', steps: Array.from({ length: 5 }), exercise: { task: 'Do it.', solution: [] } } } as never;
    expect(progressLine(exercise)).toBe('Step 2 of 5 ▰▰▱▱▱ · exercise: press x');
  });
});

const goal = (title: string): Goal => ({ id: title, title, check: { audit: { eventName: 'Encrypt' } }, failure: `${title} is not met: do the thing.` });
const checks = (...met: boolean[]) => met.map((m, i) => (m ? { goal: goal(`Goal ${i + 1}`), met: true } : { goal: goal(`Goal ${i + 1}`), met: false, reason: 'why' }));
const exercise = (hints: string[], setupFailures: string[] = []) =>
  ({ setupFailures, scenario: { hints, exercise: { task: 'Make **the key** `Enabled`\nagain.\n', solution: [] } } }) as never;

describe('exercise mode view', () => {
  it('counts the goals met in the Guide line and the status bar, and says solved when all are', () => {
    expect(exerciseLine(checks(true, false, false))).toBe('Exercise · 1 of 3 goals met ▰▱▱');
    expect(exerciseLine(checks(true, true))).toBe('Exercise solved · 2 of 2 goals met ▰▰');
    expect(exerciseStatus('demo', checks(true, false))).toBe('demo ✎ 1/2 goals');
    expect(exerciseStatus('demo', checks(true, true))).toBe('demo ✓ solved 2/2 goals');
    expect(exerciseStatus('demo', checks(false, false), true)).toBe('demo ✎ 0/2');
    expect(allGoalsMet([])).toBe(false); // an exercise without goals is never solved
  });

  it('lists the goals ✓/✗ by title, the hints shown, then the task and the keys', () => {
    const text = exerciseGuide(exercise(['First hint.', 'Second hint.']), checks(true, false), 1);
    expect(text.indexOf('- ✓ Goal 1\n- ✗ Goal 2')).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain('do the thing'); // the reasons would give the solution away
    expect(text).toContain('**Hint 1 of 2:** First hint.');
    expect(text).not.toContain('Second hint.');
    expect(text.indexOf('Hint 1')).toBeLessThan(text.indexOf('**Task:** Make **the key**'));
    expect(text).toContain('**h** shows a hint (1 left');
    expect(text).not.toContain('solved');
  });

  it('says plainly when every goal is met, on top', () => {
    const text = exerciseGuide(exercise(['Only hint.']), checks(true, true), 1);
    expect(text.startsWith('**✓ All goals met — exercise solved.**')).toBe(true);
    expect(text).toContain('Every hint is shown.');
    expect(exerciseGuide(exercise([]), checks(false), 0)).toContain('This exercise has no hints.');
  });

  it('warns above everything when the start state did not set up', () => {
    expect(exerciseGuide(exercise([], ['start.setup "kms x": malformed']), checks(false), 0)).toMatch(/^✗ the start state did not set up as written:\n- start\.setup "kms x"/);
  });

  it('gives the task as one plain line for the console', () => {
    expect(plainTask({ exercise: { task: 'Make **the key** `Enabled`\nagain.\n', solution: [] } })).toBe('Make the key Enabled again.');
    expect(plainTask({})).toBe('');
  });
});
