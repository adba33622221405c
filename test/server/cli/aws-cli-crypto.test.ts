/**
 * `kms-sandbox serve` driven by the real AWS CLI, every installed major version: the
 * cryptographic commands, with binary blobs passed as `fileb://` files (which both versions
 * read as raw bytes, unlike text `--plaintext`, which v2 takes as base64).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestAlias, createTestKey, expectOk, REGION } from '../../helpers/sim.js';
import { CliEndpoint, findAwsClis, serviceErrorLine } from './aws-cli.js';

const CLIS = findAwsClis();
// A CLI call takes 0.5–2 s (more on a busy machine); a test makes up to three.
const CLI_TEST_TIMEOUT = 120_000;

/** Bytes no text encoding would carry through unchanged: NUL, 0xFF and a lone continuation byte. */
function binaryPlaintext(size: number): Buffer {
  return Buffer.concat([Buffer.from([0x00, 0xff, 0x80, 0x0a]), randomBytes(size - 4)]);
}

describe.each(CLIS.map((cli) => [`v${cli.major}`, cli] as const))('AWS CLI %s', (_major, cli) => {
  const endpoint = new CliEndpoint(cli);

  /** `--query CiphertextBlob --output text`, base64-decoded: the ciphertext bytes. */
  async function ciphertextOf(args: readonly string[]): Promise<Buffer> {
    const result = await endpoint.run([...args, '--query', 'CiphertextBlob', '--output', 'text']);
    expect(result.code, result.stderr).toBe(0);
    return Buffer.from(result.stdout.trim(), 'base64');
  }

  describe.concurrent('crypto', () => {
    it('decrypts what it encrypted, byte for byte, under the same encryption context (encrypt, decrypt)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);
      const plaintext = binaryPlaintext(300);

      const ciphertext = await ciphertextOf(['kms', 'encrypt', '--key-id', key.keyId, '--plaintext', endpoint.fileb(plaintext), '--encryption-context', 'purpose=cli-test,team=blue']);
      const decrypted = await endpoint.json<{ KeyId: string; Plaintext: string; EncryptionAlgorithm: string }>([
        'kms', 'decrypt', '--ciphertext-blob', endpoint.fileb(ciphertext), '--encryption-context', 'team=blue,purpose=cli-test',
      ]);

      expect(ciphertext.includes(plaintext)).toBe(false);
      expect(Buffer.from(decrypted.Plaintext, 'base64').equals(plaintext)).toBe(true);
      expect(decrypted).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    });

    it('refuses to decrypt under a different encryption context (InvalidCiphertextException)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);
      const { CiphertextBlob } = expectOk(
        endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'Encrypt', { KeyId: key.keyId, Plaintext: binaryPlaintext(32), EncryptionContext: { purpose: 'a' } }),
      );

      const result = await endpoint.run(['kms', 'decrypt', '--ciphertext-blob', endpoint.fileb(CiphertextBlob), '--encryption-context', 'purpose=b']);

      expect(result.code).toBe(cli.serviceErrorExitCode);
      expect(result.stderr).toMatch(serviceErrorLine('InvalidCiphertextException', 'Decrypt', ''));
    });

    it('re-encrypts under another key and context, and the result decrypts to the same bytes (re-encrypt)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const [source, destination] = [createTestKey(endpoint.sandbox), createTestKey(endpoint.sandbox)];
      const plaintext = binaryPlaintext(64);
      const { CiphertextBlob } = expectOk(
        endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'Encrypt', { KeyId: source.keyId, Plaintext: plaintext, EncryptionContext: { stage: 'source' } }),
      );

      const reEncrypted = await endpoint.json<{ CiphertextBlob: string; SourceKeyId: string; KeyId: string }>([
        'kms', 're-encrypt', '--ciphertext-blob', endpoint.fileb(CiphertextBlob), '--source-encryption-context', 'stage=source',
        '--destination-key-id', destination.keyId, '--destination-encryption-context', 'stage=destination',
      ]);
      const decrypted = await endpoint.json<{ KeyId: string; Plaintext: string }>([
        'kms', 'decrypt', '--ciphertext-blob', endpoint.fileb(Buffer.from(reEncrypted.CiphertextBlob, 'base64')), '--encryption-context', 'stage=destination',
      ]);

      expect(reEncrypted).toMatchObject({ SourceKeyId: source.arn, KeyId: destination.arn });
      expect(decrypted.KeyId).toBe(destination.arn);
      expect(Buffer.from(decrypted.Plaintext, 'base64').equals(plaintext)).toBe(true);
    });

    it('generates a 32-byte data key whose encrypted copy decrypts to it (generate-data-key --key-spec AES_256)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);
      const alias = createTestAlias(endpoint.sandbox, key, 'alias/data-keys');

      const dataKey = await endpoint.json<{ CiphertextBlob: string; Plaintext: string; KeyId: string }>([
        'kms', 'generate-data-key', '--key-id', alias, '--key-spec', 'AES_256', '--encryption-context', 'bucket=reports',
      ]);
      const decrypted = await endpoint.json<{ Plaintext: string }>([
        'kms', 'decrypt', '--ciphertext-blob', endpoint.fileb(Buffer.from(dataKey.CiphertextBlob, 'base64')), '--encryption-context', 'bucket=reports',
      ]);

      expect(dataKey.KeyId).toBe(key.arn);
      expect(Buffer.from(dataKey.Plaintext, 'base64')).toHaveLength(32);
      expect(decrypted.Plaintext).toBe(dataKey.Plaintext);
    });

    it('returns as many random bytes as asked for (generate-random)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const result = await endpoint.run(['kms', 'generate-random', '--number-of-bytes', '64', '--query', 'Plaintext', '--output', 'text']);

      expect(result.code, result.stderr).toBe(0);
      expect(Buffer.from(result.stdout.trim(), 'base64')).toHaveLength(64);
    });

    it('refuses to encrypt under a key disabled with disable-key (DisabledException)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = createTestKey(endpoint.sandbox);

      const disabled = await endpoint.run(['kms', 'disable-key', '--key-id', key.keyId]);
      const encrypted = await endpoint.run(['kms', 'encrypt', '--key-id', key.keyId, '--plaintext', endpoint.fileb(binaryPlaintext(16))]);

      expect(disabled).toMatchObject({ code: 0, stdout: '' });
      expect(endpoint.sandbox.keys(REGION).find((k) => k.keyId === key.keyId)?.state).toBe('Disabled');
      expect(encrypted.code).toBe(cli.serviceErrorExitCode);
      expect(encrypted.stderr).toMatch(serviceErrorLine('DisabledException', 'Encrypt', `${key.arn} is disabled.`));
    });
  });
});
