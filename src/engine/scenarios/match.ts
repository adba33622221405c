import type { AuditRecord } from '../../sim/index.js';
import { toWire } from '../console/format.js';
import { substitute, type Variables } from '../console/references.js';

/**
 * Resolves `$name.Path` references in an expected value (strings only) from the session's named
 * outputs, then renders it as wire JSON (blobs as base64, dates as ISO 8601).
 */
export function resolveExpected(expected: unknown, variables: Variables): unknown {
  if (typeof expected === 'string') return expected.includes('$') ? toWire(substitute(expected, variables)) : expected;
  if (Array.isArray(expected)) return expected.map((e) => resolveExpected(e, variables));
  if (expected && typeof expected === 'object') return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, resolveExpected(v, variables)]));
  return expected;
}

/**
 * Matches by subset: objects match when every given member matches, arrays when every given
 * element matches some element, anything else by equality; `null` also matches a missing member. Returns where the first mismatch is
 * (`Snapshots[0].KmsKeyId: expected …, got …`), or undefined when it matches.
 */
export function subsetMismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || 'the output'}: expected a list, got ${short(actual)}`;
    for (const [i, element] of expected.entries())
      if (!actual.some((a) => subsetMismatch(element, a) === undefined)) return `${path}[${i}]: no element matches ${short(element)}${actual.length === 0 ? ' (the list is empty)' : ''}`;
    return undefined;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${path || 'the output'}: expected an object, got ${short(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const where = path ? `${path}.${key}` : key;
      if (!(key in actual) || (actual as Record<string, unknown>)[key] === undefined) {
        if (value === null) continue; // null matches a missing member: `errorCode: null` means "succeeded"
        return `${where}: missing (expected ${short(value)})`;
      }
      const mismatch = subsetMismatch(value, (actual as Record<string, unknown>)[key], where);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path || 'the value'}: expected ${short(expected)}, got ${short(actual)}`;
}

/** An audit record as matched: its CloudTrail members, plus `invokedBy` from `userIdentity.invokedBy`. */
export function auditView(record: AuditRecord): Record<string, unknown> {
  return { ...(toWire(record) as Record<string, unknown>), invokedBy: record.userIdentity.invokedBy };
}

/** Finds an audit record matching an expected entry (by subset); returns it or undefined. */
export function findAudit(expected: Record<string, unknown>, records: readonly AuditRecord[]): AuditRecord | undefined {
  return records.find((r) => subsetMismatch(expected, auditView(r)) === undefined);
}

/** A compact rendering of a value for failure messages. */
export function short(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
