import type { Field } from '../sim/index.js';

/** A request body that is not what the JSON 1.1 protocol expects: AWS's SerializationException. */
export class SerializationError extends Error {
  override name = 'SerializationError' as const;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Turns a JSON 1.1 request body into an operation's input: base64 strings become bytes for
 * blob members (in structures and lists too). Values of the wrong JSON type are left as they
 * are, so that validation names the member in a ValidationException.
 */
export function decodeInput(shape: Readonly<Record<string, Field>>, body: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const field = shape[name];
    input[name] = field ? decodeValue(field, value, name) : value;
  }
  return input;
}

function decodeValue(field: Field, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return value;
  if (field.kind === 'blob' && typeof value === 'string') {
    if (!BASE64.test(value) || value.length % 4 === 1) throw new SerializationError(`Value of ${path} is not valid base64.`);
    return Buffer.from(value, 'base64');
  }
  if (field.kind === 'list' && field.item && Array.isArray(value)) return value.map((v, i) => decodeValue(field.item as Field, v, `${path}[${i}]`));
  if (field.kind === 'structure' && field.members && typeof value === 'object' && !Array.isArray(value))
    return decodeInput(field.members, value as Record<string, unknown>);
  return value;
}

/** Turns an operation's output into its JSON 1.1 body: bytes as base64, dates as epoch seconds. */
export function encodeOutput(value: unknown): string {
  return JSON.stringify(toJson11(value));
}

function toJson11(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return epochSeconds(value);
  if (Array.isArray(value)) return value.map(toJson11);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson11(v);
    return out;
  }
  return value;
}

/** Dates as epoch seconds, the JSON 1.1 timestamp form (fractional seconds allowed). */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
