/**
 * Input schemas for KMS operations, with AWS's ValidationException wording. One schema per
 * operation gives runtime validation, the TypeScript input type, and (through `describe`)
 * the console's flags, help and completion.
 */

/** The wire type of a field, as the KMS API model names it. */
export type FieldKind = 'string' | 'integer' | 'boolean' | 'blob' | 'timestamp' | 'map' | 'list' | 'structure';

/** A field of an operation's input. `T` is the value's TypeScript type. */
export interface Field<T = unknown> {
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly doc: string;
  readonly enumValues?: readonly string[];
  readonly item?: Field;
  readonly members?: Readonly<Record<string, Field>>;
  /** Blob values that must never be echoed (AWS's `sensitive` trait). */
  readonly sensitive?: boolean;
  /** Appends a problem per constraint the value breaks; returns false on a type mismatch. */
  check(value: unknown, path: string, problems: string[]): void;
  /** Phantom: the value's type. */
  readonly _type?: T;
}

/** The members of an operation's input. */
export type Shape = Readonly<Record<string, Field>>;

type Value<F> = F extends Field<infer T> ? T : never;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K]['required'] extends true ? K : never }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;

/** The TypeScript input type of a shape. */
export type InputOf<S extends Shape> = { [K in RequiredKeys<S>]: Value<S[K]> } & {
  [K in OptionalKeys<S>]?: Value<S[K]>;
};

interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

/** The AWS name of a member in constraint messages: `KeyId` → `keyId`. */
export function wireMemberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `'${value}'`;
  return `'${JSON.stringify(value)}'`;
}

function violation(value: unknown, path: string, constraint: string, hideValue = false): string {
  const shown = hideValue ? 'Value' : `Value ${show(value)}`;
  return `${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function typeMismatch(value: unknown, path: string, kind: FieldKind, hide = false): string {
  // Fidelity: AWS answers a mistyped JSON member with a SerializationException before validation;
  // the sandbox reports it as a ValidationException naming the member, for every entry point alike.
  return violation(value, path, `Member must be of type ${kind}`, hide);
}

function lengthProblems(value: unknown, length: number, path: string, b: Bounds, hide: boolean): string[] {
  const out: string[] = [];
  if (b.min !== undefined && length < b.min)
    out.push(violation(value, path, `Member must have length greater than or equal to ${b.min}`, hide));
  if (b.max !== undefined && length > b.max)
    out.push(violation(value, path, `Member must have length less than or equal to ${b.max}`, hide));
  return out;
}

type Builder<T> = Omit<Field<T>, 'required'> & { readonly required: false };

function optional<T>(field: Omit<Field<T>, 'required'>): Builder<T> {
  return { ...field, required: false };
}

/** Marks a field as required (`Member must not be null` when absent). */
export function required<T>(field: Field<T>): Field<T> & { readonly required: true } {
  return { ...field, required: true };
}

/** A string field with AWS's length, pattern and enum constraints. */
export function string(
  doc: string,
  opts: Bounds & { pattern?: RegExp; enumValues?: readonly string[] } = {},
): Builder<string> {
  return optional<string>({
    kind: 'string',
    doc,
    enumValues: opts.enumValues,
    check(value, path, problems) {
      if (typeof value !== 'string') return void problems.push(typeMismatch(value, path, 'string'));
      problems.push(...lengthProblems(value, value.length, path, opts, false));
      if (opts.pattern && !opts.pattern.test(value))
        problems.push(violation(value, path, `Member must satisfy regular expression pattern: ${opts.pattern.source}`));
      if (opts.enumValues && !opts.enumValues.includes(value))
        problems.push(violation(value, path, `Member must satisfy enum value set: [${opts.enumValues.join(', ')}]`));
    },
  });
}

/** A string field whose values are an AWS enumeration. */
export function enumOf<const V extends string>(doc: string, values: readonly V[]): Builder<V> {
  return string(doc, { enumValues: values }) as Builder<V>;
}

/** An integer field with AWS's value bounds. */
export function integer(doc: string, opts: Bounds = {}): Builder<number> {
  return optional<number>({
    kind: 'integer',
    doc,
    check(value, path, problems) {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return void problems.push(typeMismatch(value, path, 'integer'));
      if (opts.min !== undefined && value < opts.min)
        problems.push(violation(value, path, `Member must have value greater than or equal to ${opts.min}`));
      if (opts.max !== undefined && value > opts.max)
        problems.push(violation(value, path, `Member must have value less than or equal to ${opts.max}`));
    },
  });
}

/** A boolean field. */
export function boolean(doc: string): Builder<boolean> {
  return optional<boolean>({
    kind: 'boolean',
    doc,
    check(value, path, problems) {
      if (typeof value !== 'boolean') problems.push(typeMismatch(value, path, 'boolean'));
    },
  });
}

/** A blob field (bytes). Its value is never shown in messages. */
export function blob(doc: string, opts: Bounds & { sensitive?: boolean } = {}): Builder<Uint8Array> {
  return optional<Uint8Array>({
    kind: 'blob',
    doc,
    sensitive: opts.sensitive ?? false,
    check(value, path, problems) {
      if (!(value instanceof Uint8Array)) return void problems.push(typeMismatch(undefined, path, 'blob', true));
      problems.push(...lengthProblems(value, value.byteLength, path, opts, true));
    },
  });
}

/** A timestamp field (a Date in process; epoch seconds on the wire). */
export function timestamp(doc: string): Builder<Date> {
  return optional<Date>({
    kind: 'timestamp',
    doc,
    check(value, path, problems) {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) problems.push(typeMismatch(value instanceof Date ? 'Invalid Date' : value, path, 'timestamp'));
    },
  });
}

/** A map of strings to strings (an encryption context). */
export function stringMap(doc: string): Builder<Record<string, string>> {
  return optional<Record<string, string>>({
    kind: 'map',
    doc,
    check(value, path, problems) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array)
        return void problems.push(typeMismatch(value, path, 'map'));
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') problems.push(typeMismatch(v, `${path}.${k}`, 'string'));
      }
    },
  });
}

/** A list field whose items follow `item`. */
export function list<T>(doc: string, item: Field<T>, opts: Bounds = {}): Builder<T[]> {
  return optional<T[]>({
    kind: 'list',
    doc,
    item,
    check(value, path, problems) {
      if (!Array.isArray(value)) return void problems.push(typeMismatch(value, path, 'list'));
      problems.push(...lengthProblems(value, value.length, path, opts, false));
      value.forEach((v, i) => {
        const itemPath = `${path}.${i + 1}.member`;
        if (v === undefined || v === null) problems.push(violation(v, itemPath, 'Member must not be null'));
        else item.check(v, itemPath, problems);
      });
    },
  });
}

/** A structure field whose members follow `shape`. */
export function structure<S extends Shape>(doc: string, shape: S): Builder<InputOf<S>> {
  return optional<InputOf<S>>({
    kind: 'structure',
    doc,
    members: shape,
    check(value, path, problems) {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return void problems.push(typeMismatch(value, path, 'structure'));
      checkShape(shape, value as Record<string, unknown>, problems, `${path}.`);
    },
  });
}

/** Checks every member of a shape, appending AWS-worded problems. Unknown members are ignored, as AWS does. */
export function checkShape(shape: Shape, input: Record<string, unknown>, problems: string[], prefix = ''): void {
  for (const [name, field, wireName] of members(shape)) {
    const value = input[name];
    const path = prefix === '' ? wireName : `${prefix}${wireName}`;
    if (value === undefined || value === null) {
      if (field.required) problems.push(violation(null, path, 'Member must not be null'));
      continue;
    }
    field.check(value, path, problems);
  }
}

const MEMBERS = new WeakMap<Shape, readonly (readonly [string, Field, string])[]>();

/** A shape's members with their wire names (memoised: validation runs on every call). */
function members(shape: Shape): readonly (readonly [string, Field, string])[] {
  let list = MEMBERS.get(shape);
  if (!list) MEMBERS.set(shape, (list = Object.entries(shape).map(([name, field]) => [name, field, wireMemberName(name)] as const)));
  return list;
}

/** AWS's summary line for constraint violations: `1 validation error detected: …`. */
export function validationMessage(problems: readonly string[]): string {
  const count = problems.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}
