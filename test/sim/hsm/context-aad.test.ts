/**
 * The canonical encryption-context encoding (the AAD beside the blob header) has a fast path for
 * ASCII contexts; it must give exactly the bytes of the general encoding for every context.
 */
import { describe, expect, it } from 'vitest';
import { canonicalContextAad } from '../../../src/sim/hsm/encryption-context.js';

/** The encoding as specified: pairs sorted by the UTF-8 bytes of their keys, each part length-prefixed. */
function reference(context: Record<string, string>): Buffer {
  const pairs = Object.entries(context)
    .map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  const parts: Buffer[] = [uint32(pairs.length)];
  for (const [k, v] of pairs) parts.push(uint32(k.length), k, uint32(v.length), v);
  return Buffer.concat(parts);
}

function uint32(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

describe('canonicalContextAad', () => {
  it.each<[string, Record<string, string>]>([
    ['an empty context', {}],
    ['one pair', { purpose: 'bench' }],
    ['pairs out of order', { tenant: 'acme', purpose: 'bench', a: '', Z: 'upper sorts first' }],
    ['long text (length prefixes above one byte)', { k: 'v'.repeat(70_000), ['k'.repeat(300)]: 'x' }],
    ['non-ASCII values', { purpose: 'café', tenant: '東京' }],
    ['non-ASCII keys', { 'é': '1', z: '2', 'ÿ': '3', 'Ā': '4' }],
    ['keys beyond the BMP next to U+E000–FFFF (UTF-16 and UTF-8 orders differ)', { '\uffff': 'a', '😀': 'b', '\ue000': 'c' }],
    ['lone surrogates (encoded as U+FFFD)', { '\ud800': 'x', b: '\udc00' }],
    ['control characters and DEL', { '\u0000': '\u007f', '\t': '\n' }],
  ])('gives the specified bytes for %s', (_case, context) => {
    expect(canonicalContextAad(context).equals(reference(context))).toBe(true);
    // With room for a header in front, the same bytes after it.
    const withRoom = canonicalContextAad(context, 82);
    expect(withRoom).toHaveLength(82 + reference(context).length);
    expect(withRoom.subarray(82).equals(reference(context))).toBe(true);
  });

  it('gives four zero bytes for no context', () => {
    expect(canonicalContextAad(undefined)).toEqual(Buffer.alloc(4));
  });
});
