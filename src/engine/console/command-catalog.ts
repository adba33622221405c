import type { Field, OperationInfo, Sandbox } from '../../sim/index.js';

/** A flag of a console command, derived from one input member of an operation. */
export interface FlagSpec {
  /** `--key-id` without the dashes: `key-id`. */
  readonly flag: string;
  /** The AWS member name: `KeyId`. */
  readonly member: string;
  readonly field: Field;
}

/** A console command for one KMS operation: `kms encrypt` for Encrypt. */
export interface CommandSpec {
  /** `encrypt`, `schedule-key-deletion`. */
  readonly command: string;
  readonly operation: OperationInfo;
  readonly flags: readonly FlagSpec[];
}

/** The AWS CLI's name for a member or operation: `NumberOfBytes` → `number-of-bytes`. */
export function cliName(awsName: string): string {
  return awsName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Every `kms` command, derived from the sandbox's operation registry, sorted by name. */
export function commandCatalog(sandbox: Pick<Sandbox, 'operations'>): CommandSpec[] {
  return sandbox.operations
    .map((operation) => ({
      command: cliName(operation.name),
      operation,
      flags: Object.entries(operation.input).map(([member, field]) => ({ flag: cliName(member), member, field })),
    }))
    .sort((a, b) => a.command.localeCompare(b.command));
}

/** The closest name to a mistyped one (Levenshtein distance ≤ 3), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
