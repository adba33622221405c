/** An encryption context: non-secret string pairs bound to a ciphertext as AAD. */
export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * The canonical, length-prefixed encoding of an encryption context used as AAD.
 * Pairs are sorted by key (UTF-8 byte order) and each key and value is prefixed by its
 * 4-byte length, so `{"ab":"c"}` and `{"a":"bc"}` can never encode alike.
 *
 * With `room`, the encoding starts `room` bytes into the returned buffer and those first bytes
 * are left for the caller to fill (the HSM puts the blob header there: header and context
 * together are the AAD, in one buffer).
 */
export function canonicalContextAad(context: EncryptionContext | undefined, room = 0): Buffer {
  const keys = context ? Object.keys(context) : [];
  if (!context || keys.length === 0) {
    if (room === 0) return EMPTY_CONTEXT;
    const out = Buffer.allocUnsafe(room + 4);
    writeUint32(out, room, 0);
    return out;
  }
  // The usual context is ASCII, where UTF-8 is one byte per character and UTF-16 order is byte
  // order: it is written straight into the buffer. Any other context takes the general path.
  keys.sort();
  let size = 4;
  for (const key of keys) {
    const value = context[key];
    if (typeof value !== 'string' || !isAscii(key) || !isAscii(value)) return withRoom(encodeAnyContext(context), room);
    size += 8 + key.length + value.length;
  }
  const out = Buffer.allocUnsafe(room + size);
  let at = writeUint32(out, room, keys.length);
  for (const key of keys) {
    const value = context[key] as string;
    at = writeAscii(out, writeUint32(out, at, key.length), key);
    at = writeAscii(out, writeUint32(out, at, value.length), value);
  }
  return out;
}

function withRoom(encoded: Buffer, room: number): Buffer {
  if (room === 0) return encoded;
  const out = Buffer.allocUnsafe(room + encoded.length);
  out.set(encoded, room);
  return out;
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

/** Writes a 4-byte big-endian length; returns the offset after it. */
function writeUint32(out: Buffer, at: number, n: number): number {
  out[at] = n >>> 24;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
  return at + 4;
}

/** Writes ASCII text a byte per character; returns the offset after it. */
function writeAscii(out: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i += 1) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const EMPTY_CONTEXT = Buffer.alloc(4); // a count of zero pairs
