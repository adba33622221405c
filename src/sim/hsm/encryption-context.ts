/** An encryption context: non-secret string pairs bound to a ciphertext as AAD. */
export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * The canonical, length-prefixed encoding of an encryption context used as AAD.
 * Pairs are sorted by key (UTF-8 byte order) and each key and value is prefixed by its
 * 4-byte length, so `{"ab":"c"}` and `{"a":"bc"}` can never encode alike.
 */
export function canonicalContextAad(context: EncryptionContext | undefined): Buffer {
  const keys = context ? Object.keys(context) : [];
  if (!context || keys.length === 0) return EMPTY_CONTEXT;
  // The usual context is ASCII, where UTF-8 is one byte per character and UTF-16 order is byte
  // order: the encoding is built as one latin1 string and copied out in a single step.
  keys.sort();
  let text = uint32(keys.length);
  for (const key of keys) {
    const value = context[key];
    if (typeof value !== 'string' || !isAscii(key) || !isAscii(value)) return encodeAnyContext(context);
    text += uint32(key.length) + key + uint32(value.length) + value;
  }
  return Buffer.from(text, 'latin1');
}

/** The same encoding for any context, non-ASCII text included. */
function encodeAnyContext(context: EncryptionContext): Buffer {
  const encoded = Object.entries(context)
    .map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  let size = 4;
  for (const [k, v] of encoded) size += 8 + k.length + v.length;
  const out = Buffer.allocUnsafe(size);
  let at = out.writeUInt32BE(encoded.length, 0);
  for (const [k, v] of encoded) {
    at = out.writeUInt32BE(k.length, at);
    at += k.copy(out, at);
    at = out.writeUInt32BE(v.length, at);
    at += v.copy(out, at);
  }
  return out;
}

/** A 4-byte big-endian length as latin1 text. */
function uint32(n: number): string {
  return String.fromCharCode(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const EMPTY_CONTEXT = Buffer.alloc(4); // a count of zero pairs
