import type { AuditRecord } from '../sim/index.js';

/** A parsed audit filter: terms that must all match. */
export interface AuditFilter {
  readonly operation: readonly string[];
  readonly key: readonly string[];
  readonly error: readonly string[];
  readonly text: readonly string[];
}

/**
 * Parses an audit filter such as `op:Encrypt key:1234abcd err:Disabled alias`. `op:` matches the
 * event name, `key:` a key id or ARN in the record's resources or request, `err:` the error code
 * (`err:any` any error, `err:none` successes); bare words match anywhere. Case-insensitive.
 */
export function parseAuditFilter(text: string): AuditFilter {
  const filter = { operation: [] as string[], key: [] as string[], error: [] as string[], text: [] as string[] };
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const [prefix, ...rest] = word.split(':');
    const value = rest.join(':').toLowerCase();
    if (rest.length > 0 && value && (prefix === 'op' || prefix === 'operation')) filter.operation.push(value);
    else if (rest.length > 0 && value && prefix === 'key') filter.key.push(value);
    else if (rest.length > 0 && value && (prefix === 'err' || prefix === 'error')) filter.error.push(value);
    else filter.text.push(word.toLowerCase());
  }
  return filter;
}

/** Tells whether a filter has no terms (everything matches). */
export function isEmptyFilter(filter: AuditFilter): boolean {
  return filter.operation.length + filter.key.length + filter.error.length + filter.text.length === 0;
}

/** Tells whether a record matches every term of a filter. */
export function matchesAuditFilter(record: AuditRecord, filter: AuditFilter): boolean {
  const name = record.eventName.toLowerCase();
  if (!filter.operation.every((op) => name.includes(op))) return false;
  if (filter.key.length > 0) {
    const keys = [...(record.resources ?? []).filter((r) => r.type === 'AWS::KMS::Key').map((r) => r.ARN), String(record.requestParameters?.keyId ?? '')].join(' ').toLowerCase();
    if (!filter.key.every((k) => keys.includes(k))) return false;
  }
  const code = (record.errorCode ?? '').toLowerCase();
  for (const e of filter.error) {
    if (e === 'none' ? code !== '' : e === 'any' ? code === '' : !code.includes(e)) return false;
  }
  if (filter.text.length > 0) {
    const all = JSON.stringify(record).toLowerCase();
    if (!filter.text.every((t) => all.includes(t))) return false;
  }
  return true;
}
