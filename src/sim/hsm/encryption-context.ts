/** An encryption context: non-secret string pairs bound to a ciphertext as AAD. */
export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * The canonical, length-prefixed encoding of an encryption context used as AAD.
 * Pairs are sorted by key (UTF-8 byte order) and each key and value is prefixed by its
 * 4-byte length, so `{"ab":"c"}` and `{"a":"bc"}` can never encode alike.
 */
export function canonicalContextAad(context: EncryptionContext | undefined): Buffer {
  const entries = context ? Object.entries(context) : [];
  if (entries.length === 0) return EMPTY_CONTEXT;
  const encoded = entries
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

const EMPTY_CONTEXT = Buffer.alloc(4); // a count of zero pairs
