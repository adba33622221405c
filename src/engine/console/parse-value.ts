import { readFileSync } from 'node:fs';
import type { Field } from '../../sim/index.js';
import { ConsoleError } from './console-error.js';
import { asText } from './references.js';

/**
 * Blob members given as base64 text on the command line (what the console prints for them).
 * Every other blob (Plaintext, Message) is given as UTF-8 text, as with the AWS CLI's
 * `--cli-binary-format raw-in-base64-out`; `fileb://path` reads raw bytes from a file.
 */
const BASE64_BLOBS = new Set(['CiphertextBlob', 'Signature', 'Mac', 'ImportToken', 'EncryptedKeyMaterial', 'PublicKey']);

/**
 * Turns the words after a flag into the member's value, by the member's kind. `values` are
 * words after reference substitution: strings, or whole values from earlier outputs.
 */
export function parseFlagValue(flag: string, member: string, field: Field, values: readonly unknown[]): unknown {
  if (field.kind === 'list') return parseList(flag, field, values);
  if (values.length > 1) throw new ConsoleError(`--${flag} takes one value; got ${values.length}. Quote values that contain spaces.`);
  const value = values[0];
  switch (field.kind) {
    case 'boolean':
      return parseBoolean(flag, value);
    case 'integer':
      return parseInteger(flag, value);
    case 'blob':
      return parseBlob(flag, member, value);
    case 'map':
      return parseMap(flag, value);
    case 'timestamp':
      return parseTimestamp(flag, value);
    case 'structure':
      // JSON, or the AWS CLI's flat shorthand (`LocationConstraint=eu-west-1`, `Status=Enabled`).
      if (typeof value !== 'string') return value;
      return value.trimStart().startsWith('{') ? parseObject(flag, value) : shorthand(flag, value);
    default:
      return typeof value === 'string' ? value : asText(value);
  }
}

function parseBoolean(flag: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConsoleError(`--${flag} is a switch: write --${flag} or --no-${flag}.`);
}

function parseInteger(flag: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new ConsoleError(`--${flag} expects a whole number; got ${value === undefined ? 'nothing' : `'${asText(value)}'`}.`);
}

function parseBlob(flag: string, member: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string') throw new ConsoleError(`--${flag} expects ${BASE64_BLOBS.has(member) ? 'base64 text' : 'text'}, fileb://PATH or an output such as $ct.${member}.`);
  if (value.startsWith('fileb://')) {
    const path = value.slice('fileb://'.length);
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConsoleError(`--${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
  }
  if (!BASE64_BLOBS.has(member)) return Buffer.from(value, 'utf8');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
    throw new ConsoleError(`--${flag} expects base64 text (as the console prints blobs), fileb://PATH or an output such as $ct.${member}.`);
  return Buffer.from(value, 'base64');
}

function parseTimestamp(flag: string, value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(parsed)) throw new ConsoleError(`--${flag} expects a date: ISO 8601 (2027-01-31T00:00:00Z), epoch seconds, or +30d from the sandbox's now.`);
  return new Date(parsed);
}

function parseMap(flag: string, value: unknown): Record<string, string> {
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) return value as Record<string, string>;
  if (typeof value !== 'string' || value === '') throw new ConsoleError(`--${flag} expects key=value pairs (a=1,b=2) or a JSON object.`);
  if (value.trimStart().startsWith('{')) return parseObject(flag, value) as Record<string, string>;
  return shorthand(flag, value);
}

function parseList(flag: string, field: Field, values: readonly unknown[]): unknown[] {
  if (values.length === 0) throw new ConsoleError(`--${flag} expects at least one value.`);
  const first = values[0];
  if (values.length === 1 && Array.isArray(first)) return first;
  if (values.length === 1 && typeof first === 'string' && first.trimStart().startsWith('[')) {
    const parsed = parseJson(flag, first);
    if (!Array.isArray(parsed)) throw new ConsoleError(`--${flag} expects a JSON array.`);
    return parsed;
  }
  const item = field.item;
  return values.map((v) => {
    if (item?.kind === 'structure' && typeof v === 'string') return v.trimStart().startsWith('{') ? parseObject(flag, v) : shorthand(flag, v);
    return typeof v === 'string' ? v : asText(v);
  });
}

function shorthand(flag: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConsoleError(`--${flag}: "${pair}" is not key=value. Write a=1,b=2 or a JSON object.`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function parseObject(flag: string, text: string): Record<string, unknown> {
  const parsed = parseJson(flag, text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConsoleError(`--${flag} expects a JSON object.`);
  return parsed as Record<string, unknown>;
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConsoleError(`--${flag}: invalid JSON (${(error as Error).message}).`);
  }
}
