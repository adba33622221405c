import { editDistance } from '../../lib/edit-distance.js';
import type { Field, Sandbox, ServiceName } from '../../sim/index.js';

/** A flag of a console command, derived from one input member of an operation. */
export interface FlagSpec {
  /** `--key-id` without the dashes: `key-id`. */
  readonly flag: string;
  /** The AWS member name: `KeyId`. */
  readonly member: string;
  readonly field: Field;
}

/** The verbs of the AWS services a console command can call: `kms`, and the simulated services. */
export type ConsoleService = 'kms' | ServiceName;

/** What the console knows of an operation, KMS's or a simulated service's. */
export interface CommandOperation {
  readonly name: string;
  readonly summary: string;
  readonly docUrl: string;
  readonly input: Readonly<Record<string, Field>>;
  /** The operation only looks (CloudTrail's `readOnly`): a scenario's goal may check with it. */
  readonly readOnly: boolean;
}

/** A console command for one operation: `kms encrypt` for Encrypt, `ec2 copy-snapshot` for CopySnapshot. */
export interface CommandSpec {
  readonly service: ConsoleService;
  /** `encrypt`, `schedule-key-deletion`. */
  readonly command: string;
  readonly operation: CommandOperation;
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
  return sandbox.operations.map((operation) => commandSpec('kms', operation)).sort((a, b) => a.command.localeCompare(b.command));
}

/** The commands of each simulated service (`ec2 create-volume`, `ssm put-parameter`, …), sorted by name. */
export function serviceCatalog(sandbox: Pick<Sandbox, 'serviceOperations'>): Map<ServiceName, CommandSpec[]> {
  const catalog = new Map<ServiceName, CommandSpec[]>();
  for (const operation of sandbox.serviceOperations) {
    const specs = catalog.get(operation.service) ?? [];
    specs.push(commandSpec(operation.service, operation));
    catalog.set(operation.service, specs);
  }
  for (const specs of catalog.values()) specs.sort((a, b) => a.command.localeCompare(b.command));
  return catalog;
}

function commandSpec(service: ConsoleService, operation: CommandOperation): CommandSpec {
  return {
    service,
    command: cliName(operation.name),
    operation,
    flags: Object.entries(operation.input).map(([member, field]) => ({ flag: cliName(member), member, field })),
  };
}

/** The closest name to a mistyped one (Levenshtein distance ≤ 3), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
