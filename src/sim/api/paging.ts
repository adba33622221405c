import { KmsError } from '../errors.js';

/** One page of a list, with AWS's `Truncated` and `NextMarker`. */
export interface Page<T> {
  readonly items: T[];
  readonly Truncated: boolean;
  readonly NextMarker?: string;
}

/**
 * Pages a list with an opaque marker. The marker encodes the offset of the next item.
 * A marker the sandbox did not issue gives InvalidMarkerException.
 */
export function paginate<T>(all: readonly T[], limit: number, marker: string | undefined): Page<T> {
  const start = marker === undefined ? 0 : decodeMarker(marker);
  const items = all.slice(start, start + limit);
  const next = start + items.length;
  if (next < all.length) return { items, Truncated: true, NextMarker: encodeMarker(next) };
  return { items, Truncated: false };
}

function encodeMarker(offset: number): string {
  return Buffer.from(`kms-sandbox:${offset}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): number {
  const match = /^kms-sandbox:(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!match) throw new KmsError('InvalidMarkerException', 'Invalid marker');
  return Number(match[1]);
}
