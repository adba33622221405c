import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toWire } from '../console/format.js';
import type { ContentError, Scenario } from './contract.js';
import { loadScenarioDir, loadScenarioFile } from './load-scenario.js';
import { createScenarioPlayer, outcomeCode } from './scenario-player.js';

/** The project's scenarios/ folder, from src/ or from dist/src/. */
export function scenariosDir(): string {
  for (const candidate of ['../../../scenarios', '../../../../scenarios']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return fileURLToPath(new URL('../../../scenarios', import.meta.url));
}

/** Renders a content error as `file:line: field: message` and its fix on the next line. */
export function formatContentError(error: ContentError): string {
  return `${error.file}${error.line > 0 ? `:${error.line}` : ''}: ${error.field}: ${error.message}\n    fix: ${error.fix}`;
}

/** Finds a scenario by id (in scenarios/) or loads it from a file path. */
export function resolveScenario(idOrFile: string): { scenario?: Scenario; errors: readonly ContentError[]; notFound?: string } {
  if (/\.ya?ml$/.test(idOrFile) || idOrFile.includes('/')) return loadScenarioFile(idOrFile);
  const dir = scenariosDir();
  const { scenarios, files } = loadScenarioDir(dir);
  const found = scenarios.find((s) => s.id === idOrFile);
  if (found) return { scenario: found, errors: [] };
  // A file named for the id that did not load: show its errors.
  const file = files.find((f) => f.endsWith(`-${idOrFile}.yaml`) || f.endsWith(`-${idOrFile}.yml`));
  if (file) return loadScenarioFile(file);
  return { errors: [], notFound: `no scenario "${idOrFile}"; "kms-sandbox list scenarios" shows the ids (or give a FILE.yaml)` };
}

/** Plays a scenario to the end, printing each step (plain or JSON Lines); returns the exit code. */
export function replayScenario(scenario: Scenario, out: (line: string) => void, json: boolean): number {
  const player = createScenarioPlayer(scenario);
  let failed = 0;
  if (player.setupFailures.length > 0) {
    failed += 1;
    if (json) out(JSON.stringify({ type: 'setup', ok: false, failures: player.setupFailures }));
    else out(`✗ start.setup\n${player.setupFailures.map((f) => `    ${f}`).join('\n')}\n`);
  }
  if (!json) out(`${scenario.title} (${scenario.id})\n`);
  for (let step = player.next(); step; step = player.next()) {
    const ok = step.failures.length === 0;
    if (!ok) failed += 1;
    const code = step.step.command === undefined ? undefined : outcomeCode({ ...(step.result ? { result: step.result } : { malformed: '' }) });
    if (json) {
      out(JSON.stringify({ type: 'step', index: step.index + 1, title: step.step.title, command: step.step.command ?? null, ok, outcome: code ?? null, failures: step.failures }));
      for (const record of step.audit) out(JSON.stringify({ type: 'audit', step: step.index + 1, record: toWire(record) }));
    } else {
      const lines = [`${ok ? '✓' : '✗'} ${step.index + 1}. ${step.step.title}`];
      if (step.step.command !== undefined) lines.push(`    $ ${step.step.command}`, `    → ${code}${step.audit.length > 0 ? `  (audit: ${step.audit.map((r) => `${r.eventName}@${r.awsRegion}${r.errorCode ? ` ${r.errorCode}` : ''}`).join(', ')})` : ''}`);
      for (const failure of step.failures) lines.push(`    ✗ ${failure}`);
      out(lines.join('\n'));
    }
  }
  // An exercise's replay may stop short of its goals (the learner's part); other scenarios must meet them.
  const graded = !scenario.exercise;
  const goals = player.checkGoals();
  if (!json && goals.length > 0) out(`\nGoals${graded ? '' : ' (an exercise: informational in a replay)'}:`);
  for (const { goal, met, reason } of goals) {
    if (graded && !met) failed += 1;
    if (json) out(JSON.stringify({ type: 'goal', id: goal.id, title: goal.title, met, graded, ...(reason ? { reason } : {}) }));
    else out(`${met ? '✓' : '✗'} ${goal.title}${met ? '' : `\n    ${reason}`}`);
  }
  const ok = failed === 0;
  if (json) out(JSON.stringify({ type: 'summary', id: scenario.id, ok, steps: player.results.length, failedSteps: player.results.filter((r) => r.failures.length > 0).length, goalsMet: goals.filter((g) => g.met).length, goals: goals.length }));
  else out(`\n${ok ? 'PASS' : 'FAIL'}: ${player.results.length} steps, ${player.results.filter((r) => r.failures.length === 0).length} as expected; goals ${goals.filter((g) => g.met).length}/${goals.length} met.`);
  return ok ? 0 : 1;
}
