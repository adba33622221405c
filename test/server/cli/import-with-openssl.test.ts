/**
 * Importing key material as AWS's developer guide shows it, with the real `openssl` command
 * line against the endpoint: create an EXTERNAL key, download the wrapping public key and import
 * token (GetParametersForImport), generate 32 bytes of key material with `openssl rand`, wrap them
 * with `openssl pkeyutl` (RSAES_OAEP_*) or `openssl enc -id-aes256-wrap-pad` plus `pkeyutl`
 * (RSA_AES_KEY_WRAP_*), and import them with the AWS SDK or the AWS CLI.
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html
 *
 * OpenSSL 3 ships with the machine image and CI; without it these tests fail, saying so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type KMSClient,
  type WrappingKeySpec,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { findAwsClis, runAws, type AwsCli } from './aws-cli.js';

const CLIS = findAwsClis();
const PLAINTEXT = new TextEncoder().encode('material from openssl');
// RSA key generation (up to 4096 bits) and a handful of openssl and CLI runs; more on a busy machine.
const FLOW_TIMEOUT = 120_000;

type WrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';

// ---------------------------------------------------------------------------------------------
// The openssl command line
// ---------------------------------------------------------------------------------------------

const MISSING_OPENSSL =
  'These tests run the `openssl` command line (OpenSSL 3), as AWS\'s instructions for importing key material do, ' +
  'and could not run it. Install OpenSSL 3 (Debian/Ubuntu: apt-get install openssl) and put `openssl` on PATH.';

/** `openssl version`, or why it could not be run. */
function findOpenssl(): { ok: true; version: string } | { ok: false; why: string } {
  const result = spawnSync('openssl', ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return { ok: false, why: `${MISSING_OPENSSL} (${result.error.message})` };
  const version = result.stdout.trim();
  if (result.status !== 0) return { ok: false, why: `${MISSING_OPENSSL} (openssl version exited ${result.status}: ${result.stderr.trim()})` };
  // `openssl enc` takes the AES key wrap ciphers from OpenSSL 3.0 on.
  if (!/^OpenSSL [3-9]\./.test(version)) return { ok: false, why: `${MISSING_OPENSSL} (found ${version})` };
  return { ok: true, version };
}

const OPENSSL = findOpenssl();

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in a folder, without a shell. */
function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}. ${command === 'openssl' ? MISSING_OPENSSL : ''}`)));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** Runs `openssl ARGS` in a folder; fails the test unless it succeeds. */
async function openssl(cwd: string, args: readonly string[]): Promise<void> {
  const result = await run('openssl', args, cwd);
  expect(result.code, `openssl ${args.join(' ')}\n${result.stderr}`).toBe(0);
}

// ---------------------------------------------------------------------------------------------
// The endpoint and the user's working folders
// ---------------------------------------------------------------------------------------------

let endpoint: Endpoint;
let kms: KMSClient;
let workDir: string;
let folders = 0;

beforeAll(async () => {
  if (!OPENSSL.ok) throw new Error(OPENSSL.why);
  // Quotas off: GetParametersForImport's real quota is 0.25 requests per second.
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } } });
  kms = kmsClient(endpoint.url);
  workDir = mkdtempSync(join(tmpdir(), 'kms-sandbox-openssl-'));
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A fresh folder to work in, as a user would `cd` into one. */
function newFolder(): string {
  const dir = join(workDir, `import-${++folders}`);
  mkdirSync(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// AWS's steps
// ---------------------------------------------------------------------------------------------

/** Step 1: a symmetric key with no key material (Origin EXTERNAL), in PendingImport. */
async function createExternalKey(): Promise<SdkKey> {
  const key = await createSdkKey(kms, { Origin: 'EXTERNAL', Description: 'material from openssl' });
  expect((await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata?.KeyState).toBe('PendingImport');
  return key;
}

/** Step 2: download the wrapping public key (DER) to WrappingPublicKey.bin and the import token to ImportToken.bin. */
async function downloadWrappingKeyAndToken(dir: string, key: SdkKey, algorithm: WrappingAlgorithm, spec: WrappingKeySpec): Promise<void> {
  const { PublicKey, ImportToken } = await kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }));
  if (!PublicKey || !ImportToken) return expect.fail('GetParametersForImport returned no PublicKey or ImportToken');
  writeFileSync(join(dir, 'WrappingPublicKey.bin'), PublicKey);
  writeFileSync(join(dir, 'ImportToken.bin'), ImportToken);
}

/** Generates 32 bytes of key material into a file: `openssl rand -out FILE 32`. */
async function generateKeyMaterial(dir: string, file = 'PlaintextKeyMaterial.bin'): Promise<Buffer> {
  await openssl(dir, ['rand', '-out', file, '32']);
  const material = readFileSync(join(dir, file));
  expect(material).toHaveLength(32);
  return material;
}

/** `openssl pkeyutl` RSA-OAEP encryption with the wrapping public key, as AWS's instructions give it. */
function pkeyutlEncrypt(dir: string, input: string, output: string, md: 'sha1' | 'sha256'): Promise<void> {
  return openssl(dir, [
    'pkeyutl', '-encrypt', '-in', input, '-out', output,
    '-inkey', 'WrappingPublicKey.bin', '-keyform', 'DER', '-pubin',
    '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-pkeyopt', `rsa_mgf1_md:${md}`,
  ]);
}

/**
 * Step 3: wrap the key material into EncryptedKeyMaterial.bin. RSAES_OAEP_*: pkeyutl directly.
 * RSA_AES_KEY_WRAP_*: a fresh 256-bit AES key (`openssl rand`) wraps the material with AES key
 * wrap with padding (`openssl enc -id-aes256-wrap-pad -iv A65959A6`, RFC 5649), pkeyutl wraps
 * the AES key, and the two are concatenated, the wrapped AES key first.
 */
async function encryptKeyMaterial(dir: string, algorithm: WrappingAlgorithm, materialFile = 'PlaintextKeyMaterial.bin'): Promise<Buffer> {
  const md = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  if (algorithm.startsWith('RSAES_OAEP')) {
    await pkeyutlEncrypt(dir, materialFile, 'EncryptedKeyMaterial.bin', md);
  } else {
    await openssl(dir, ['rand', '-out', 'aes-key.bin', '32']);
    const aesKeyHex = readFileSync(join(dir, 'aes-key.bin')).toString('hex');
    await openssl(dir, ['enc', '-id-aes256-wrap-pad', '-K', aesKeyHex, '-iv', 'A65959A6', '-in', materialFile, '-out', 'key-material-wrapped.bin']);
    await pkeyutlEncrypt(dir, 'aes-key.bin', 'aes-key-wrapped.bin', md);
    const concatenated = Buffer.concat([readFileSync(join(dir, 'aes-key-wrapped.bin')), readFileSync(join(dir, 'key-material-wrapped.bin'))]);
    writeFileSync(join(dir, 'EncryptedKeyMaterial.bin'), concatenated);
  }
  return readFileSync(join(dir, 'EncryptedKeyMaterial.bin'));
}

/** Step 4 with the SDK: ImportKeyMaterial with the files' bytes, material that does not expire. */
function importWithSdk(dir: string, key: SdkKey) {
  return kms.send(
    new ImportKeyMaterialCommand({
      KeyId: key.keyId,
      EncryptedKeyMaterial: readFileSync(join(dir, 'EncryptedKeyMaterial.bin')),
      ImportToken: readFileSync(join(dir, 'ImportToken.bin')),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    }),
  );
}

async function keyState(key: SdkKey): Promise<string | undefined> {
  return (await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata?.KeyState;
}

async function encrypt(key: SdkKey): Promise<Uint8Array> {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT }));
  if (!CiphertextBlob) return expect.fail('Encrypt returned no CiphertextBlob');
  return CiphertextBlob;
}

/** Proves a key works: an Encrypt/Decrypt round trip; returns the ciphertext. */
async function expectRoundTrip(key: SdkKey): Promise<Uint8Array> {
  const blob = await encrypt(key);
  const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: blob }));
  expect(decrypted).toMatchObject({ KeyId: key.arn, Plaintext: PLAINTEXT });
  return blob;
}

// ---------------------------------------------------------------------------------------------

describe('openssl', () => {
  it('is on PATH, OpenSSL 3 or later', () => {
    expect(OPENSSL.ok ? undefined : OPENSSL.why).toBeUndefined();
    expect(OPENSSL.ok && OPENSSL.version).toMatch(/^OpenSSL \d+\.\d+/);
  });
});

describe('Importing key material wrapped by the openssl command line (AWS SDK)', () => {
  it.each([
    ['RSAES_OAEP_SHA_256', 'RSA_2048', 256],
    ['RSA_AES_KEY_WRAP_SHA_256', 'RSA_3072', 384 + 40],
    ['RSAES_OAEP_SHA_1', 'RSA_3072', 384],
    ['RSA_AES_KEY_WRAP_SHA_1', 'RSA_4096', 512 + 40],
  ] as const)('imports material wrapped for %s with a %s wrapping key, and the key encrypts and decrypts', { timeout: FLOW_TIMEOUT }, async (algorithm, spec, wrappedLength) => {
    const dir = newFolder();
    const key = await createExternalKey();
    await downloadWrappingKeyAndToken(dir, key, algorithm, spec);
    await generateKeyMaterial(dir);
    const wrapped = await encryptKeyMaterial(dir, algorithm);
    // The RSA block is the modulus size; AES key wrap with padding adds 8 bytes to the 32.
    expect(wrapped).toHaveLength(wrappedLength);

    const output = await importWithSdk(dir, key);

    expect(output.KeyId).toBe(key.arn);
    expect(output.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }));
    expect(KeyMetadata).toMatchObject({ KeyState: 'Enabled', Origin: 'EXTERNAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', CurrentKeyMaterialId: output.KeyMaterialId });
    await expectRoundTrip(key);
  });

  it(
    'restores decryption of old ciphertext after DeleteImportedKeyMaterial when the same material, wrapped again with new parameters, is re-imported',
    { timeout: FLOW_TIMEOUT },
    async () => {
      // Given a key whose material openssl made and wrapped, and a ciphertext under it
      const dir = newFolder();
      const key = await createExternalKey();
      await downloadWrappingKeyAndToken(dir, key, 'RSAES_OAEP_SHA_256', 'RSA_2048');
      await generateKeyMaterial(dir);
      await encryptKeyMaterial(dir, 'RSAES_OAEP_SHA_256');
      const first = await importWithSdk(dir, key);
      const blob = await expectRoundTrip(key);
      const firstWrapping = readFileSync(join(dir, 'EncryptedKeyMaterial.bin'));

      // When the material is deleted, the key is PendingImport and the ciphertext cannot be decrypted
      const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId }));
      expect(deleted.KeyMaterialId).toBe(first.KeyMaterialId);
      expect(await keyState(key)).toBe('PendingImport');
      const refused = await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'KMSInvalidStateException');
      expect(refused.message).toBe(`${key.arn} is pending import.`);

      // And new parameters (another algorithm and wrapping key size) do not take the old wrapping
      await downloadWrappingKeyAndToken(dir, key, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_3072');
      await expectSdkError(
        kms.send(new ImportKeyMaterialCommand({ KeyId: key.keyId, EncryptedKeyMaterial: firstWrapping, ImportToken: readFileSync(join(dir, 'ImportToken.bin')), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })),
        'InvalidCiphertextException',
      );

      // And other material, wrapped properly, is refused
      await generateKeyMaterial(dir, 'OtherKeyMaterial.bin');
      await encryptKeyMaterial(dir, 'RSA_AES_KEY_WRAP_SHA_256', 'OtherKeyMaterial.bin');
      await expectSdkError(importWithSdk(dir, key), 'IncorrectKeyMaterialException', 'not the same key material');
      expect(await keyState(key)).toBe('PendingImport');

      // Then the same material wrapped again with the new parameters brings the key and its ciphertext back
      await encryptKeyMaterial(dir, 'RSA_AES_KEY_WRAP_SHA_256');
      const again = await importWithSdk(dir, key);

      expect(again.KeyMaterialId).toBe(first.KeyMaterialId);
      expect(await keyState(key)).toBe('Enabled');
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: blob }));
      expect(decrypted.Plaintext).toEqual(PLAINTEXT);
      await expectRoundTrip(key);
    },
  );
});

describe.each(CLIS.map((cli) => [`v${cli.major}`, cli] as const))('Importing key material wrapped by the openssl command line (AWS CLI %s)', (_major, cli: AwsCli) => {
  const aws = (args: readonly string[]) => runAws(cli, endpoint.url, args);

  it('follows AWS\'s instructions end to end: create-key, get-parameters-for-import, openssl, import-key-material', { timeout: FLOW_TIMEOUT }, async () => {
    const dir = newFolder();
    // Step 1: aws kms create-key --origin EXTERNAL
    const created = await aws(['kms', 'create-key', '--origin', 'EXTERNAL', '--description', `openssl and CLI v${cli.major}`]);
    expect(created.code, created.stderr).toBe(0);
    const { KeyMetadata } = JSON.parse(created.stdout) as { KeyMetadata: { KeyId: string; Arn: string; KeyState: string } };
    expect(KeyMetadata.KeyState).toBe('PendingImport');
    const key: SdkKey = { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };

    // Step 2: aws kms get-parameters-for-import; the base64 public key and token go to files as bytes
    const parameters = await aws(['kms', 'get-parameters-for-import', '--key-id', key.keyId, '--wrapping-algorithm', 'RSAES_OAEP_SHA_256', '--wrapping-key-spec', 'RSA_2048']);
    expect(parameters.code, parameters.stderr).toBe(0);
    const { PublicKey, ImportToken } = JSON.parse(parameters.stdout) as { PublicKey: string; ImportToken: string };
    writeFileSync(join(dir, 'WrappingPublicKey.bin'), Buffer.from(PublicKey, 'base64'));
    writeFileSync(join(dir, 'ImportToken.bin'), Buffer.from(ImportToken, 'base64'));

    // Step 3: openssl rand and openssl pkeyutl
    await generateKeyMaterial(dir);
    await encryptKeyMaterial(dir, 'RSAES_OAEP_SHA_256');

    // Step 4: aws kms import-key-material with fileb:// files
    const imported = await aws([
      'kms', 'import-key-material', '--key-id', key.keyId,
      '--encrypted-key-material', `fileb://${join(dir, 'EncryptedKeyMaterial.bin')}`,
      '--import-token', `fileb://${join(dir, 'ImportToken.bin')}`,
      '--expiration-model', 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ]);

    expect(imported.code, imported.stderr).toBe(0);
    expect(await keyState(key)).toBe('Enabled');
    await expectRoundTrip(key);
  });

  it('reports an import token used for another key (InvalidImportTokenException)', { timeout: FLOW_TIMEOUT }, async () => {
    const dir = newFolder();
    const key = await createExternalKey();
    const other = await createExternalKey();
    await downloadWrappingKeyAndToken(dir, other, 'RSAES_OAEP_SHA_256', 'RSA_2048');
    await generateKeyMaterial(dir);
    await encryptKeyMaterial(dir, 'RSAES_OAEP_SHA_256');

    const result = await aws([
      'kms', 'import-key-material', '--key-id', key.keyId,
      '--encrypted-key-material', `fileb://${join(dir, 'EncryptedKeyMaterial.bin')}`,
      '--import-token', `fileb://${join(dir, 'ImportToken.bin')}`,
      '--expiration-model', 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ]);

    expect(result.code).toBe(cli.serviceErrorExitCode);
    expect(result.stderr).toMatch(/An error occurred \(InvalidImportTokenException\) when calling the ImportKeyMaterial operation/);
    expect(await keyState(key)).toBe('PendingImport');
  });
});
