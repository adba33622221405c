import { createSandbox, type ServiceName } from '../../sim/index.js';
import { closest, commandCatalog, serviceCatalog, type CommandSpec } from '../console/command-catalog.js';
import { isConsoleError } from '../console/console-error.js';
import { tokenize } from '../console/tokenize.js';

const ASSIGNMENT = /^([A-Za-z_]\w*)\s*=\s*(\S.*)$/;
const REFERENCE = /\$(?:\{([A-Za-z_]\w*)|([A-Za-z_]\w*))/g;
const VERBS = ['kms', 'help', 'clock', 'region', 'keymaterial', 'hsm'];
/** The verbs that change the sandbox or the session (a goal's check may not use them). */
const CHANGING_VERBS: ReadonlySet<string> = new Set(['clock', 'region', 'keymaterial', 'hsm']);

let catalogs: { kms: ReadonlyMap<string, CommandSpec>; services: ReadonlyMap<ServiceName, ReadonlyMap<string, CommandSpec>> } | undefined;

/** The console's commands, derived once from the operation registry (no state is kept). */
function commands() {
  if (!catalogs) {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    catalogs = {
      kms: new Map(commandCatalog(sandbox).map((c) => [c.command, c])),
      services: new Map([...serviceCatalog(sandbox)].map(([service, specs]) => [service, new Map(specs.map((c) => [c.command, c]))])),
    };
  }
  return catalogs;
}

/** The names of `$references` in a line or value (without `$`, without the path). */
export function referencedNames(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] ?? m[2] ?? '');
}

/** The output name a line assigns (`ct = kms encrypt …` → `ct`), if any. */
export function assignedName(line: string): string | undefined {
  const match = ASSIGNMENT.exec(line.trim());
  return match && !line.trim().startsWith('#') ? match[1] : undefined;
}

/**
 * Checks a console line without running it: it tokenizes, names a known command, uses only that
 * command's flags, and refers only to outputs in `known`; with `onlyLooks` (a goal's check), it
 * must not change the sandbox. Returns the problems as messages.
 */
export function checkCommand(line: string, known: ReadonlySet<string>, options: { readonly onlyLooks?: boolean } = {}): { message: string; fix: string }[] {
  const problems: { message: string; fix: string }[] = [];
  const name = assignedName(line);
  let words: string[];
  try {
    words = tokenize(name ? line.trim().slice(line.trim().indexOf('=') + 1) : line);
  } catch (error) {
    if (!isConsoleError(error)) throw error;
    return [{ message: `the command does not parse: ${error.message}`, fix: 'Balance the quotes, or escape the character with a backslash.' }];
  }
  if (words[0] === 'aws') words.shift();
  const [verb = '', sub = '', ...args] = words;
  if (!verb) return [{ message: 'the command is empty', fix: 'Write a console line, e.g. kms create-key --description demo.' }];
  const { kms, services } = commands();
  const serviceCommands = services.get(verb as ServiceName);
  let spec: CommandSpec | undefined;
  if (verb === 'kms' || serviceCommands) {
    const catalog = serviceCommands ?? kms;
    spec = catalog.get(sub);
    if (!spec) {
      const guess = closest(sub, [...catalog.keys()]);
      problems.push({ message: `"${verb} ${sub}" is not a console command`, fix: guess ? `Did you mean "${verb} ${guess}"? "help ${verb === 'kms' ? '' : verb}" lists them.` : `Type "help" in the console for the list.` });
    }
  } else if (!VERBS.includes(verb)) {
    const guess = closest(verb, [...VERBS, ...services.keys()]);
    problems.push({ message: `unknown command "${verb}"`, fix: guess ? `Did you mean "${guess}"?` : `Use one of: ${[...VERBS, ...services.keys()].join(', ')}.` });
  }
  if (name && verb !== 'kms' && verb !== 'keymaterial' && !serviceCommands)
    problems.push({ message: `"${verb}" has no output to name`, fix: 'Only kms, service (ec2, s3api, rds, ssm) and keymaterial commands can be named; remove "name =".' });
  if (spec) {
    const flags = new Set(spec.flags.flatMap((f) => (f.field.kind === 'boolean' ? [f.flag, `no-${f.flag}`] : [f.flag])));
    for (const word of args) {
      if (!word.startsWith('--')) continue;
      const flag = word.slice(2);
      if (flags.has(flag) || flag === 'region' || flag === 'output') continue;
      const guess = closest(flag, [...flags]);
      problems.push({ message: `"${verb} ${sub}" has no option --${flag}`, fix: guess ? `Did you mean --${guess}? "help ${verb === 'kms' ? sub : `${verb} ${sub}`}" lists its options.` : `"help ${sub}" lists its options.` });
    }
  }
  // A goal's check runs off the trail after every learner command: one that changed the sandbox
  // would change it unseen, again and again.
  if (options.onlyLooks && (spec ? !spec.operation.readOnly : CHANGING_VERBS.has(verb)))
    problems.push({
      message: `a goal check must only look, but "${spec ? `${verb} ${sub}` : verb}" changes the sandbox`,
      fix: 'Check with a command that reads (describe-key, get-key-rotation-status, list-aliases, decrypt, …), or match the learner’s call with an audit check.',
    });
  for (const ref of referencedNames(line)) {
    if (ref !== '_' && !known.has(ref))
      problems.push({ message: `$${ref} is not defined before this line`, fix: known.size > 0 ? `Name an earlier output "${ref} = …", or use one of: ${[...known].map((k) => `$${k}`).join(', ')}.` : `Name an earlier output: ${ref} = kms …` });
  }
  return problems;
}
