/**
 * Asymmetric and HMAC keys driven by the real AWS CLI, every installed major version, as AWS's
 * developer guide shows them: create-key with a key spec, sign and verify with `fileb://` files,
 * get-public-key whose DER the `openssl` command line verifies signatures with (and encrypts to),
 * generate-mac and verify-mac, and RSA encrypt and decrypt with RSAES_OAEP_SHA_256.
 *
 * OpenSSL 3 ships with the machine image and CI (as for import-with-openssl.test.ts).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../src/sim/index.js';
import { expectOk, REGION } from '../../helpers/sim.js';
import { CliEndpoint, findAwsClis, serviceErrorLine } from './aws-cli.js';

const CLIS = findAwsClis();
// A CLI call takes 0.5–2 s (more on a busy machine); a test makes up to four. Keys other tests need
// are made in-process, as aws-cli-crypto.test.ts does.
const CLI_TEST_TIMEOUT = 180_000;
const MESSAGE = Buffer.concat([Buffer.from('signed by the AWS CLI '), Buffer.from([0x00, 0xff, 0x80, 0x0a])]);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `openssl ARGS`, without a shell. */
function openssl(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`openssl: ${error.message}. These tests need the openssl command line (OpenSSL 3) on PATH.`)));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** The path of a `fileb://` URL. */
function pathOf(fileb: string): string {
  return fileb.slice('fileb://'.length);
}

describe.each(CLIS.map((cli) => [`v${cli.major}`, cli] as const))('AWS CLI %s', (_major, cli) => {
  const endpoint = new CliEndpoint(cli);

  /** `aws kms create-key --key-spec SPEC --key-usage USAGE`: the new key's metadata. */
  async function createKey(keySpec: string, keyUsage: string): Promise<{ KeyId: string; Arn: string } & Record<string, unknown>> {
    const { KeyMetadata } = await endpoint.json<{ KeyMetadata: { KeyId: string; Arn: string } & Record<string, unknown> }>([
      'kms', 'create-key', '--key-spec', keySpec, '--key-usage', keyUsage, '--description', `${keySpec} from the CLI`,
    ]);
    return KeyMetadata;
  }

  /** A key made in-process (CreateKey as the administrator), for tests about other commands. */
  function arrangeKey(keySpec: OperationInput<'CreateKey'>['KeySpec'], keyUsage: OperationInput<'CreateKey'>['KeyUsage']): { KeyId: string; Arn: string } {
    const { KeyMetadata } = expectOk(endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'CreateKey', { KeySpec: keySpec, KeyUsage: keyUsage }));
    return { KeyId: KeyMetadata.KeyId, Arn: KeyMetadata.Arn };
  }

  /** Runs a command with `--output text --query QUERY` that must succeed, and base64-decodes what it prints. */
  async function textBlob(args: readonly string[], query: string): Promise<Buffer> {
    const result = await endpoint.run([...args, '--output', 'text', '--query', query]);
    expect(result.code, `aws ${args.join(' ')}\n${result.stderr}`).toBe(0);
    const text = result.stdout.trim();
    expect(text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    return Buffer.from(text, 'base64');
  }

  /** `aws kms get-public-key --output text --query PublicKey`, written to a DER file; returns its path. */
  async function publicKeyFile(keyId: string): Promise<string> {
    const der = await textBlob(['kms', 'get-public-key', '--key-id', keyId], 'PublicKey');
    return pathOf(endpoint.fileb(der));
  }

  describe.concurrent('asymmetric and HMAC keys', () => {
    it('creates an ECC_NIST_P256 signing key, signs with ECDSA_SHA_256, verifies, and openssl verifies with the public key', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = await createKey('ECC_NIST_P256', 'SIGN_VERIFY');
      const message = endpoint.fileb(MESSAGE);

      const signature = await textBlob(['kms', 'sign', '--key-id', key.KeyId, '--message', message, '--message-type', 'RAW', '--signing-algorithm', 'ECDSA_SHA_256'], 'Signature');
      const signatureFile = endpoint.fileb(signature);
      const verified = await endpoint.json<{ KeyId: string; SignatureValid: boolean; SigningAlgorithm: string }>([
        'kms', 'verify', '--key-id', key.Arn, '--message', message, '--message-type', 'RAW', '--signing-algorithm', 'ECDSA_SHA_256', '--signature', signatureFile,
      ]);
      const publicKey = await publicKeyFile(key.KeyId);
      // pkeyutl verifies an ECDSA signature over the digest it is given.
      const digest = pathOf(endpoint.fileb(createHash('sha256').update(MESSAGE).digest()));
      const offline = await openssl(['pkeyutl', '-verify', '-pubin', '-inkey', publicKey, '-keyform', 'DER', '-in', digest, '-sigfile', pathOf(signatureFile)]);
      const otherDigest = pathOf(endpoint.fileb(createHash('sha256').update('another message').digest()));
      const offlineOther = await openssl(['pkeyutl', '-verify', '-pubin', '-inkey', publicKey, '-keyform', 'DER', '-in', otherDigest, '-sigfile', pathOf(signatureFile)]);

      expect(key).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'] });
      expect(key).not.toHaveProperty('EncryptionAlgorithms');
      expect(verified).toEqual({ KeyId: key.Arn, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' });
      expect(offline.code, offline.stderr).toBe(0);
      expect(offline.stdout).toContain('Signature Verified Successfully');
      expect(offlineOther.code).not.toBe(0);
    });

    it('refuses a signature of another message with KMSInvalidSignatureException and no message (verify)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('ECC_NIST_P256', 'SIGN_VERIFY');
      const { Signature: signature } = expectOk(
        endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'Sign', { KeyId: key.KeyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' }),
      );

      const result = await endpoint.run([
        'kms', 'verify', '--key-id', key.KeyId, '--message', endpoint.fileb(Buffer.from('another message')), '--message-type', 'RAW',
        '--signing-algorithm', 'ECDSA_SHA_256', '--signature', endpoint.fileb(signature),
      ]);

      expect(result.code).toBe(cli.serviceErrorExitCode);
      expect(result.stdout).toBe('');
      // The body has no message, so the CLI prints nothing after the colon, as against AWS.
      expect(result.stderr).toMatch(serviceErrorLine('KMSInvalidSignatureException', 'Verify', ''));
      expect(result.stderr.trim()).toMatch(/operation(?: \(reached max retries: \d+\))?:$/);
    });

    it('signs a SHA-256 digest with RSASSA_PSS_SHA_256 on an RSA_2048 key, and openssl verifies it (PSS, salt 32)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('RSA_2048', 'SIGN_VERIFY');
      const digest = createHash('sha256').update(MESSAGE).digest();
      const digestFile = endpoint.fileb(digest);

      const signature = await textBlob(
        ['kms', 'sign', '--key-id', key.KeyId, '--message', digestFile, '--message-type', 'DIGEST', '--signing-algorithm', 'RSASSA_PSS_SHA_256'],
        'Signature',
      );
      const publicKey = await publicKeyFile(key.KeyId);
      const offline = await openssl([
        'pkeyutl', '-verify', '-pubin', '-inkey', publicKey, '-keyform', 'DER', '-in', pathOf(digestFile), '-sigfile', pathOf(endpoint.fileb(signature)),
        '-pkeyopt', 'digest:sha256', '-pkeyopt', 'rsa_padding_mode:pss', '-pkeyopt', 'rsa_pss_saltlen:32',
      ]);

      expect(signature).toHaveLength(256);
      expect(offline.code, offline.stderr).toBe(0);
      expect(offline.stdout).toContain('Signature Verified Successfully');
    });

    it('signs with ED25519_SHA_512 on an Ed25519 key, and openssl verifies the raw message (pkeyutl -rawin)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
      const message = endpoint.fileb(MESSAGE);

      const signature = await textBlob(['kms', 'sign', '--key-id', key.KeyId, '--message', message, '--message-type', 'RAW', '--signing-algorithm', 'ED25519_SHA_512'], 'Signature');
      const publicKey = await publicKeyFile(key.KeyId);
      const offline = await openssl(['pkeyutl', '-verify', '-pubin', '-inkey', publicKey, '-keyform', 'DER', '-rawin', '-in', pathOf(message), '-sigfile', pathOf(endpoint.fileb(signature))]);

      expect(signature).toHaveLength(64);
      expect(offline.code, offline.stderr).toBe(0);
      expect(offline.stdout).toContain('Signature Verified Successfully');
    });

    it('makes an HMAC_256 tag and verifies it; a tampered tag is KMSInvalidMacException (generate-mac, verify-mac)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = await createKey('HMAC_256', 'GENERATE_VERIFY_MAC');
      const message = endpoint.fileb(MESSAGE);

      const mac = await textBlob(['kms', 'generate-mac', '--key-id', key.KeyId, '--message', message, '--mac-algorithm', 'HMAC_SHA_256'], 'Mac');
      const verified = await endpoint.json<{ KeyId: string; MacValid: boolean; MacAlgorithm: string }>([
        'kms', 'verify-mac', '--key-id', key.KeyId, '--message', message, '--mac-algorithm', 'HMAC_SHA_256', '--mac', endpoint.fileb(mac),
      ]);
      const tampered = Buffer.from(mac);
      tampered[0] = (tampered[0] ?? 0) ^ 0x01;
      const refused = await endpoint.run(['kms', 'verify-mac', '--key-id', key.KeyId, '--message', message, '--mac-algorithm', 'HMAC_SHA_256', '--mac', endpoint.fileb(tampered)]);

      expect(key).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', MacAlgorithms: ['HMAC_SHA_256'] });
      expect(mac).toHaveLength(32);
      expect(verified).toEqual({ KeyId: key.Arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
      expect(refused.code).toBe(cli.serviceErrorExitCode);
      expect(refused.stderr).toMatch(serviceErrorLine('KMSInvalidMacException', 'VerifyMac', ''));
    });

    it('refuses a MAC algorithm that does not match the key spec with InvalidKeyUsageException (generate-mac)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('HMAC_384', 'GENERATE_VERIFY_MAC');

      const result = await endpoint.run(['kms', 'generate-mac', '--key-id', key.KeyId, '--message', endpoint.fileb(MESSAGE), '--mac-algorithm', 'HMAC_SHA_256']);

      expect(result.code).toBe(cli.serviceErrorExitCode);
      expect(result.stderr).toMatch(serviceErrorLine('InvalidKeyUsageException', 'GenerateMac', 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_384.'));
    });

    it('round-trips RSAES_OAEP_SHA_256 on an RSA_2048 key, and decrypts what openssl encrypted to its public key (encrypt, decrypt)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('RSA_2048', 'ENCRYPT_DECRYPT');
      const plaintext = Buffer.concat([Buffer.from([0x00, 0xff, 0x80]), Buffer.from('an RSA secret')]);

      const ciphertext = await textBlob(
        ['kms', 'encrypt', '--key-id', key.KeyId, '--plaintext', endpoint.fileb(plaintext), '--encryption-algorithm', 'RSAES_OAEP_SHA_256'],
        'CiphertextBlob',
      );
      const decrypted = await endpoint.json<{ KeyId: string; Plaintext: string; EncryptionAlgorithm: string }>([
        'kms', 'decrypt', '--key-id', key.KeyId, '--ciphertext-blob', endpoint.fileb(ciphertext), '--encryption-algorithm', 'RSAES_OAEP_SHA_256',
      ]);
      const publicKey = await publicKeyFile(key.KeyId);
      const offlineFile = pathOf(endpoint.fileb(new Uint8Array()));
      const encryptedOffline = await openssl([
        'pkeyutl', '-encrypt', '-pubin', '-inkey', publicKey, '-keyform', 'DER', '-in', pathOf(endpoint.fileb(plaintext)), '-out', offlineFile,
        '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256',
      ]);
      expect(encryptedOffline.code, encryptedOffline.stderr).toBe(0);
      const decryptedOffline = await textBlob(
        ['kms', 'decrypt', '--key-id', key.Arn, '--ciphertext-blob', `fileb://${offlineFile}`, '--encryption-algorithm', 'RSAES_OAEP_SHA_256'],
        'Plaintext',
      );

      expect(ciphertext).toHaveLength(256);
      expect(decrypted).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
      expect(Buffer.from(decrypted.Plaintext, 'base64').equals(plaintext)).toBe(true);
      expect(readFileSync(offlineFile)).toHaveLength(256);
      expect(decryptedOffline.equals(plaintext)).toBe(true);
    });

    it('refuses encrypt on an RSA key without --encryption-algorithm with InvalidKeyUsageException', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const key = arrangeKey('RSA_2048', 'ENCRYPT_DECRYPT');

      const result = await endpoint.run(['kms', 'encrypt', '--key-id', key.KeyId, '--plaintext', endpoint.fileb(Buffer.from('x'))]);

      expect(result.code).toBe(cli.serviceErrorExitCode);
      expect(result.stderr).toMatch(serviceErrorLine('InvalidKeyUsageException', 'Encrypt', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.'));
    });

    it('gives a data key pair whose private key openssl reads and whose public key matches it (generate-data-key-pair)', { timeout: CLI_TEST_TIMEOUT }, async () => {
      const { KeyMetadata } = expectOk(endpoint.sandbox.call(REGION, endpoint.sandbox.admin, 'CreateKey', {}));

      const pair = await endpoint.json<{ KeyId: string; KeyPairSpec: string; PublicKey: string; PrivateKeyPlaintext: string; PrivateKeyCiphertextBlob: string }>([
        'kms', 'generate-data-key-pair', '--key-id', KeyMetadata.KeyId, '--key-pair-spec', 'ECC_NIST_P256', '--encryption-context', 'purpose=cli-pair',
      ]);
      const privateKey = pathOf(endpoint.fileb(Buffer.from(pair.PrivateKeyPlaintext, 'base64')));
      const derived = await openssl(['pkey', '-in', privateKey, '-inform', 'DER', '-pubout', '-outform', 'DER', '-out', `${privateKey}.pub`]);
      expect(derived.code, derived.stderr).toBe(0);
      const decrypted = await textBlob(
        ['kms', 'decrypt', '--ciphertext-blob', endpoint.fileb(Buffer.from(pair.PrivateKeyCiphertextBlob, 'base64')), '--encryption-context', 'purpose=cli-pair'],
        'Plaintext',
      );

      expect(pair).toMatchObject({ KeyId: KeyMetadata.Arn, KeyPairSpec: 'ECC_NIST_P256' });
      expect(readFileSync(`${privateKey}.pub`).toString('base64')).toBe(pair.PublicKey);
      expect(decrypted.toString('base64')).toBe(pair.PrivateKeyPlaintext);
    });
  });
});

