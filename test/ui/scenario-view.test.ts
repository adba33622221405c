import { describe, expect, it } from 'vitest';
import { progressBar, progressLine, scenarioStatus, speedLabel, SPEEDS } from '../../src/ui/scenario-view.js';

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
});
