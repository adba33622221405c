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
    const bytes = Buffer.from(value, 'base64');
    if (!paddedBase64(value, bytes.length) && (!BASE64.test(value) || value.length % 4 === 1))
      throw new SerializationError(`Value of ${path} is not valid base64.`);
    return bytes;
  }
  // JSON 1.1 timestamps are epoch seconds (fractions allowed); anything else is left for validation.
  if (field.kind === 'timestamp' && typeof value === 'number') return new Date(value * 1000);
  if (field.kind === 'list' && field.item && Array.isArray(value)) return value.map((v, i) => decodeValue(field.item as Field, v, `${path}[${i}]`));
  if (field.kind === 'structure' && field.members && typeof value === 'object' && !Array.isArray(value))
    return decodeInput(field.members, value as Record<string, unknown>);
  return value;
}

/**
 * Tells, without a scan in JavaScript, that padded base64 (what SDKs and the CLI send) decoded to
 * `decoded` bytes holds only base64 characters. Node's decoder skips characters outside its
 * alphabet, so one skipped character leaves fewer bytes than the text's length promises; its
 * alphabet also takes base64url's `-` and `_`, which are looked for. Text this does not vouch for
 * goes to the regular expression, a scan several times slower.
 */
function paddedBase64(text: string, decoded: number): boolean {
  if (text.length % 4 !== 0 || text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return decoded === (text.length / 4) * 3 - padding;
}

/**
 * Turns an operation's output into its JSON 1.1 body: bytes as base64, dates as epoch seconds,
 * undefined members left out.
 *
 * The text is built directly rather than by JSON.stringify over a converted copy: base64 needs
 * no escaping, so a blob's text goes in as it is instead of being scanned character by
 * character (for a 4 KiB ciphertext that scan was most of the cost). Everything else is
 * JSON.stringify's own text for the same value.
 */
export function encodeOutput(value: unknown): string {
  return json11(value) as string;
}

/** The JSON 1.1 text of a value; undefined where JSON.stringify leaves a member out. */
function json11(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (value instanceof Uint8Array) return `"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`;
  if (value instanceof Date) return JSON.stringify(epochSeconds(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += `${i === 0 ? '' : ','}${json11(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  let out = '{';
  for (const key of Object.keys(value)) {
    // A member named __proto__ never reached the text before (assigning it to a plain object
    // sets the prototype); it still does not.
    if (key === '__proto__') continue;
    const text = json11((value as Record<string, unknown>)[key]);
    if (text !== undefined) out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/** Dates as epoch seconds, the JSON 1.1 timestamp form (fractional seconds allowed). */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
