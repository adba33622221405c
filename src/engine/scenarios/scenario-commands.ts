import { parseArgs } from 'node:util';
import { loadScenarioDir, loadScenarioFile } from './load-scenario.js';
import { formatContentError, replayScenario, resolveScenario, scenariosDir } from './replay.js';

/** Where a command writes: standard output and standard error, one line at a time. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Usage of `kms-sandbox replay`. */
export const REPLAY_USAGE = `Usage: kms-sandbox replay ID-OR-FILE [--json]

Replays a scenario without the terminal UI, in a fresh sandbox at its start date and Region:
each step's title, command and outcome (ok or the AWS error code), ✓ when the step went as the
scenario expects, ✗ and the reasons when not; then its goals.
ID is a scenario id ("kms-sandbox list scenarios"); FILE is a scenario .yaml file.
--json prints JSON Lines: {"type":"step",…} per step (index, title, command, ok, outcome, failures),
{"type":"audit",…} per CloudTrail record the step produced (with its awsRegion), {"type":"goal",…}
per goal and a final {"type":"summary",…}.
Exit code 0 when every expectation holds and, except for exercises, every goal is met; 1 when not
or when the file is invalid; 2 on bad arguments.`;

/** Usage of `kms-sandbox check`. */
export const CHECK_USAGE = `Usage: kms-sandbox check [FILE…]

Validates every scenario in scenarios/ (or the FILEs given): YAML syntax, the format
(src/engine/scenarios/contract.ts), the format version, ids, and that each console command parses
and refers only to outputs named before it. Every problem is printed at once as
FILE:LINE: FIELD: MESSAGE and how to fix it. Exit code 0 when all is well, 1 when not.
(Lessons and exam files are checked once they exist.)`;

/** Usage of `kms-sandbox list`. */
export const LIST_USAGE = `Usage: kms-sandbox list scenarios | lessons

Prints what exists, one a line: the id, then the title (exercises are marked).`;

function usageError(io: CommandOutput, message: string, command: string): number {
  io.err(`kms-sandbox: ${message}. See "kms-sandbox ${command} --help".`);
  return 2;
}

/** `kms-sandbox replay ID-OR-FILE [--json]`; returns the exit code. */
export function replayCommand(args: readonly string[], io: CommandOutput): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usageError(io, (error as Error).message.split('\n')[0] ?? 'bad arguments', 'replay');
  }
  if (parsed.values.help) {
    io.out(REPLAY_USAGE);
    return 0;
  }
  const [target, ...extra] = parsed.positionals;
  if (target === undefined || extra.length > 0) return usageError(io, 'replay takes exactly one ID or FILE', 'replay');
  const { scenario, errors, notFound } = resolveScenario(target);
  if (notFound) return usageError(io, notFound, 'replay');
  for (const error of errors) io.err(formatContentError(error));
  if (!scenario) {
    io.err(`kms-sandbox: ${target} is not a valid scenario (${errors.length} problem${errors.length === 1 ? '' : 's'}).`);
    return 1;
  }
  return replayScenario(scenario, io.out, parsed.values.json ?? false);
}

/** `kms-sandbox check [FILE…]`; returns the exit code. */
export function checkCommand(args: readonly string[], io: CommandOutput): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usageError(io, (error as Error).message.split('\n')[0] ?? 'bad arguments', 'check');
  }
  if (parsed.values.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  let files: number;
  let valid: number;
  const errors = [];
  if (parsed.positionals.length > 0) {
    const results = parsed.positionals.map((file) => loadScenarioFile(file));
    errors.push(...results.flatMap((r) => r.errors));
    files = results.length;
    valid = results.filter((r) => r.scenario).length;
  } else {
    const dir = loadScenarioDir(scenariosDir());
    errors.push(...dir.errors);
    files = dir.files.length;
    valid = dir.scenarios.length;
  }
  for (const error of errors) io.err(formatContentError(error));
  const summary = `${files} scenario file${files === 1 ? '' : 's'} checked: ${valid} valid, ${errors.length} problem${errors.length === 1 ? '' : 's'}.`;
  if (errors.length > 0) io.err(summary);
  else io.out(summary);
  return errors.length > 0 ? 1 : 0;
}

/** `kms-sandbox list scenarios|lessons`; returns the exit code. */
export function listCommand(args: readonly string[], io: CommandOutput): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(LIST_USAGE);
    return 0;
  }
  const [what, ...extra] = args;
  if (extra.length > 0 || (what !== 'scenarios' && what !== 'lessons')) return usageError(io, `list takes "scenarios" or "lessons"${what === undefined ? '' : `; got ${args.join(' ')}`}`, 'list');
  if (what === 'lessons') {
    io.err('kms-sandbox: there are no lessons yet: lessons are still to be built.');
    return 2;
  }
  const { scenarios, errors } = loadScenarioDir(scenariosDir());
  const width = Math.max(0, ...scenarios.map((s) => s.id.length));
  for (const s of scenarios) io.out(`${s.id.padEnd(width)}  ${s.title}${s.exercise ? '  [exercise]' : ''}`);
  if (errors.length > 0) io.err(`kms-sandbox: ${errors.length} problem${errors.length === 1 ? '' : 's'} in scenarios/ (files with errors are not listed); run "kms-sandbox check".`);
  return errors.length > 0 ? 1 : 0;
}
