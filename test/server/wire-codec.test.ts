/**
 * The JSON 1.1 codec of the endpoint, unit by unit: encodeOutput gives exactly the text of
 * JSON.stringify over the converted value (the reference it replaced for speed), and blob
 * decoding accepts and refuses exactly what the base64 pattern does.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeInput, encodeOutput, epochSeconds, SerializationError } from '../../src/server/wire.js';
import { createSandbox, type Field } from '../../src/sim/index.js';

/** The encoder as first written: convert, then JSON.stringify. */
function reference(value: unknown): string {
  const convert = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    if (v instanceof Date) return epochSeconds(v);
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, member] of Object.entries(v)) if (member !== undefined) out[k] = convert(member);
      return out;
    }
    return v;
  };
  return JSON.stringify(convert(value));
}

describe('encodeOutput', () => {
  const withProto = JSON.parse('{"a":1,"__proto__":{"x":1},"b":"\\u2028"}') as unknown;
  const sparse: unknown[] = [1];
  sparse[3] = 'x';
  it.each<[string, unknown]>([
    ['an empty object', {}],
    ['an Encrypt reply', { CiphertextBlob: randomBytes(4170), KeyId: 'arn:aws:kms:us-east-1:111122223333:key/k', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }],
    ['a view into a larger buffer', { Plaintext: randomBytes(64).subarray(7, 40), Other: new Uint8Array([0, 255, 1]) }],
    ['empty bytes', { Plaintext: new Uint8Array(0) }],
    ['dates', { CreationDate: new Date('2030-01-01T00:00:00.250Z'), Bad: new Date(Number.NaN), List: [new Date(0)] }],
    ['undefined members and list items', { a: undefined, b: [undefined, null, 1], c: null, d: { e: undefined } }],
    ['text that needs escaping', { s: 'quote " backslash \\ newline \n tab \t nul \u0000 \u2028 emoji 🔑 lone \ud800', 'k"ey\n': 1 }],
    ['numbers and booleans', { n: 1.5, z: -0, big: 1e300, nan: Number.NaN, inf: Infinity, t: true, f: false }],
    ['nesting', { Keys: [{ KeyId: 'a', Tags: [{ TagKey: 'k', TagValue: 'v' }] }], Truncated: false, Nested: { Deeper: { Bytes: randomBytes(5) } } }],
    ['integer-like keys (ordered first)', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['a __proto__ member from JSON', withProto],
    ['a sparse array', { sparse }],
    ['functions and symbols', { f: () => 1, s: Symbol('s'), list: [() => 1, Symbol('t')] }],
  ])('gives JSON.stringify’s text for %s', (_case, value) => {
    expect(encodeOutput(value)).toBe(reference(value));
  });

  it('gives the reference text for every control reply and audit record of a session', () => {
    const sandbox = createSandbox();
    const created = sandbox.call('us-east-1', sandbox.admin, 'CreateKey', { Description: 'd', Tags: [{ TagKey: 'a', TagValue: 'b' }] });
    if (!created.ok) throw new Error(created.error.code);
    const { KeyId } = created.output.KeyMetadata;
    const outputs: unknown[] = [created.output];
    const encrypted = sandbox.call('us-east-1', sandbox.admin, 'Encrypt', { KeyId, Plaintext: randomBytes(100), EncryptionContext: { a: 'b', '"q': '\n' } });
    if (!encrypted.ok) throw new Error(encrypted.error.code);
    outputs.push(encrypted.output);
    for (const [operation, input] of [
      ['Decrypt', { CiphertextBlob: encrypted.output.CiphertextBlob, EncryptionContext: { a: 'b', '"q': '\n' } }],
      ['GenerateDataKey', { KeyId, KeySpec: 'AES_256' }],
      ['DescribeKey', { KeyId }],
      ['ListKeys', {}],
      ['ListResourceTags', { KeyId }],
      ['Decrypt', { CiphertextBlob: randomBytes(80) }],
    ] as const) {
      const outcome = sandbox.call('us-east-1', sandbox.admin, operation, input);
      outputs.push(outcome.ok ? outcome.output : outcome.error);
    }
    outputs.push({ Events: sandbox.audit.items }, { Metrics: sandbox.metrics.items });
    for (const output of outputs) expect(encodeOutput(output)).toBe(reference(output));
  });
});

describe('decodeInput blobs', () => {
  const shape: Record<string, Field> = { Blob: { kind: 'blob', required: false, doc: '', check: () => undefined } };
  const pattern = /^[A-Za-z0-9+/]*={0,2}$/;
  /** What the pattern-only check accepted: the rule the faster check must keep. */
  const acceptedBefore = (text: string) => pattern.test(text) && text.length % 4 !== 1;

  const cases = [
    '', 'QQ==', 'QUI=', 'QUJD', 'QQ', 'QUI', 'Q', 'QQ=', 'QQ===', 'Q===', '====', 'QR==', 'QUJ=', '-_-_', 'QU JD', 'QUJD\n', 'QUJD=QUJD',
    'QUJD!', '!!!not base64', 'ÀÀÀÀ', 'QQ==QUI=', 'QU=D', 'QUJDQQ==', 'QUJD-Q==', 'QUJD_w==', 'QUJD\tQ=', 'QUJDQ===', '=QUJ', randomBytes(4096).toString('base64'), randomBytes(4095).toString('base64'), randomBytes(4094).toString('base64').replace(/=+$/, ''),
  ];
  it.each(cases.map((text) => [text.length > 24 ? `${text.slice(0, 12)}… (${text.length} chars)` : JSON.stringify(text), text]))(
    'accepts or refuses %s as the pattern did',
    (_name, text) => {
      if (acceptedBefore(text)) expect(decodeInput(shape, { Blob: text })).toEqual({ Blob: Buffer.from(text, 'base64') });
      else expect(() => decodeInput(shape, { Blob: text })).toThrow(SerializationError);
    },
  );

  it('keeps the rule for 20,000 short texts of base64, base64url, padding and stray characters', () => {
    const alphabet = ['Q', 'U', 'J', 'D', 'w', '+', '/', '=', '-', '_', ' ', '\n', 'À', '!', '0'];
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    let refused = 0;
    let acceptedLong = 0;
    for (let i = 0; i < 20_000; i += 1) {
      let text = '';
      for (let n = next() % 13; n > 0; n -= 1) text += alphabet[next() % alphabet.length];
      const decoded = (() => {
        try {
          return decodeInput(shape, { Blob: text }).Blob;
        } catch (caught) {
          if (!(caught instanceof SerializationError)) throw caught;
          refused += 1;
          return undefined;
        }
      })();
      expect({ text, accepted: decoded !== undefined }).toEqual({ text, accepted: acceptedBefore(text) });
      if (decoded !== undefined && text.length >= 4) acceptedLong += 1;
    }
    expect(refused).toBeGreaterThan(1000);
    expect(acceptedLong).toBeGreaterThan(100);
  });
});
