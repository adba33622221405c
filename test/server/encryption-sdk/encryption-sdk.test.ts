/**
 * The real AWS Encryption SDK for JavaScript against the endpoint: a KMS keyring whose KMS
 * client points at `kms-sandbox serve` encrypts and decrypts messages, and the sandbox's audit
 * trail shows the calls it made. The SDK is a strict judge: it checks that GenerateDataKey and
 * Encrypt answer with a key ARN, that data keys have the suite's length and that Decrypt names
 * the key it used (reference/kms-behaviour.md §1.8).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  getClient,
  KMS,
  KmsKeyringNode,
  type EncryptionContext,
} from '@aws-crypto/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord, Sandbox } from '../../../src/sim/index.js';
import { startEndpoint, TEST_CREDENTIALS, type Endpoint } from '../../helpers/endpoint.js';
import { createTestKey, expectOk, REGION, type TestKey } from '../../helpers/sim.js';

/** The header member in which signing suites carry their public verification key. */
const PUBLIC_KEY_CONTEXT = 'aws-crypto-public-key';
const CONTEXT: EncryptionContext = { purpose: 'encryption-sdk-test', tenant: 'acme' };
const KMS_CALLS = new Set(['GenerateDataKey', 'Encrypt', 'Decrypt']);

let endpoint: Endpoint;
let sandbox: Sandbox;

beforeAll(async () => {
  endpoint = await startEndpoint();
  sandbox = endpoint.sandbox;
});

afterAll(async () => {
  await endpoint.close();
});

/** A KMS keyring whose clients (one per Region of its keys) talk to the endpoint. */
function keyring(generatorKeyId: string | undefined, keyIds: string[] = []): KmsKeyringNode {
  const clientProvider = getClient(KMS, { endpoint: endpoint.url, credentials: { ...TEST_CREDENTIALS } });
  return new KmsKeyringNode({ clientProvider, keyIds, ...(generatorKeyId === undefined ? {} : { generatorKeyId }) });
}

/** Runs `act` and returns the KMS calls it left in the audit trail, oldest first. */
async function kmsCallsDuring(act: () => Promise<unknown>): Promise<AuditRecord[]> {
  const mark = sandbox.audit.size;
  await act();
  return sandbox.audit.items.slice(mark).filter((record) => KMS_CALLS.has(record.eventName));
}

/** The ARNs an audit record names as its resources. */
function resourceArns(record: AuditRecord): string[] {
  return (record.resources ?? []).map((resource) => resource.ARN);
}

/** The encryption context a KMS call was made with, as the audit trail recorded it. */
function auditedContext(record: AuditRecord): unknown {
  return record.requestParameters?.encryptionContext;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A writable that keeps what it is given; `bytes()` joins it. */
function collector(): Writable & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return Object.assign(sink, { bytes: () => Buffer.concat(chunks) });
}

describe('AWS Encryption SDK through the endpoint', () => {
  let key: TestKey;
  beforeAll(() => {
    key = createTestKey(sandbox, REGION, 'Encryption SDK key');
  });

  it('round-trips a message with the default committing suite and returns its encryption context', async () => {
    // Given a client that requires key commitment (its default suite signs with ECDSA P-384)
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const plaintext = randomBytes(10_000);

    // When it encrypts and decrypts through the endpoint
    let result!: Awaited<ReturnType<typeof encrypt>>;
    const encryptCalls = await kmsCallsDuring(async () => {
      result = await encrypt(keyring(key.arn), plaintext, { encryptionContext: CONTEXT });
    });
    let decrypted!: Awaited<ReturnType<typeof decrypt>>;
    const decryptCalls = await kmsCallsDuring(async () => {
      decrypted = await decrypt(keyring(key.arn), result.result);
    });

    // Then the message round-trips with the committing suite and its context comes back
    expect(result.messageHeader.suiteId).toBe(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
    expect(decrypted.plaintext.equals(plaintext)).toBe(true);
    expect(decrypted.messageHeader.suiteId).toBe(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
    expect(decrypted.messageHeader.encryptionContext).toMatchObject(CONTEXT);
    expect(decrypted.messageHeader.encryptionContext[PUBLIC_KEY_CONTEXT]).toEqual(expect.any(String));
    expect(result.messageHeader.encryptedDataKeys.map((edk) => edk.providerInfo)).toEqual([key.arn]);

    // And the audit trail shows one GenerateDataKey then one Decrypt, each on the key, each
    // with the caller's context plus the SDK's public key
    expect([...encryptCalls, ...decryptCalls].map((r) => [r.eventName, r.errorCode])).toEqual([
      ['GenerateDataKey', undefined],
      ['Decrypt', undefined],
    ]);
    for (const record of [...encryptCalls, ...decryptCalls]) {
      expect(resourceArns(record)).toEqual([key.arn]);
      expect(auditedContext(record)).toEqual({ ...CONTEXT, [PUBLIC_KEY_CONTEXT]: decrypted.messageHeader.encryptionContext[PUBLIC_KEY_CONTEXT] });
    }
    expect(encryptCalls[0]?.requestParameters?.numberOfBytes).toBe(32);
  });

  it('asks GenerateDataKey for 16 bytes under an AES-128 suite and decrypts with Decrypt', async () => {
    // Given a client that allows non-committing suites, and the unsigned AES-128 HKDF suite
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
    const plaintext = Buffer.from('sixteen-byte data key, please');

    // When it encrypts and decrypts through the endpoint
    let ciphertext!: Buffer;
    const encryptCalls = await kmsCallsDuring(async () => {
      ({ result: ciphertext } = await encrypt(keyring(key.arn), plaintext, {
        suiteId: AlgorithmSuiteIdentifier.ALG_AES128_GCM_IV12_TAG16_HKDF_SHA256,
        encryptionContext: CONTEXT,
      }));
    });
    let decrypted!: Awaited<ReturnType<typeof decrypt>>;
    const decryptCalls = await kmsCallsDuring(async () => {
      decrypted = await decrypt(keyring(key.arn), ciphertext);
    });

    // Then the SDK called GenerateDataKey with NumberOfBytes 16, and Decrypt afterwards
    expect(decrypted.plaintext.toString()).toBe(plaintext.toString());
    expect(decrypted.messageHeader.suiteId).toBe(AlgorithmSuiteIdentifier.ALG_AES128_GCM_IV12_TAG16_HKDF_SHA256);
    expect(encryptCalls.map((r) => r.eventName)).toEqual(['GenerateDataKey']);
    expect(encryptCalls[0]?.requestParameters).toMatchObject({ keyId: key.arn, numberOfBytes: 16 });
    expect(encryptCalls[0]?.errorCode).toBeUndefined();
    expect(decryptCalls.map((r) => [r.eventName, r.errorCode])).toEqual([['Decrypt', undefined]]);
    // An unsigned suite adds nothing to the context: KMS sees exactly the caller's
    for (const record of [...encryptCalls, ...decryptCalls]) {
      expect(resourceArns(record)).toEqual([key.arn]);
      expect(auditedContext(record)).toEqual(CONTEXT);
    }
  });

  it('wraps the data key under a generator and an additional key, and either key alone decrypts', async () => {
    // Given a generator key here and an additional key in another Region
    const other = createTestKey(sandbox, 'eu-west-1', 'additional key');
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const plaintext = randomBytes(2048);

    // When a keyring with both keys encrypts
    let result!: Awaited<ReturnType<typeof encrypt>>;
    const encryptCalls = await kmsCallsDuring(async () => {
      result = await encrypt(keyring(key.arn, [other.arn]), plaintext, { encryptionContext: CONTEXT });
    });

    // Then the message carries two encrypted data keys: GenerateDataKey on one, Encrypt on the other
    expect(result.messageHeader.encryptedDataKeys.map((edk) => edk.providerInfo)).toEqual([key.arn, other.arn]);
    expect(encryptCalls.map((r) => [r.eventName, r.awsRegion, resourceArns(r), r.errorCode])).toEqual([
      ['GenerateDataKey', REGION, [key.arn], undefined],
      ['Encrypt', 'eu-west-1', [other.arn], undefined],
    ]);
    for (const record of encryptCalls) expect(auditedContext(record)).toMatchObject(CONTEXT);

    // And a keyring with only the additional key decrypts it, calling Decrypt on that key only
    let decrypted!: Awaited<ReturnType<typeof decrypt>>;
    const decryptCalls = await kmsCallsDuring(async () => {
      decrypted = await decrypt(keyring(undefined, [other.arn]), result.result);
    });
    expect(decrypted.plaintext.equals(plaintext)).toBe(true);
    expect(decryptCalls.map((r) => [r.eventName, r.awsRegion, resourceArns(r), r.errorCode])).toEqual([['Decrypt', 'eu-west-1', [other.arn], undefined]]);
    expect(auditedContext(decryptCalls[0] as AuditRecord)).toEqual({ ...CONTEXT, [PUBLIC_KEY_CONTEXT]: result.messageHeader.encryptionContext[PUBLIC_KEY_CONTEXT] });
  });

  it('refuses to decrypt with a keyring whose key wrapped none of the data keys', async () => {
    const stranger = createTestKey(sandbox, REGION, 'unrelated key');
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const { result } = await encrypt(keyring(key.arn), 'for the keyholder only', { encryptionContext: CONTEXT });

    // The keyring only offers KMS the data keys wrapped under its own keys: here none, so
    // it never calls KMS and the SDK is left without a data key
    const calls = await kmsCallsDuring(() => expect(decrypt(keyring(stranger.arn), result)).rejects.toThrow(/unencryptedDataKey has not been set/));
    expect(calls).toEqual([]);
  });

  it('fails to decrypt a message once its key is disabled, with DisabledException from KMS', async () => {
    // Given a message encrypted under a key that is then disabled
    const doomed = createTestKey(sandbox, REGION, 'key to disable');
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const { result } = await encrypt(keyring(doomed.arn), 'written before the key was disabled', { encryptionContext: CONTEXT });
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: doomed.keyId }));

    // When the SDK decrypts it, Then it fails naming KMS's error
    const calls = await kmsCallsDuring(() => expect(decrypt(keyring(doomed.arn), result)).rejects.toThrow(/DisabledException|unable to decrypt/i));
    expect(calls.map((r) => [r.eventName, resourceArns(r), r.errorCode])).toEqual([['Decrypt', [doomed.arn], 'DisabledException']]);
    expect(auditedContext(calls[0] as AuditRecord)).toMatchObject(CONTEXT);

    // And it decrypts again once the key is re-enabled
    expectOk(sandbox.call(REGION, sandbox.admin, 'EnableKey', { KeyId: doomed.keyId }));
    const { plaintext } = await decrypt(keyring(doomed.arn), result);
    expect(plaintext.toString()).toBe('written before the key was disabled');
  });

  describe('a tampered message', () => {
    let plaintext: Buffer;
    let message: Buffer;
    let wrappedDataKey: Buffer;
    beforeAll(async () => {
      const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
      plaintext = randomBytes(4096);
      const encrypted = await encrypt(keyring(key.arn), plaintext, { encryptionContext: CONTEXT, frameLength: 1024 });
      message = encrypted.result;
      wrappedDataKey = Buffer.from(encrypted.messageHeader.encryptedDataKeys[0]?.encryptedDataKey ?? []);
    });

    /** The message with one bit flipped at `at`. */
    function flipped(at: number): Buffer {
      const tampered = Buffer.from(message);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      return tampered;
    }

    it('fails to decrypt when its encrypted content was changed', async () => {
      const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
      // The middle of the body sits in an early frame, well before the signature footer
      const calls = await kmsCallsDuring(() => expect(decrypt(keyring(key.arn), flipped(Math.floor(message.length / 2)))).rejects.toThrow(/unable to authenticate data/));
      // KMS still unwrapped the (intact) data key: the SDK's AES-GCM caught the change
      expect(calls.map((r) => [r.eventName, r.errorCode])).toEqual([['Decrypt', undefined]]);
      // The untouched message still decrypts, so the failure is the tampering's
      expect((await decrypt(keyring(key.arn), message)).plaintext.equals(plaintext)).toBe(true);
    });

    it('fails to decrypt when its wrapped data key was changed, with InvalidCiphertextException from KMS', async () => {
      const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
      const keyAt = message.indexOf(wrappedDataKey);
      expect(keyAt).toBeGreaterThan(0);
      const calls = await kmsCallsDuring(() =>
        expect(decrypt(keyring(key.arn), flipped(keyAt + Math.floor(wrappedDataKey.length / 2)))).rejects.toThrow(/InvalidCiphertextException|unable to decrypt/i),
      );
      expect(calls.map((r) => [r.eventName, resourceArns(r), r.errorCode])).toEqual([['Decrypt', [key.arn], 'InvalidCiphertextException']]);
    });
  });

  it('streams a multi-megabyte message through encryptStream and decryptStream', async () => {
    // Given 6 MiB of data, fed in 64 KiB chunks
    const { encryptStream, decryptStream } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const plaintext = randomBytes(6 * 1024 * 1024);
    const chunks = Array.from({ length: plaintext.length / 65_536 }, (_, i) => plaintext.subarray(i * 65_536, (i + 1) * 65_536));

    // When it is encrypted and decrypted as streams
    const encrypted = collector();
    const encryptCalls = await kmsCallsDuring(() => pipeline(Readable.from(chunks), encryptStream(keyring(key.arn), { encryptionContext: CONTEXT }), encrypted));
    const decrypted = collector();
    const decryptCalls = await kmsCallsDuring(() => pipeline(Readable.from([encrypted.bytes()]), decryptStream(keyring(key.arn)), decrypted));

    // Then the bytes come back whole, and KMS was asked once each way, however long the message
    expect(encrypted.bytes().length).toBeGreaterThan(plaintext.length);
    expect(decrypted.bytes().length).toBe(plaintext.length);
    expect(sha256(decrypted.bytes())).toBe(sha256(plaintext));
    expect([...encryptCalls, ...decryptCalls].map((r) => [r.eventName, resourceArns(r), r.errorCode])).toEqual([
      ['GenerateDataKey', [key.arn], undefined],
      ['Decrypt', [key.arn], undefined],
    ]);
    for (const record of [...encryptCalls, ...decryptCalls]) expect(auditedContext(record)).toMatchObject(CONTEXT);
  });
});
