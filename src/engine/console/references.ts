import { ConsoleError } from './console-error.js';

/** Named outputs of earlier commands: `ct = kms encrypt …` stores `ct`; `$_` is the last output. */
export type Variables = ReadonlyMap<string, unknown>;

const WHOLE = /^\$(?:\{([A-Za-z_][\w]*(?:\.[\w-]+)*)\}|([A-Za-z_][\w]*(?:\.[\w-]+)*))$/;
const EMBEDDED = /\$(?:\{([A-Za-z_][\w]*(?:\.[\w-]+)*)\}|([A-Za-z_][\w]*(?:\.[\w-]+)*))/g;

/**
 * Replaces references to named outputs in one word. A word that is exactly one reference
 * (`$ct.CiphertextBlob`) yields the value itself, bytes included; references inside other
 * text are rendered as text (bytes as base64, dates as ISO 8601).
 */
export function substitute(word: string, variables: Variables): unknown {
  const whole = WHOLE.exec(word);
  if (whole) return lookup(whole[1] ?? whole[2] ?? '', variables);
  if (!word.includes('$')) return word;
  return word.replace(EMBEDDED, (_m, braced: string | undefined, bare: string | undefined) =>
    asText(lookup(braced ?? bare ?? '', variables)),
  );
}

/** Reads `name.Path.0.Field` from the variables. */
export function lookup(path: string, variables: Variables): unknown {
  const [name = '', ...steps] = path.split('.');
  if (!variables.has(name)) {
    const known = [...variables.keys()].map((k) => `$${k}`).join(', ') || 'none yet';
    throw new ConsoleError(`Unknown output $${name}. Name an output with "name = kms …"; known outputs: ${known}.`);
  }
  let value = variables.get(name);
  let walked = `$${name}`;
  for (const step of steps) {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array || !(step in value)) {
      const members = value && typeof value === 'object' && !(value instanceof Uint8Array) ? Object.keys(value).join(', ') : 'none';
      throw new ConsoleError(`${walked} has no member "${step}" (members: ${members}).`);
    }
    value = (value as Record<string, unknown>)[step];
    walked += `.${step}`;
  }
  return value;
}

/** Renders a value as command-line text. */
export function asText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
