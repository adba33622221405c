import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { nearestName } from '../../lib/edit-distance.js';
import { checkCommand, assignedName, referencedNames } from './command-check.js';
import { SCENARIO_FORMAT_VERSION, type ContentError, type Goal, type Scenario } from './contract.js';
import { fieldsAt, scenarioSchema, type ScenarioShape } from './schema.js';
import { fieldName, lineOf, type FieldPath } from './source-map.js';

/** A scenario file's load result: the scenario when it is valid, and every problem found. */
export interface LoadResult {
  readonly scenario?: Scenario;
  readonly errors: readonly ContentError[];
}

/** The file name of a scenario: `NN-slug.yaml`. */
const FILE_NAME = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;

/**
 * Parses and validates one scenario's YAML source. It never throws for bad content: every
 * problem (YAML syntax, shape, semantics) comes back as a ContentError with its line.
 */
export function parseScenario(source: string, file: string): LoadResult {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const errors: ContentError[] = [];
  const add = (path: FieldPath, message: string, fix: string, atKey = false) =>
    errors.push({ file, line: lineOf(doc, counter, path, atKey), field: fieldName(path), message, fix });

  for (const problem of doc.errors) {
    const line = problem.linePos?.[0].line ?? 0;
    errors.push({ file, line, field: '(yaml)', message: problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.message, fix: yamlFix(problem.code) });
  }
  if (errors.length > 0) return { errors };
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    add([], 'the file is not a YAML mapping', 'Start the file with "formatVersion: 1", then id, title, summary, sources, start, steps.');
    return { errors };
  }

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) for (const issue of parsed.error.issues) reportIssue(issue, add);

  // Semantic checks run on whatever has the right shape, so one pass reports everything.
  const raw = data as Partial<Record<keyof ScenarioShape, unknown>>;
  if (typeof raw.formatVersion === 'number' && raw.formatVersion !== SCENARIO_FORMAT_VERSION)
    add(['formatVersion'], `format version ${raw.formatVersion} is not supported: this build reads version ${SCENARIO_FORMAT_VERSION}`, `Write formatVersion: ${SCENARIO_FORMAT_VERSION}, or update kms-sandbox.`);
  const slug = FILE_NAME.exec(basename(file))?.[2];
  if (!FILE_NAME.test(basename(file)))
    errors.push({ file, line: 0, field: '(file)', message: `the file name "${basename(file)}" is not NN-slug.yaml`, fix: 'Rename it like 04-rotation-through-the-years.yaml: two digits, a dash, the id.' });
  else if (typeof raw.id === 'string' && raw.id !== slug) add(['id'], `the id "${raw.id}" differs from the file's slug "${slug}"`, `Write id: ${slug}, or rename the file to match the id.`);
  checkReferences(raw, add);

  if (!parsed.success || errors.length > 0) return { errors };
  return { scenario: toScenario(parsed.data, file), errors };
}

/** Reads and validates one scenario file; an unreadable file is a ContentError too. */
export function loadScenarioFile(file: string): LoadResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    return { errors: [{ file, line: 0, field: '(file)', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, fix: 'Check the path and its permissions.' }] };
  }
  return parseScenario(source, file);
}

/** Loads every `*.yaml` scenario of a folder, in file-name order, and checks that ids are unique. */
export function loadScenarioDir(dir: string): { scenarios: Scenario[]; files: string[]; errors: ContentError[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    return { scenarios: [], files: [], errors: [{ file: dir, line: 0, field: '(file)', message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, fix: 'Run from the project, or pass files explicitly.' }] };
  }
  const files = names.map((n) => join(dir, n));
  const scenarios: Scenario[] = [];
  const errors: ContentError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = loadScenarioFile(file);
    errors.push(...result.errors);
    if (!result.scenario) continue;
    const other = seen.get(result.scenario.id);
    if (other) errors.push({ file, line: 1, field: 'id', message: `the id "${result.scenario.id}" is also used by ${other}`, fix: 'Give each scenario its own id (and file slug).' });
    else {
      seen.set(result.scenario.id, file);
      scenarios.push(result.scenario);
    }
  }
  return { scenarios, files, errors };
}

type Add = (path: FieldPath, message: string, fix: string, atKey?: boolean) => void;

function reportIssue(issue: z.core.$ZodIssue, add: Add): void {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const fix = (issue as { params?: { fix?: string } }).params?.fix;
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const guess = nearestName(key, fieldsAt(path).filter((name) => !hasField(issue.input, name)));
        add([...path, key], `unknown field "${key}"`, guess ? `Did you mean "${guess}"? Rename it; the format is in src/engine/scenarios/contract.ts.` : `Remove it, or check its spelling against the format in src/engine/scenarios/contract.ts.`, true);
      }
      return;
    case 'invalid_type':
      if (issue.input === undefined) add(path, `is required (${issue.expected})`, `Add ${fieldName(path)}.`);
      else add(path, `must be ${article(issue.expected)}, not ${describe(issue.input)}`, `Write ${article(issue.expected)} here${issue.expected === 'string' ? ' (quote it if YAML reads it as something else)' : ''}.`);
      return;
    default:
      add(path, issue.message, fix ?? fixFor(path));
  }
}

/** Whether a mapping already has a field: a name already used is no guess for a misspelt one. */
function hasField(mapping: unknown, name: string): boolean {
  return typeof mapping === 'object' && mapping !== null && Object.hasOwn(mapping, name);
}

function checkReferences(raw: Partial<Record<keyof ScenarioShape, unknown>>, add: Add): void {
  const known = new Set<string>();
  const line = (path: FieldPath, value: unknown) => {
    if (typeof value !== 'string') return;
    for (const p of checkCommand(value, known)) add(path, p.message, p.fix);
    const name = assignedName(value);
    if (name) known.add(name);
  };
  const values = (path: FieldPath, value: unknown) => {
    for (const ref of strings(value).flatMap(referencedNames))
      if (ref !== '_' && !known.has(ref)) add(path, `$${ref} is not defined by then`, `Name an output "${ref} = …" in start.setup or an earlier step.`);
  };
  const start = raw.start as { setup?: unknown } | undefined;
  const setup = Array.isArray(start?.setup) ? (start.setup as unknown[]) : [];
  setup.forEach((l, i) => line(['start', 'setup', i], l));
  const afterSetup = new Set(known);
  const steps = Array.isArray(raw.steps) ? (raw.steps as { command?: unknown; expect?: unknown }[]) : [];
  steps.forEach((step, i) => {
    if (typeof step !== 'object' || step === null) return;
    line(['steps', i, 'command'], step.command);
    values(['steps', i, 'expect'], step.expect);
  });
  const goals = Array.isArray(raw.goals) ? (raw.goals as { id?: unknown; check?: unknown }[]) : [];
  const goalIds = new Set<string>();
  const checkGoals = (scope: string) =>
    goals.forEach((goal, i) => {
      if (typeof goal !== 'object' || goal === null) return;
      const check = goal.check as { command?: unknown } | undefined;
      if (typeof check?.command === 'string') {
        for (const p of checkCommand(check.command, known, { onlyLooks: true })) add(['goals', i, 'check', 'command'], `${p.message}${scope}`, p.fix);
        if (assignedName(check.command)) add(['goals', i, 'check', 'command'], 'a goal check must not name its output', 'Remove "name =": checks only look.');
      }
      values(['goals', i, 'check'], { ...(check ?? {}), command: undefined });
    });
  checkGoals('');
  goals.forEach((goal, i) => {
    if (typeof goal?.id !== 'string') return;
    if (goalIds.has(goal.id)) add(['goals', i, 'id'], `the goal id "${goal.id}" is used twice`, 'Give each goal its own id.');
    goalIds.add(goal.id);
  });
  const exercise = raw.exercise as { solution?: unknown } | undefined;
  if (Array.isArray(exercise?.solution)) {
    known.clear();
    for (const name of afterSetup) known.add(name);
    (exercise.solution as unknown[]).forEach((l, i) => line(['exercise', 'solution', i], l));
    checkGoals(' (after the reference solution)');
    if (goals.length === 0) add(['goals'], 'an exercise needs goals to grade it', 'Add goals: each a named check with a failure reason.');
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function toScenario(data: ScenarioShape, file: string): Scenario {
  const goals: Goal[] = data.goals.map((g) => ({
    id: g.id,
    title: g.title,
    failure: g.failure,
    check: g.check.audit !== undefined ? { audit: g.check.audit } : { command: g.check.command ?? '', expect: g.check.expect ?? { ok: true } },
  }));
  return { ...data, goals, file };
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function fixFor(path: FieldPath): string {
  const last = path[path.length - 1];
  if (last === 'sources') return 'List the AWS documentation pages the scenario rests on.';
  if (last === 'steps') return 'Add steps: each with title, narration, and optionally command and expect.';
  return `Correct ${fieldName(path)} as the message says; see the format in src/engine/scenarios/contract.ts.`;
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Remove or rename the repeated key: each key appears once per mapping.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation and brackets here; quote values that contain ": " or start with a special character.';
    case 'MULTIPLE_DOCS':
      return 'Keep one document per file (remove the "---" separator).';
    default:
      return 'Fix the YAML syntax at this line (quote strings with special characters).';
  }
}
