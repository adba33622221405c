import { createSandbox, DEFAULT_REGION, type AuditRecord } from '../../sim/index.js';
import { ConsoleSession, type ConsoleResult } from '../console/console-session.js';
import { isConsoleError } from '../console/console-error.js';
import { toWire } from '../console/format.js';
import type { Expectation, Goal, Scenario, ScenarioPlayer, StepResult } from './contract.js';
import { findAudit, resolveExpected, short, subsetMismatch } from './match.js';

/** What running one console line gave: its result, or why it could not run. */
export interface LineRun {
  readonly result?: ConsoleResult;
  readonly malformed?: string;
  readonly audit: readonly AuditRecord[];
}

/** Runs one line in a session, catching malformed-command errors; returns the audit records it added. */
export function runLine(session: ConsoleSession, line: string): LineRun {
  const before = session.sandbox.audit.appended;
  try {
    const result = session.execute(line);
    return { result, audit: session.sandbox.audit.since(before) };
  } catch (error) {
    if (!isConsoleError(error)) throw error;
    return { malformed: error.message, audit: session.sandbox.audit.since(before) };
  }
}

/** The outcome code of a result: `ok`, the AWS error code, or `malformed`. */
export function outcomeCode(run: Pick<LineRun, 'result' | 'malformed'>): string {
  if (run.malformed !== undefined || !run.result) return 'malformed';
  return run.result.kind === 'call' && !run.result.outcome.ok ? run.result.outcome.error.code : 'ok';
}

/** Checks a line's run against an expectation; returns every failure in words. */
export function checkExpectation(run: LineRun, expect: Expectation, session: ConsoleSession): string[] {
  if (run.malformed !== undefined) return [`the command is malformed: ${run.malformed}`];
  const result = run.result;
  if (!result || result.kind === 'empty') return ['the command is empty'];
  const failures: string[] = [];
  const code = outcomeCode(run);
  const ok = code === 'ok';
  if (expect.ok && !ok) failures.push(`expected success, got ${code}${result.kind === 'call' && !result.outcome.ok ? `: ${result.outcome.error.message}` : ''}`);
  if (!expect.ok && ok) failures.push(`expected ${expect.error ?? 'an error'}, but the command succeeded`);
  if (!expect.ok && !ok && expect.error !== undefined && expect.error !== code) failures.push(`expected ${expect.error}, got ${code}`);
  const resolve = (value: unknown): unknown => {
    try {
      return resolveExpected(value, session.variables);
    } catch (error) {
      if (!isConsoleError(error)) throw error;
      failures.push(`the expectation refers to a missing output: ${error.message}`);
      return undefined;
    }
  };
  if (expect.output !== undefined && ok) {
    const actual = result.kind === 'call' ? (result.outcome.ok ? result.outcome.output : undefined) : result.kind === 'verb' ? result.output : result.text;
    const expected = resolve(expect.output);
    const mismatch = expected === undefined ? undefined : subsetMismatch(expected, toWire(actual));
    if (mismatch) failures.push(`output ${mismatch}`);
  }
  for (const entry of expect.audit ?? []) {
    const expected = resolve(entry) as Record<string, unknown> | undefined;
    if (expected && !findAudit(expected, run.audit))
      failures.push(`no audit record matches ${short(expected)} (the step added: ${run.audit.map((r) => `${r.eventName}@${r.awsRegion}${r.errorCode ? `:${r.errorCode}` : ''}`).join(', ') || 'none'})`);
  }
  return failures;
}

/** Creates a player for a scenario: a fresh sandbox at the start state, with start.setup run. */
export function createScenarioPlayer(scenario: Scenario): ScenarioPlayer {
  return new Player(scenario);
}

class Player implements ScenarioPlayer {
  #session!: ConsoleSession;
  #results: StepResult[] = [];
  #setupFailures: string[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(readonly scenario: Scenario) {
    this.#fresh();
  }

  get session(): ConsoleSession {
    return this.#session;
  }
  get position(): number {
    return this.#results.length;
  }
  get results(): readonly StepResult[] {
    return this.#results;
  }
  get done(): boolean {
    return this.#results.length >= this.scenario.steps.length;
  }
  /** Setup lines that were malformed or failed (a content bug; `check` cannot see runtime failures). */
  get setupFailures(): readonly string[] {
    return this.#setupFailures;
  }

  next(): StepResult | undefined {
    const result = this.#step();
    if (result) this.#emit();
    return result;
  }

  back(): void {
    const target = Math.max(0, this.position - 1);
    this.#fresh();
    while (this.position < target) this.#step();
    this.#emit();
  }

  restart(): void {
    this.#fresh();
    this.#emit();
  }

  checkGoals(): readonly { readonly goal: Goal; readonly met: boolean; readonly reason?: string }[] {
    return this.scenario.goals.map((goal) => {
      const failures = evaluateGoal(goal, this.#session, this.scenario.start.region ?? DEFAULT_REGION);
      return failures.length === 0 ? { goal, met: true } : { goal, met: false, reason: `${goal.failure} (${failures.join('; ')})` };
    });
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #step(): StepResult | undefined {
    const index = this.position;
    const step = this.scenario.steps[index];
    if (!step) return undefined;
    let result: StepResult;
    if (step.command === undefined) result = { index, step, audit: [], failures: [] };
    else {
      const run = runLine(this.#session, step.command);
      const failures = checkExpectation(run, step.expect ?? { ok: true }, this.#session);
      result = { index, step, ...(run.result ? { result: run.result } : {}), audit: run.audit, failures };
    }
    this.#results.push(result);
    return result;
  }

  #fresh(): void {
    const { date, region, setup = [] } = this.scenario.start;
    const sandbox = createSandbox({ ...(date ? { start: new Date(date) } : {}), quotas: { enforce: false } });
    this.#session = new ConsoleSession(sandbox, { region: region ?? DEFAULT_REGION });
    this.#results = [];
    this.#setupFailures = [];
    for (const line of setup) {
      const run = runLine(this.#session, line);
      const code = outcomeCode(run);
      if (code !== 'ok') this.#setupFailures.push(`start.setup "${line}": ${run.malformed ?? code}`);
    }
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/**
 * Evaluates one goal in a session: an audit match over the whole trail, or a command's outcome.
 * A check's command runs off the trail (`sandbox.offTrail`): its records are the check's own, so
 * they neither show in the learner's Audit and Metrics nor meet an audit goal when checked again.
 * It runs in `region` (the player passes the scenario's start Region, so a learner's
 * `region use` does not move the check) unless it names `--region`; the session's Region is
 * left as it was.
 */
export function evaluateGoal(goal: Goal, session: ConsoleSession, region = session.region): string[] {
  if ('audit' in goal.check) {
    let expected: unknown;
    try {
      expected = resolveExpected(goal.check.audit, session.variables);
    } catch (error) {
      if (!isConsoleError(error)) throw error;
      return [error.message];
    }
    return findAudit(expected as Record<string, unknown>, session.sandbox.audit.items) ? [] : [`no audit record matches ${short(expected)}`];
  }
  const { command, expect } = goal.check;
  const learnerRegion = session.region;
  session.region = region;
  try {
    const { value: run, records } = session.sandbox.offTrail(() => runLine(session, command));
    return checkExpectation({ ...run, audit: records }, expect, session);
  } finally {
    session.region = learnerRegion;
  }
}
