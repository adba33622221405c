/**
 * The public key of a sandbox key, taken out with GetPublicKey, works with the `openssl` command
 * line as a user would use it: signatures verify, ciphertext made by openssl decrypts in the
 * sandbox, and ECDH with an openssl key gives the sandbox's shared secret.
 *
 * Only public keys, messages, digests, signatures and ciphertexts are written to the temporary
 * directory; the openssl peer key for ECDH goes through pipes and never touches the disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sim/index.js';
import {
  createSpecKey,
  digestFor,
  flipBit,
  hashOf,
  KEY_AGREEMENT_SPECS,
  publicKeyOf,
  RSA_SIGNING_ALGORITHMS,
  RSA_SPECS,
  type KeyAgreementSpec,
  type KeySpec,
  type KeyUsage,
  type RsaSpec,
  type SigningAlgorithm,
} from '../helpers/asymmetric.js';
import { expectOk, REGION, testSandbox, type TestKey } from '../helpers/sim.js';

const MESSAGE = Buffer.from('release v2.4.1, sha256 of the tarball attached');

/** Runs openssl; returns stdout. Throws (with openssl's stderr) when it exits non-zero. */
function openssl(args: readonly string[], input?: Uint8Array | string): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Whether openssl exits 0. */
function opensslSucceeds(args: readonly string[]): boolean {
  try {
    openssl(args);
    return true;
  } catch {
    return false;
  }
}

let dir: string;
let fileCount = 0;
/** Writes bytes to a fresh file in the temporary directory; returns its path. */
function tempFile(name: string, bytes: Uint8Array | string): string {
  fileCount += 1;
  const path = join(dir, `${fileCount}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

let sandbox: Sandbox;
const keys = new Map<string, { key: TestKey; pem: string }>();

/** A key of a spec and usage, its public key exported with GetPublicKey and converted to PEM by openssl. */
function keyFor(spec: KeySpec, usage: KeyUsage): { key: TestKey; pem: string } {
  const id = `${spec}/${usage}`;
  let entry = keys.get(id);
  if (!entry) {
    const key = createSpecKey(sandbox, spec, usage);
    const der = tempFile(`${spec}.der`, publicKeyOf(sandbox, key).der);
    const pem = join(dir, `${spec}-${usage}.pem`);
    openssl(['pkey', '-pubin', '-inform', 'DER', '-in', der, '-outform', 'PEM', '-out', pem]);
    keys.set(id, (entry = { key, pem }));
  }
  return entry;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-sandbox-openssl-'));
  sandbox = testSandbox();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The openssl pkeyutl options that verify a signature of `algorithm` over a digest. */
function verifyOptions(algorithm: SigningAlgorithm): string[] {
  const options = ['-pkeyopt', `digest:${hashOf(algorithm)}`];
  if (algorithm.startsWith('RSASSA_PSS_')) options.push('-pkeyopt', 'rsa_padding_mode:pss', '-pkeyopt', 'rsa_pss_saltlen:digest');
  if (algorithm.startsWith('RSASSA_PKCS1_')) options.push('-pkeyopt', 'rsa_padding_mode:pkcs1');
  return options;
}

const DIGEST_SIGNING_CASES: readonly { spec: KeySpec; algorithm: SigningAlgorithm }[] = [
  ...RSA_SIGNING_ALGORITHMS.map((algorithm) => ({ spec: 'RSA_2048' as const, algorithm })),
  { spec: 'RSA_3072', algorithm: 'RSASSA_PSS_SHA_384' },
  { spec: 'RSA_4096', algorithm: 'RSASSA_PKCS1_V1_5_SHA_512' },
  { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256' },
  { spec: 'ECC_NIST_P384', algorithm: 'ECDSA_SHA_384' },
  { spec: 'ECC_NIST_P521', algorithm: 'ECDSA_SHA_512' },
  { spec: 'ECC_SECG_P256K1', algorithm: 'ECDSA_SHA_256' },
];

describe('openssl and the sandbox', () => {
  it('runs OpenSSL 3', () => {
    expect(openssl(['version']).toString()).toMatch(/^OpenSSL 3\./);
  });

  it('reads a GetPublicKey key as the same public key node:crypto reads', () => {
    const { key, pem } = keyFor('ECC_NIST_P256', 'SIGN_VERIFY');

    const der = openssl(['pkey', '-pubin', '-in', pem, '-outform', 'DER']);

    expect(der.equals(publicKeyOf(sandbox, key).der)).toBe(true);
    expect(openssl(['pkey', '-pubin', '-in', pem, '-noout', '-text']).toString()).toContain('NIST CURVE: P-256');
  });

  describe.each(DIGEST_SIGNING_CASES)('$spec with $algorithm', ({ spec, algorithm }) => {
    it.each(['RAW', 'DIGEST'] as const)('makes %s signatures that openssl pkeyutl verifies, and not once tampered', (messageType) => {
      const { key, pem } = keyFor(spec, 'SIGN_VERIFY');
      const digest = digestFor(algorithm, MESSAGE);
      const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', {
        KeyId: key.keyId, Message: messageType === 'RAW' ? MESSAGE : digest, MessageType: messageType, SigningAlgorithm: algorithm,
      }));
      const digestPath = tempFile('digest.bin', digest);
      const verify = (signature: Uint8Array): string[] =>
        ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-in', digestPath, '-sigfile', tempFile('sig.bin', signature), ...verifyOptions(algorithm)];

      expect(openssl(verify(Signature)).toString()).toContain('Signature Verified Successfully');
      expect(opensslSucceeds(verify(flipBit(Signature, Math.floor(Signature.length / 2))))).toBe(false);
      expect(opensslSucceeds(['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-in', tempFile('other.bin', digestFor(algorithm, Buffer.from('v2.4.2'))),
        '-sigfile', tempFile('sig.bin', Signature), ...verifyOptions(algorithm)])).toBe(false);
    });
  });

  it('makes ECDSA signatures that openssl dgst verifies over the message file', () => {
    const { key, pem } = keyFor('ECC_NIST_P384', 'SIGN_VERIFY');
    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', { KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_384' }));

    const out = openssl(['dgst', '-sha384', '-verify', pem, '-signature', tempFile('sig.bin', Signature), tempFile('message.txt', MESSAGE)]);

    expect(out.toString()).toContain('Verified OK');
  });

  it('makes ED25519_SHA_512 signatures that openssl pkeyutl -rawin verifies, and not once tampered', () => {
    const { key, pem } = keyFor('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const { Signature } = expectOk(sandbox.call(REGION, sandbox.admin, 'Sign', {
      KeyId: key.keyId, Message: MESSAGE, MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512',
    }));
    const messagePath = tempFile('message.txt', MESSAGE);
    const verify = (signature: Uint8Array): string[] =>
      ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', messagePath, '-sigfile', tempFile('sig.bin', signature)];

    expect(openssl(verify(Signature)).toString()).toContain('Signature Verified Successfully');
    expect(opensslSucceeds(verify(flipBit(Signature, 5)))).toBe(false);
  });

  describe.each(Object.keys(RSA_SPECS) as RsaSpec[])('%s ENCRYPT_DECRYPT', (spec) => {
    it.each([
      ['RSAES_OAEP_SHA_256', 'sha256'],
      ['RSAES_OAEP_SHA_1', 'sha1'],
    ] as const)('decrypts what openssl pkeyutl -encrypt made with %s (OAEP and MGF1 with %s)', (algorithm, hash) => {
      const { key, pem } = keyFor(spec, 'ENCRYPT_DECRYPT');
      const plaintext = Buffer.from('a 32-byte data key, or a secret!');

      const ciphertext = openssl(
        ['pkeyutl', '-encrypt', '-pubin', '-inkey', pem, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${hash}`, '-pkeyopt', `rsa_mgf1_md:${hash}`],
        plaintext,
      );

      expect(ciphertext).toHaveLength(RSA_SPECS[spec]);
      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'Decrypt', { KeyId: key.keyId, CiphertextBlob: ciphertext, EncryptionAlgorithm: algorithm }));
      expect(Buffer.from(output.Plaintext).equals(plaintext)).toBe(true);
    });
  });

  it.each(Object.keys(KEY_AGREEMENT_SPECS) as KeyAgreementSpec[])(
    'derives with %s the shared secret openssl pkeyutl -derive computes with its own key',
    (spec) => {
      const { key, pem } = keyFor(spec, 'KEY_AGREEMENT');
      const curve = { ECC_NIST_P256: 'P-256', ECC_NIST_P384: 'P-384', ECC_NIST_P521: 'P-521' }[spec];
      // The openssl key stays in memory: generated to stdout, then piped to the commands that need it.
      const peerPrivatePem = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`]);
      const peerPublicDer = openssl(['pkey', '-pubout', '-outform', 'DER'], peerPrivatePem);

      const output = expectOk(sandbox.call(REGION, sandbox.admin, 'DeriveSharedSecret', { KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicDer }));
      // Node's child stdin is a socket, which openssl cannot open as /dev/stdin; `cat |` makes it a pipe.
      const opensslSecret = execFileSync('sh', ['-c', 'cat | openssl pkeyutl -derive -inkey /dev/stdin -peerkey "$1"', 'sh', pem], {
        input: peerPrivatePem,
        stdio: ['pipe', 'pipe', 'pipe'],
      });

      expect(opensslSecret).toHaveLength(KEY_AGREEMENT_SPECS[spec].secretBytes);
      expect(Buffer.from(output.SharedSecret).equals(opensslSecret)).toBe(true);
    },
  );
});
