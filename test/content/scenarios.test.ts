import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScenarioPlayer, loadScenarioFile, runLine, type Scenario } from '../../src/engine/scenarios/index.js';

// Generated from the folder: a scenario added to scenarios/ is tested without editing this file.
const DIR = new URL('../../scenarios/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();

function load(name: string): Scenario {
  const { scenario, errors } = loadScenarioFile(join(DIR, name));
  expect(errors.map((e) => `${e.file}:${e.line}: ${e.field}: ${e.message}. ${e.fix}`)).toEqual([]);
  if (!scenario) throw new Error(`${name} did not load`);
  return scenario;
}

describe('scenarios/', () => {
  it('holds the first three stories', () => {
    expect(FILES).toEqual(expect.arrayContaining(['01-cross-region-snapshot.yaml', '02-imported-symmetric-key.yaml', '03-hmac-verification.yaml']));
  });

  it('has unique ids', () => {
    const ids = FILES.map((name) => load(name).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(FILES)('%s', (name) => {
  it('loads without errors', () => {
    load(name);
  });

  it('replays green: every step as expected' + ' and, unless it is an exercise, every goal met', () => {
    const player = createScenarioPlayer(load(name));
    expect(player.setupFailures).toEqual([]);
    while (!player.done) {
      const step = player.next();
      expect(step?.failures, `step ${(step?.index ?? 0) + 1} "${step?.step.title}"`).toEqual([]);
    }
    expect(player.results).toHaveLength(player.scenario.steps.length);
    if (!player.scenario.exercise) expect(player.checkGoals().filter((g) => !g.met).map((g) => `${g.goal.id}: ${g.reason}`)).toEqual([]);
  });

  it('as an exercise, starts unsolved and its reference solution solves it', ({ skip }) => {
    const scenario = load(name);
    if (!scenario.exercise) return skip('not an exercise');
    const player = createScenarioPlayer(scenario);
    // Given the start state and setup, at least one goal fails.
    expect(player.checkGoals().some((g) => !g.met)).toBe(true);
    // When the reference solution runs in a fresh start state…
    player.restart();
    for (const line of scenario.exercise.solution) expect(runLine(player.session, line).malformed, line).toBeUndefined();
    // …then every goal is met.
    expect(player.checkGoals().filter((g) => !g.met).map((g) => `${g.goal.id}: ${g.reason}`)).toEqual([]);
  });
});
