/**
 * The sandbox's symmetric ciphertext blob, format version 1:
 *
 * | bytes | field                                                        |
 * | ----- | ------------------------------------------------------------ |
 * | 1     | format version (0x01)                                        |
 * | 1     | length L of the key id                                       |
 * | L     | key id, ASCII (a UUID or `mrk-` + 32 hex)                    |
 * | 32    | key material id (the 64-hex KeyMaterialId, as raw bytes)     |
 * | 12    | IV, fresh for every encryption                               |
 * | n     | AES-256-GCM ciphertext                                       |
 * | 16    | GCM tag                                                      |
 *
 * The header (version through IV) and the canonical encryption context form the AAD,
 * so tampering with any byte fails authentication.
 *
 * Fidelity: real KMS blobs carry a header with the backing-key id and derive a fresh key per
 * message from the HBK; this format keeps the same properties (authenticated header, context
 * as AAD, not stored) in a documented, simpler layout.
 * https://docs.aws.amazon.com/kms/latest/cryptographic-details/customer-data-operations.html
 */
export const CIPHERTEXT_FORMAT_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const MATERIAL_ID_BYTES = 32;

/** The parsed header of a ciphertext blob. */
export interface CiphertextHeader {
  readonly keyId: string;
  readonly keyMaterialId: string;
  readonly iv: Buffer;
  /** The header bytes, authenticated as part of the AAD. */
  readonly bytes: Buffer;
  /** The AES-GCM body (without the tag). */
  readonly body: Buffer;
  readonly tag: Buffer;
}

/** Builds the header bytes for a key, its material version and a fresh IV. */
export function encodeHeader(keyId: string, keyMaterialId: string, iv: Buffer): Buffer {
  const prefix = encodeHeaderPrefix(keyId, keyMaterialId);
  const header = Buffer.allocUnsafe(prefix.length + IV_BYTES);
  prefix.copy(header, 0);
  iv.copy(header, prefix.length);
  return header;
}

/** The header bytes before the IV: version, key id and key material id (the same for every blob of a material). */
export function encodeHeaderPrefix(keyId: string, keyMaterialId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  const prefix = Buffer.alloc(2 + id.length + MATERIAL_ID_BYTES);
  prefix[0] = CIPHERTEXT_FORMAT_VERSION;
  prefix[1] = id.length;
  id.copy(prefix, 2);
  prefix.write(keyMaterialId, 2 + id.length, MATERIAL_ID_BYTES, 'hex');
  return prefix;
}

/** Parses a blob; returns undefined when it is not a well-formed version-1 blob. */
export function decodeCiphertext(blob: Uint8Array): CiphertextHeader | undefined {
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 2 || buf[0] !== CIPHERTEXT_FORMAT_VERSION) return undefined;
  const idLength = buf[1] ?? 0;
  const headerLength = 2 + idLength + MATERIAL_ID_BYTES + IV_BYTES;
  if (idLength === 0 || buf.length < headerLength + TAG_BYTES) return undefined;
  // latin1, not ascii: Node's ascii decoder drops the high bit, so 0xB0 would read as '0'
  // and a header with non-ASCII bytes could name a key.
  const keyId = buf.toString('latin1', 2, 2 + idLength);
  if (!/^[0-9a-zA-Z-]+$/.test(keyId)) return undefined;
  return {
    keyId,
    keyMaterialId: buf.toString('hex', 2 + idLength, 2 + idLength + MATERIAL_ID_BYTES),
    iv: buf.subarray(headerLength - IV_BYTES, headerLength),
    bytes: buf.subarray(0, headerLength),
    body: buf.subarray(headerLength, buf.length - TAG_BYTES),
    tag: buf.subarray(buf.length - TAG_BYTES),
  };
}
