import { describe, expect, it } from 'vitest';
import {
  CIPHERTEXT_FORMAT_VERSION,
  decodeCiphertext,
  IV_BYTES,
  MATERIAL_ID_BYTES,
  TAG_BYTES,
} from '../../../src/sim/hsm/ciphertext-format.js';
import { canonicalContextAad } from '../../../src/sim/hsm/encryption-context.js';
import { type Sandbox } from '../../../src/sim/index.js';
import { createTestKey, describeTestKey, expectError, expectOk, REGION, testSandbox, type TestKey } from '../../helpers/sim.js';

const PLAINTEXT = Buffer.from('attack at dawn');
const CONTEXT = { tenant: 'acme', purpose: 'test' };

function encrypt(sandbox: Sandbox, key: TestKey, plaintext: Buffer = PLAINTEXT, context: Record<string, string> = CONTEXT): Buffer {
  const { CiphertextBlob } = expectOk(
    sandbox.call(REGION, sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: plaintext, EncryptionContext: context }),
  );
  return Buffer.from(CiphertextBlob);
}

function decrypt(sandbox: Sandbox, blob: Buffer, context: Record<string, string> = CONTEXT) {
  return sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: context });
}

function withByte(blob: Buffer, index: number, mask: number): Buffer {
  const copy = Buffer.from(blob);
  copy[index] = (copy[index] ?? 0) ^ mask;
  return copy;
}

/** The error codes of decrypting each single-byte alteration of `blob`, by byte index. */
function codesOfAlterations(sandbox: Sandbox, blob: Buffer, indexes: Iterable<number>, mask: number): Map<number, string> {
  const codes = new Map<number, string>();
  for (const index of indexes) {
    const outcome = decrypt(sandbox, withByte(blob, index, mask));
    codes.set(index, outcome.ok ? 'decrypted' : outcome.error.code);
  }
  return codes;
}

function setUp(): { sandbox: Sandbox; key: TestKey; blob: Buffer } {
  const sandbox = testSandbox();
  const key = createTestKey(sandbox);
  return { sandbox, key, blob: encrypt(sandbox, key) };
}

describe('ciphertext format', () => {
  it('lays out version, key id, key material id, IV, body and tag', () => {
    const { key, blob } = setUp();

    expect(blob[0]).toBe(CIPHERTEXT_FORMAT_VERSION);
    expect(blob[1]).toBe(key.keyId.length);
    expect(blob.subarray(2, 2 + key.keyId.length).toString('ascii')).toBe(key.keyId);
    expect(blob).toHaveLength(2 + key.keyId.length + MATERIAL_ID_BYTES + IV_BYTES + PLAINTEXT.length + TAG_BYTES);
  });

  it('names the key id and its CurrentKeyMaterialId in the header', () => {
    const { sandbox, key, blob } = setUp();

    const header = decodeCiphertext(blob);

    expect(header?.keyId).toBe(key.keyId);
    expect(header?.keyMaterialId).toBe(describeTestKey(sandbox, key.keyId).CurrentKeyMaterialId);
    expect(header?.iv).toHaveLength(IV_BYTES);
    expect(header?.tag).toHaveLength(TAG_BYTES);
    expect(header?.body).toHaveLength(PLAINTEXT.length);
  });

  it('never holds the plaintext or the encryption context', () => {
    const { blob } = setUp();

    expect(blob.includes(PLAINTEXT)).toBe(false);
    expect(blob.includes(Buffer.from('acme'))).toBe(false);
  });

  it('differs between two encryptions of the same plaintext, each with a fresh IV', () => {
    const { sandbox, key, blob } = setUp();

    const again = encrypt(sandbox, key);

    expect(again.equals(blob)).toBe(false);
    expect(decodeCiphertext(again)?.iv.equals(decodeCiphertext(blob)?.iv ?? Buffer.alloc(0))).toBe(false);
    expect(Buffer.from(expectOk(decrypt(sandbox, again)).Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('fails with InvalidCiphertextException when any single byte is inverted', () => {
    const { sandbox, blob } = setUp();
    const everyIndex = blob.keys();

    const codes = codesOfAlterations(sandbox, blob, everyIndex, 0xff);

    expect(codes.size).toBe(blob.length);
    expect([...codes].filter(([, code]) => code !== 'InvalidCiphertextException')).toEqual([]);
  });

  it('fails with InvalidCiphertextException when one bit of any byte outside the key id flips', () => {
    const { sandbox, key, blob } = setUp();
    const keyIdEnd = 2 + key.keyId.length;
    // Bytes 1..keyIdEnd address the key: a one-bit change there can name another well-formed key id,
    // which is indistinguishable from a ciphertext of another Region (see the next test).
    const outsideKeyId = [0, ...Array.from({ length: blob.length - keyIdEnd }, (_, i) => keyIdEnd + i)];

    const codes = codesOfAlterations(sandbox, blob, outsideKeyId, 0x01);

    expect(codes.size).toBe(outsideKeyId.length);
    expect([...codes].filter(([, code]) => code !== 'InvalidCiphertextException')).toEqual([]);
  });

  it('fails when the header is rewritten to name another key of the Region', () => {
    const { sandbox, key, blob } = setUp();
    const other = createTestKey(sandbox, REGION, 'other');
    const forged = Buffer.from(blob);
    forged.write(other.keyId, 2, 'ascii');

    expect(decodeCiphertext(forged)?.keyId).toBe(other.keyId);
    expect(other.keyId).not.toBe(key.keyId);
    expect(expectError(decrypt(sandbox, forged)).code).toBe('InvalidCiphertextException');
  });

  it('keeps {"ab":"c"} and {"a":"bc"} apart', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const blob = encrypt(sandbox, key, PLAINTEXT, { ab: 'c' });

    const error = expectError(decrypt(sandbox, blob, { a: 'bc' }));

    expect(error.code).toBe('InvalidCiphertextException');
    expect(canonicalContextAad({ ab: 'c' }).equals(canonicalContextAad({ a: 'bc' }))).toBe(false);
    expect(Buffer.from(expectOk(decrypt(sandbox, blob, { ab: 'c' })).Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it('keeps a pair split across two pairs apart from one pair', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const blob = encrypt(sandbox, key, PLAINTEXT, { a: 'b', c: 'd' });

    expect(expectError(decrypt(sandbox, blob, { a: 'bcd' })).code).toBe('InvalidCiphertextException');
    expect(expectError(decrypt(sandbox, blob, { a: 'b' })).code).toBe('InvalidCiphertextException');
  });

  it('ignores the order of the context keys', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const blob = encrypt(sandbox, key, PLAINTEXT, { alpha: '1', beta: '2', gamma: '3' });

    const output = expectOk(decrypt(sandbox, blob, { gamma: '3', alpha: '1', beta: '2' }));

    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
    expect(canonicalContextAad({ b: '2', a: '1' }).equals(canonicalContextAad({ a: '1', b: '2' }))).toBe(true);
  });

  it('treats an empty context as no context', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    const blob = encrypt(sandbox, key, PLAINTEXT, {});

    const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { CiphertextBlob: blob }));

    expect(Buffer.from(output.Plaintext).equals(PLAINTEXT)).toBe(true);
  });

  it.each([
    ['an empty blob', Buffer.alloc(0)],
    ['another format version', Buffer.concat([Buffer.from([2, 1, 0x61]), Buffer.alloc(64)])],
    ['an empty key id', Buffer.concat([Buffer.from([CIPHERTEXT_FORMAT_VERSION, 0]), Buffer.alloc(80)])],
    ['a key id with forbidden characters', Buffer.concat([Buffer.from([CIPHERTEXT_FORMAT_VERSION, 3]), Buffer.from('a/b'), Buffer.alloc(80)])],
    ['a blob shorter than its header and tag', Buffer.concat([Buffer.from([CIPHERTEXT_FORMAT_VERSION, 3]), Buffer.from('abc'), Buffer.alloc(40)])],
  ])('does not decode %s', (_case, blob) => {
    expect(decodeCiphertext(blob)).toBeUndefined();
  });

  it('decodes a blob given as a plain Uint8Array view', () => {
    const { key, blob } = setUp();
    const padded = new Uint8Array(blob.length + 8);
    padded.set(blob, 4);

    const header = decodeCiphertext(padded.subarray(4, 4 + blob.length));

    expect(header?.keyId).toBe(key.keyId);
    expect(header?.tag.equals(blob.subarray(blob.length - TAG_BYTES))).toBe(true);
  });
});
