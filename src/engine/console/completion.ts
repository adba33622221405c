import type { ConsoleSession } from './console-session.js';
import { tokenize } from './tokenize.js';

/** What Tab does to a console line: the completed line (if it grew) and the choices left. */
export interface Completion {
  /** The line after completion; equal to the input when nothing could be added. */
  readonly line: string;
  /** Every candidate for the word being completed (for display when several remain). */
  readonly candidates: readonly string[];
}

const VERBS = ['kms', 'help', 'clock', 'region', 'keymaterial', 'hsm', 'aws'];
const KEY_FLAGS = new Set(['key-id', 'target-key-id', 'destination-key-id', 'source-key-id', 'kms-key-id', 'replica-kms-key-id', 'ssekms-key-id']);

/**
 * Completes the last word of a console line: verbs, `kms` commands, their flags, Regions after
 * `--region` or `region use`, key ids and aliases after key flags, aliases after `--alias-name`.
 */
export function complete(session: ConsoleSession, line: string): Completion {
  let words: string[];
  try {
    words = tokenize(line);
  } catch {
    return { line, candidates: [] }; // inside an open quote: nothing sensible to offer
  }
  const endsWithSpace = line.length > 0 && /\s$/.test(line);
  const current = endsWithSpace || words.length === 0 ? '' : (words.pop() ?? '');
  const before = words[0] === 'aws' ? words.slice(1) : words;
  const candidates = candidatesFor(session, before, current).filter((c) => c.startsWith(current)).sort();
  if (candidates.length === 0) return { line, candidates };
  const prefix = commonPrefix(candidates);
  const base = line.slice(0, line.length - current.length);
  const done = candidates.length === 1 ? `${prefix} ` : prefix;
  return { line: done.length > current.length ? `${base}${done}` : line, candidates };
}

function candidatesFor(session: ConsoleSession, before: readonly string[], current: string): string[] {
  const [verb, second] = before;
  const services = session.serviceCommands;
  if (verb === undefined) return [...VERBS, ...services.keys()];
  const previous = before.at(-1);
  if (previous === '--region' || (verb === 'region' && second === 'use' && before.length === 2)) return regions(session);
  switch (verb) {
    case 'help':
      if (before.length === 1) return [...session.commands.map((c) => c.command), ...services.keys()];
      return before.length === 2 ? (services.get(second as never) ?? []).map((c) => c.command) : [];
    case 'clock':
      return before.length === 1 ? ['advance'] : [];
    case 'hsm':
      if (before.length === 1) return ['fail', 'recover', 'status'];
      return before.length === 2 ? regions(session) : before.length === 3 && second !== 'status' ? ['1', '2', '3'] : [];
    case 'region':
      return before.length === 1 ? ['use', 'list'] : [];
    case 'keymaterial':
      if (before.length === 1) return ['new', 'wrap'];
      if (before[1] === 'wrap' && previous === '--wrapping-algorithm') return ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'];
      return before[1] === 'wrap' && before.length >= 3 ? ['--public-key', '--wrapping-algorithm'].filter((f) => !before.includes(f)) : [];
    case 'kms':
      break;
    default:
      if (!services.has(verb as never)) return [];
  }
  const commands = verb === 'kms' ? session.commands : (services.get(verb as never) ?? []);
  if (before.length === 1) return commands.map((c) => c.command);
  const spec = commands.find((c) => c.command === second);
  if (!spec) return [];
  const flag = previous?.startsWith('--') ? previous.slice(2) : undefined;
  if (flag !== undefined && !current.startsWith('--')) {
    const field = spec.flags.find((f) => f.flag === flag)?.field;
    if (KEY_FLAGS.has(flag)) return keyReferences(session, before);
    if (flag === 'alias-name') return aliases(session, before);
    if (field?.enumValues) return [...field.enumValues];
    if (field && field.kind !== 'boolean') return [];
  }
  const given = new Set(before.filter((w) => w.startsWith('--')));
  return [...spec.flags.map((f) => `--${f.flag}`), '--region'].filter((f) => !given.has(f));
}

function regions(session: ConsoleSession): string[] {
  return session.sandbox.regions.map((r) => r.name);
}

function regionOf(session: ConsoleSession, words: readonly string[]): string {
  const at = words.indexOf('--region');
  const named = at >= 0 ? words[at + 1] : undefined;
  return named && session.sandbox.regions.some((r) => r.name === named) ? named : session.region;
}

function keyReferences(session: ConsoleSession, words: readonly string[]): string[] {
  const keys = session.sandbox.keys(regionOf(session, words));
  return [...keys.map((k) => k.keyId), ...keys.flatMap((k) => k.aliases)];
}

function aliases(session: ConsoleSession, words: readonly string[]): string[] {
  return session.sandbox.keys(regionOf(session, words)).flatMap((k) => k.aliases);
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
