import { formatDuration, parseDuration } from '../../lib/duration.js';
import { DEFAULT_REGION, type Outcome, type Principal, type Sandbox, type ServiceName, type ServiceOutcome } from '../../sim/index.js';
import { closest, commandCatalog, serviceCatalog, type CommandSpec, type ConsoleService } from './command-catalog.js';
import { ConsoleError } from './console-error.js';
import { renderCommandHelp, renderHelp } from './help.js';
import { KeyMaterialBox } from './key-material-verb.js';
import { parseFlagValue } from './parse-value.js';
import { substitute } from './references.js';
import { tokenize } from './tokenize.js';

/** What one console line did. */
export type ConsoleResult =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'call';
      /** `kms`, or the simulated service called (`ec2`, `s3api`, `rds`, `ssm`). */
      readonly service: ConsoleService;
      readonly operation: string;
      readonly region: string;
      readonly name: string | undefined;
      readonly outcome: Outcome | ServiceOutcome;
    }
  | { readonly kind: 'verb'; readonly verb: string; readonly output: Record<string, unknown> }
  | { readonly kind: 'help'; readonly text: string };

const ASSIGNMENT = /^([A-Za-z_]\w*)\s*=\s*(\S.*)$/;
const GLOBAL_FLAGS = new Set(['region', 'output']);

/**
 * A console over one sandbox: the AWS-CLI-shaped command language of design.md, with a
 * current Region, a principal and named outputs. Malformed lines throw ConsoleError and
 * change nothing; KMS errors are outcomes.
 */
export class ConsoleSession {
  region: string;
  principal: Principal;
  readonly #variables = new Map<string, unknown>();
  readonly #catalog: ReadonlyMap<string, CommandSpec>;
  readonly #services: ReadonlyMap<ServiceName, ReadonlyMap<string, CommandSpec>>;
  readonly #box = new KeyMaterialBox();

  constructor(
    readonly sandbox: Sandbox,
    options: { region?: string; principal?: Principal } = {},
  ) {
    this.region = options.region ?? DEFAULT_REGION;
    this.principal = options.principal ?? sandbox.admin;
    this.#catalog = new Map(commandCatalog(sandbox).map((c) => [c.command, c]));
    this.#services = new Map([...serviceCatalog(sandbox)].map(([service, specs]) => [service, new Map(specs.map((c) => [c.command, c]))]));
  }

  /** The commands of the simulated services, by service. */
  get serviceCommands(): ReadonlyMap<ServiceName, readonly CommandSpec[]> {
    return new Map([...this.#services].map(([service, specs]) => [service, [...specs.values()]]));
  }

  /** The `kms` commands, derived from the operation registry. */
  get commands(): readonly CommandSpec[] {
    return [...this.#catalog.values()];
  }

  /** Named outputs so far (`$_` is the last). */
  get variables(): ReadonlyMap<string, unknown> {
    return this.#variables;
  }

  /** Runs one line. Throws ConsoleError for a malformed line; returns KMS errors as outcomes. */
  execute(line: string): ConsoleResult {
    const assignment = ASSIGNMENT.exec(line.trim());
    const name = assignment && !line.trim().startsWith('#') ? assignment[1] : undefined;
    const words = tokenize(assignment && name ? (assignment[2] ?? '') : line);
    if (words.length === 0) return { kind: 'empty' };
    if (words[0] === 'aws') words.shift();
    const [verb = '', ...rest] = words;
    const service = this.#services.has(verb as ServiceName) ? (verb as ServiceName) : undefined;
    if (name && verb !== 'kms' && verb !== 'keymaterial' && !service)
      throw new ConsoleError(`Only kms, service (${[...this.#services.keys()].join(', ')}) and keymaterial commands have outputs to name; "${verb}" does not.`);
    if (service) return this.#service(service, rest, name);
    switch (verb) {
      case 'kms':
        return this.#kms(rest, name);
      case 'help':
        return { kind: 'help', text: this.#help(rest) };
      case 'clock':
        return this.#clock(rest);
      case 'region':
        return this.#region(rest);
      case 'keymaterial':
        return this.#keyMaterial(rest, name);
      case 'hsm':
        return this.#hsm(rest);
      default: {
        const guess = closest(verb, ['kms', 'help', 'clock', 'region', 'keymaterial', 'hsm', ...this.#services.keys()]);
        throw new ConsoleError(`Unknown command "${verb}".${guess ? ` Did you mean "${guess}"?` : ''} Type "help" for the list.`);
      }
    }
  }

  #kms(words: string[], name: string | undefined): ConsoleResult {
    const [command = '', ...args] = words;
    if (!command) throw new ConsoleError('Missing the KMS command: kms <command> …. Type "help" for the list.');
    const spec = this.#catalog.get(command);
    if (!spec) {
      const guess = closest(command, [...this.#catalog.keys()]);
      throw new ConsoleError(`Unknown KMS command "${command}".${guess ? ` Did you mean "${guess}"?` : ''} Type "help" for the list.`);
    }
    return this.#call(spec, args, name);
  }

  /** `ec2 create-volume …`, `ssm get-parameter …`: a simulated service's operation, which calls KMS. */
  #service(service: ServiceName, words: string[], name: string | undefined): ConsoleResult {
    const [command = '', ...args] = words;
    const catalog = this.#services.get(service) ?? new Map<string, CommandSpec>();
    if (!command) throw new ConsoleError(`Missing the ${service} command: ${service} <command> …. Type "help ${service}" for the list.`);
    const spec = catalog.get(command);
    if (!spec) {
      const guess = closest(command, [...catalog.keys()]);
      throw new ConsoleError(`Unknown ${service} command "${command}".${guess ? ` Did you mean "${guess}"?` : ''} Type "help ${service}" for the list.`);
    }
    return this.#call(spec, args, name);
  }

  /** Parses a command's flags, calls KMS or the service, and keeps a successful output for later lines. */
  #call(spec: CommandSpec, args: string[], name: string | undefined): ConsoleResult {
    const { input, region } = this.#parseFlags(spec, args);
    const operation = spec.operation.name;
    const outcome =
      spec.service === 'kms'
        ? this.sandbox.call(region, this.principal, operation, input, { userAgent: 'kms-sandbox/console' })
        : this.sandbox.callService(region, this.principal, spec.service, operation, input);
    if (outcome.ok) {
      this.#variables.set('_', outcome.output);
      if (name) this.#variables.set(name, outcome.output);
    }
    return { kind: 'call', service: spec.service, operation, region, name, outcome };
  }

  #parseFlags(spec: CommandSpec, args: string[]): { input: Record<string, unknown>; region: string } {
    const input: Record<string, unknown> = {};
    let region = this.region;
    const unknown: string[] = [];
    for (let i = 0; i < args.length; ) {
      const word = args[i] ?? '';
      if (!word.startsWith('--')) throw new ConsoleError(`Unexpected value "${word}": values follow a --flag.`);
      const values: unknown[] = [];
      let j = i + 1;
      while (j < args.length && !(args[j] ?? '').startsWith('--')) values.push(substitute(args[j++] ?? '', this.#variables));
      i = j;
      const flag = word.slice(2);
      if (GLOBAL_FLAGS.has(flag)) {
        const value = values[0];
        if (values.length !== 1 || typeof value !== 'string') throw new ConsoleError(`--${flag} takes one value.`);
        if (flag === 'region') region = this.#knownRegion(value);
        else if (value !== 'json') throw new ConsoleError('Only --output json is supported.');
        continue;
      }
      const negated = flag.startsWith('no-') ? spec.flags.find((f) => f.flag === flag.slice(3) && f.field.kind === 'boolean') : undefined;
      const match = negated ?? spec.flags.find((f) => f.flag === flag);
      if (!match) {
        unknown.push(word);
        continue;
      }
      if (match.member in input) throw new ConsoleError(`--${match.flag} is given twice.`);
      if (negated) {
        if (values.length > 0) throw new ConsoleError(`--${flag} takes no value.`);
        input[match.member] = false;
      } else {
        if (values.length === 0 && match.field.kind !== 'boolean') throw new ConsoleError(`--${flag} needs a value.`);
        input[match.member] = parseFlagValue(flag, match.member, match.field, values.map((v) => this.#relativeTime(match.field.kind, v)));
      }
    }
    if (unknown.length > 0) {
      const hint = closest(unknown[0]?.slice(2) ?? '', spec.flags.map((f) => f.flag));
      throw new ConsoleError(`Unknown options: ${unknown.join(', ')}.${hint ? ` Did you mean --${hint}?` : ''} See "help ${spec.command}".`);
    }
    const missing = spec.flags.filter((f) => f.field.required && !(f.member in input)).map((f) => `--${f.flag}`);
    if (missing.length > 0) throw new ConsoleError(`the following arguments are required: ${missing.join(', ')}`);
    return { input, region };
  }

  /** A timestamp written `+30d` means that long after the sandbox's virtual now. */
  #relativeTime(kind: string, value: unknown): unknown {
    if (kind !== 'timestamp' || typeof value !== 'string' || !value.startsWith('+')) return value;
    const ms = parseDuration(value.slice(1));
    if (ms === undefined) throw new ConsoleError(`"${value}" is not a relative time: write +30d, +12h, +90m or +45s.`);
    return new Date(this.sandbox.clock.nowMs + ms);
  }

  #help(words: string[]): string {
    const service = this.#services.get(words[0] as ServiceName);
    if (service) {
      if (!words[1]) return renderHelp([], [...service.values()]);
      const spec = service.get(words[1]);
      if (!spec) {
        const guess = closest(words[1], [...service.keys()]);
        throw new ConsoleError(`No help for "${words[0]} ${words[1]}".${guess ? ` Did you mean "${guess}"?` : ''}`);
      }
      return renderCommandHelp(spec);
    }
    const topic = words[0] === 'kms' ? words[1] : words[0];
    if (!topic) return renderHelp(this.commands, [...this.#services.values()].flatMap((specs) => [...specs.values()]));
    const spec = this.#catalog.get(topic);
    if (!spec) {
      const guess = closest(topic, [...this.#catalog.keys()]);
      throw new ConsoleError(`No help for "${topic}".${guess ? ` Did you mean "${guess}"?` : ''}`);
    }
    return renderCommandHelp(spec);
  }

  #clock(words: string[]): ConsoleResult {
    const [action, amount, ...extra] = words;
    if (action === undefined || action === 'show') return { kind: 'verb', verb: 'clock', output: { Now: this.sandbox.clock.now() } };
    if (action !== 'advance') throw new ConsoleError(`Unknown clock action "${action}". Use "clock" or "clock advance 30d".`);
    const ms = amount === undefined ? undefined : parseDuration(amount);
    if (ms === undefined || extra.length > 0) throw new ConsoleError('Usage: clock advance <duration>, e.g. 30d, 12h, 90m, 45s or 1d12h.');
    const from = this.sandbox.clock.now();
    const { now, fired } = this.sandbox.advanceClock(ms);
    return { kind: 'verb', verb: 'clock advance', output: { From: from, Now: now, Advanced: formatDuration(ms), FiredTimers: fired } };
  }

  #keyMaterial(words: string[], name: string | undefined): ConsoleResult {
    const [action, materialName, ...flags] = words;
    const usage = 'Usage: keymaterial new NAME [--bytes N], or keymaterial wrap NAME --public-key $params.PublicKey --wrapping-algorithm RSAES_OAEP_SHA_256';
    if (!materialName || (action !== 'new' && action !== 'wrap')) throw new ConsoleError(usage);
    let output: Record<string, unknown>;
    if (action === 'new') {
      if (flags.length !== 0 && (flags.length !== 2 || flags[0] !== '--bytes')) throw new ConsoleError(usage);
      output = this.#box.create(materialName, flags[1]);
    } else {
      const values = new Map<string, unknown>();
      for (let i = 0; i < flags.length; i += 2) {
        const flag = flags[i] ?? '';
        if (flag !== '--public-key' && flag !== '--wrapping-algorithm') throw new ConsoleError(`Unknown options: ${flag}. ${usage}`);
        if (flags[i + 1] === undefined) throw new ConsoleError(`${flag} needs a value.`);
        values.set(flag, substitute(flags[i + 1] ?? '', this.#variables));
      }
      output = this.#box.wrap(materialName, values.get('--public-key'), values.get('--wrapping-algorithm'));
    }
    this.#variables.set('_', output);
    if (name) this.#variables.set(name, output);
    return { kind: 'verb', verb: `keymaterial ${action}`, output };
  }

  /** `hsm fail|recover REGION [N]` (one HSM, or the whole Region without N), `hsm status [REGION]`. */
  #hsm(words: string[]): ConsoleResult {
    const [action, regionName, which, ...extra] = words;
    const usage = 'Usage: hsm fail REGION [N], hsm recover REGION [N] (N: one HSM, 1–3; without N the whole Region), or hsm status [REGION].';
    if (action === 'status' && which === undefined) {
      const status = this.sandbox.hsm.status(regionName === undefined ? undefined : this.#knownRegion(regionName));
      return { kind: 'verb', verb: 'hsm status', output: { Regions: status.map((s) => ({ Region: s.region, Up: s.up, Down: s.down, RegionDown: s.regionDown })) } };
    }
    if ((action !== 'fail' && action !== 'recover') || regionName === undefined || extra.length > 0) throw new ConsoleError(usage);
    const region = this.#knownRegion(regionName);
    const number = which === undefined ? 'all' : /^[1-9]\d*$/.test(which) ? Number(which) : Number.NaN;
    if (Number.isNaN(number)) throw new ConsoleError(`"${which}" is not an HSM number. ${usage}`);
    try {
      if (action === 'fail') this.sandbox.hsm.fail(region, number);
      else this.sandbox.hsm.recover(region, number);
    } catch (caught) {
      throw new ConsoleError((caught as Error).message);
    }
    const [status] = this.sandbox.hsm.status(region);
    return {
      kind: 'verb',
      verb: `hsm ${action}`,
      output: {
        Region: region,
        Up: status?.up ?? [],
        Down: status?.down ?? [],
        RegionDown: status?.regionDown ?? false,
        Note: status?.regionDown
          ? `Every HSM in ${region} is down: KMS there fails every request (KeyUnavailableException for cryptography). Multi-Region replicas elsewhere still work.`
          : status && status.down.length > 0
            ? `${region} still serves requests from its other HSMs.`
            : `${region} is fully in service.`,
      },
    };
  }

  #region(words: string[]): ConsoleResult {
    const [action, value, ...extra] = words;
    if (action === undefined) return { kind: 'verb', verb: 'region', output: { Region: this.region } };
    if (action === 'list') return { kind: 'verb', verb: 'region list', output: { Regions: this.sandbox.regions.map((r) => ({ Region: r.name, Name: r.displayName })) } };
    if (action !== 'use' || value === undefined || extra.length > 0) throw new ConsoleError('Usage: region use <region>, e.g. region use eu-west-1.');
    this.region = this.#knownRegion(value);
    return { kind: 'verb', verb: 'region use', output: { Region: this.region } };
  }

  #knownRegion(name: string): string {
    if (this.sandbox.regions.some((r) => r.name === name)) return name;
    const guess = closest(name, this.sandbox.regions.map((r) => r.name));
    throw new ConsoleError(`Unknown Region "${name}".${guess ? ` Did you mean ${guess}?` : ''} "region list" shows them.`);
  }
}
