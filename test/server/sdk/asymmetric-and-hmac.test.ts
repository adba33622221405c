/**
 * Asymmetric and HMAC keys through the real AWS SDK v3 against the endpoint, in several Regions:
 * CreateKey and DescribeKey for RSA, ECC, Ed25519 and HMAC specs; Sign, Verify, GetPublicKey,
 * GenerateMac, VerifyMac, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext and
 * DeriveSharedSecret; RSA OAEP with Encrypt, Decrypt and ReEncrypt. What KMS makes is checked
 * outside KMS with node:crypto (and @noble/curves for Ed25519ph, which Node 20 lacks): signatures
 * verify against the public key GetPublicKey gives, ciphertexts made offline decrypt, and the
 * ECDH secret is the one the peer computes.
 */
import {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type DataKeyPairSpec,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
  type MacAlgorithmSpec,
  type MessageType,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, expectSdkError, kmsClient, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
type Region = (typeof REGIONS)[number];
const MESSAGE = new TextEncoder().encode('a message signed by a KMS key');
const CONTEXT = { purpose: 'asymmetric-sdk-test' };
const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';
/** What the SDK puts in `message` when the error body has none, as AWS sends these errors. */
const SDK_NO_MESSAGE = 'UnknownError';
const CIPHERTEXT_ELSEWHERE =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
const clients = new Map<Region, KMSClient>();

beforeAll(async () => {
  // Quotas off: the file makes many keys and data key pairs (GenerateDataKeyPair RSA_2048 is 1 per second in AWS).
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  for (const region of REGIONS) clients.set(region, kmsClient(endpoint.url, region));
});

afterAll(async () => {
  recorder.expectGroupExercised('asymmetric-and-hmac');
  for (const client of clients.values()) client.destroy();
  await endpoint?.close();
});

function kmsIn(region: Region): KMSClient {
  const client = clients.get(region);
  if (!client) throw new Error(`no client for ${region}`);
  return client;
}

async function createKey(region: Region, keySpec: KeySpec, keyUsage: KeyUsageType): Promise<SdkKey> {
  return createSdkKey(kmsIn(region), { KeySpec: keySpec, KeyUsage: keyUsage });
}

/** The key's public key, from GetPublicKey, parsed by node:crypto as DER SubjectPublicKeyInfo. */
async function publicKeyOf(region: Region, key: SdkKey): Promise<KeyObject> {
  const { PublicKey } = await kmsIn(region).send(new GetPublicKeyCommand({ KeyId: key.keyId }));
  if (!PublicKey) return expect.fail('GetPublicKey returned no PublicKey');
  return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
}

async function signed(region: Region, key: SdkKey, algorithm: SigningAlgorithmSpec, message: Uint8Array, messageType?: MessageType): Promise<Uint8Array> {
  const output = await kmsIn(region).send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: algorithm, ...(messageType ? { MessageType: messageType } : {}) }));
  expect(output).toMatchObject({ KeyId: key.arn, SigningAlgorithm: algorithm });
  if (!output.Signature) return expect.fail('Sign returned no Signature');
  return output.Signature;
}

function sha(bits: 256 | 384 | 512, data: Uint8Array): Buffer {
  return createHash(`sha${bits}`).update(data).digest();
}

function flipLastByte(blob: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(blob);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0x01;
  return copy;
}

/** The region a test runs in, taking turns so each Region sees keys of every kind. */
function regionFor(index: number): Region {
  return REGIONS[index % REGIONS.length] ?? 'us-east-1';
}

// ---------------------------------------------------------------------------------------------
// Keys: CreateKey and DescribeKey
// ---------------------------------------------------------------------------------------------

const RSA_SIGNING = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];

const KEY_KINDS: readonly (readonly [KeySpec, KeyUsageType, Record<string, string[]>])[] = [
  ['RSA_2048', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING }],
  ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
  ['RSA_3072', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGNING }],
  ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
  ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }],
  ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
  ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ['ECC_NIST_P521', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
  ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] }],
  ['HMAC_224', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_224'] }],
  ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'] }],
  ['HMAC_384', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_384'] }],
  ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'] }],
];
const ALGORITHM_LISTS = ['EncryptionAlgorithms', 'SigningAlgorithms', 'MacAlgorithms', 'KeyAgreementAlgorithms'];

describe('CreateKey and DescribeKey for asymmetric and HMAC specs', () => {
  it.each(KEY_KINDS.map(([spec, usage, lists], i) => [spec, usage, regionFor(i), lists] as const))(
    'makes a %s %s key in %s, listing only the algorithms of its usage',
    async (spec, usage, region, lists) => {
      const kms = kmsIn(region);

      const created = await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage, Description: `${spec} ${usage}` }));
      const described = await kms.send(new DescribeKeyCommand({ KeyId: created.KeyMetadata?.KeyId }));

      for (const metadata of [created.KeyMetadata, described.KeyMetadata]) {
        expect(metadata).toMatchObject({ KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: usage, KeyState: 'Enabled', Enabled: true, Origin: 'AWS_KMS', ...lists });
        expect(metadata?.Arn).toBe(`arn:aws:kms:${region}:${ACCOUNT}:key/${metadata?.KeyId}`);
        for (const list of ALGORITHM_LISTS.filter((name) => !(name in lists))) expect(metadata, list).not.toHaveProperty(list);
      }
    },
  );

  it('refuses an HMAC spec without a KeyUsage (ValidationException)', async () => {
    const error = await expectSdkError(kmsIn('eu-west-1').send(new CreateKeyCommand({ KeySpec: 'HMAC_256' })), 'ValidationException');

    expect(error.message).toBe('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  });

  it.each<[KeySpec, KeyUsageType]>([
    ['ECC_NIST_EDWARDS25519', 'KEY_AGREEMENT'],
    ['ECC_SECG_P256K1', 'KEY_AGREEMENT'],
    ['ECC_NIST_P256', 'ENCRYPT_DECRYPT'],
  ])('refuses a %s key for %s (ValidationException)', async (spec, usage) => {
    await expectSdkError(kmsIn('ap-southeast-2').send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage })), 'ValidationException', `KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  });
});

// ---------------------------------------------------------------------------------------------
// GetPublicKey
// ---------------------------------------------------------------------------------------------

describe('GetPublicKey', () => {
  it.each<[KeySpec, KeyUsageType, Region, { type: string; detail: Record<string, unknown> }]>([
    ['RSA_2048', 'SIGN_VERIFY', 'us-east-1', { type: 'rsa', detail: { modulusLength: 2048 } }],
    ['RSA_2048', 'ENCRYPT_DECRYPT', 'eu-west-1', { type: 'rsa', detail: { modulusLength: 2048 } }],
    ['ECC_NIST_P384', 'SIGN_VERIFY', 'ap-southeast-2', { type: 'ec', detail: { namedCurve: 'secp384r1' } }],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY', 'us-east-1', { type: 'ec', detail: { namedCurve: 'secp256k1' } }],
    ['ECC_NIST_P256', 'KEY_AGREEMENT', 'eu-west-1', { type: 'ec', detail: { namedCurve: 'prime256v1' } }],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', 'ap-southeast-2', { type: 'ed25519', detail: {} }],
  ])('gives a %s %s key (%s) as DER SubjectPublicKeyInfo that node:crypto parses', async (spec, usage, region, expected) => {
    const key = await createKey(region, spec, usage);

    const output = await kmsIn(region).send(new GetPublicKeyCommand({ KeyId: key.arn }));
    const parsed = createPublicKey({ key: Buffer.from(output.PublicKey ?? []), format: 'der', type: 'spki' });

    expect(output).toMatchObject({ KeyId: key.arn, KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: usage });
    expect(output.PublicKey).toBeInstanceOf(Uint8Array);
    expect(parsed.type).toBe('public');
    expect(parsed.asymmetricKeyType).toBe(expected.type);
    expect(parsed.asymmetricKeyDetails).toMatchObject(expected.detail);
    // Re-encoding the parsed key gives back the very bytes KMS sent: it is plain DER SPKI.
    expect(parsed.export({ format: 'der', type: 'spki' }).equals(Buffer.from(output.PublicKey ?? []))).toBe(true);
  });

  it('lists the algorithms of the key usage, as DescribeKey does', async () => {
    const signing = await createKey('us-east-1', 'RSA_2048', 'SIGN_VERIFY');
    const agreement = await createKey('eu-west-1', 'ECC_NIST_P384', 'KEY_AGREEMENT');

    const forSigning = await kmsIn('us-east-1').send(new GetPublicKeyCommand({ KeyId: signing.keyId }));
    const forAgreement = await kmsIn('eu-west-1').send(new GetPublicKeyCommand({ KeyId: agreement.keyId }));

    expect(forSigning.SigningAlgorithms).toEqual(RSA_SIGNING);
    expect(forSigning).not.toHaveProperty('EncryptionAlgorithms');
    expect(forAgreement.KeyAgreementAlgorithms).toEqual(['ECDH']);
    expect(forAgreement).not.toHaveProperty('SigningAlgorithms');
  });

  it('still answers for a disabled key', async () => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');
    await kmsIn('ap-southeast-2').send(new DisableKeyCommand({ KeyId: key.keyId }));

    const output = await kmsIn('ap-southeast-2').send(new GetPublicKeyCommand({ KeyId: key.keyId }));

    expect(output.KeyId).toBe(key.arn);
  });

  it.each<[string, KeySpec | undefined, KeyUsageType | undefined]>([
    ['a symmetric key', undefined, undefined],
    ['an HMAC key', 'HMAC_256', 'GENERATE_VERIFY_MAC'],
  ])('fails for %s with UnsupportedOperationException, which has no message', async (_kind, spec, usage) => {
    const key = await createSdkKey(kmsIn('eu-west-1'), spec && usage ? { KeySpec: spec, KeyUsage: usage } : {});

    const error = await expectSdkError(kmsIn('eu-west-1').send(new GetPublicKeyCommand({ KeyId: key.keyId })), 'UnsupportedOperationException');

    expect(error.message).toBe(SDK_NO_MESSAGE);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_P256', 'SIGN_VERIFY');
    await kmsIn('us-east-1').send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    const error = await expectSdkError(kmsIn('us-east-1').send(new GetPublicKeyCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

// ---------------------------------------------------------------------------------------------
// Sign and Verify
// ---------------------------------------------------------------------------------------------

interface SigningCase {
  readonly spec: KeySpec;
  readonly algorithm: SigningAlgorithmSpec;
  readonly messageType: MessageType;
  /** Checks a signature of MESSAGE (or of its digest, for DIGEST) outside KMS. */
  readonly offline: (publicKey: KeyObject, signature: Uint8Array) => boolean;
}

const pss = (bits: 256 | 384 | 512) => (publicKey: KeyObject, signature: Uint8Array) =>
  cryptoVerify(`sha${bits}`, MESSAGE, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 }, signature);
const pkcs1 = (bits: 256 | 384 | 512) => (publicKey: KeyObject, signature: Uint8Array) =>
  cryptoVerify(`sha${bits}`, MESSAGE, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
const ecdsa = (bits: 256 | 384 | 512) => (publicKey: KeyObject, signature: Uint8Array) => cryptoVerify(`sha${bits}`, MESSAGE, { key: publicKey, dsaEncoding: 'der' }, signature);

/** Ed25519ph over the given 64 bytes (KMS hashes a DIGEST once more, as FIPS 186-5 says), with the raw 32-byte public key. */
function ed25519phVerifies(publicKey: KeyObject, signature: Uint8Array, message: Uint8Array): boolean {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return ed25519ph.verify(signature, message, raw, { zip215: false });
}

const SIGNING_CASES: readonly SigningCase[] = [
  { spec: 'RSA_2048', algorithm: 'RSASSA_PSS_SHA_256', messageType: 'RAW', offline: pss(256) },
  { spec: 'RSA_2048', algorithm: 'RSASSA_PSS_SHA_512', messageType: 'DIGEST', offline: pss(512) },
  { spec: 'RSA_2048', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', messageType: 'RAW', offline: pkcs1(256) },
  { spec: 'RSA_2048', algorithm: 'RSASSA_PKCS1_V1_5_SHA_384', messageType: 'DIGEST', offline: pkcs1(384) },
  { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', messageType: 'RAW', offline: ecdsa(256) },
  { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', messageType: 'DIGEST', offline: ecdsa(256) },
  { spec: 'ECC_NIST_P384', algorithm: 'ECDSA_SHA_384', messageType: 'RAW', offline: ecdsa(384) },
  { spec: 'ECC_NIST_P521', algorithm: 'ECDSA_SHA_512', messageType: 'DIGEST', offline: ecdsa(512) },
  { spec: 'ECC_SECG_P256K1', algorithm: 'ECDSA_SHA_256', messageType: 'RAW', offline: ecdsa(256) },
  { spec: 'ECC_NIST_EDWARDS25519', algorithm: 'ED25519_SHA_512', messageType: 'RAW', offline: (publicKey, signature) => cryptoVerify(null, MESSAGE, publicKey, signature) },
  {
    spec: 'ECC_NIST_EDWARDS25519',
    algorithm: 'ED25519_PH_SHA_512',
    messageType: 'DIGEST',
    offline: (publicKey, signature) => ed25519phVerifies(publicKey, signature, sha(512, MESSAGE)),
  },
];

function digestBits(algorithm: SigningAlgorithmSpec): 256 | 384 | 512 {
  return algorithm.endsWith('384') ? 384 : algorithm.endsWith('256') ? 256 : 512;
}

/** What Sign is given: MESSAGE itself (RAW), or its digest under the algorithm's hash (DIGEST). */
function signInput(c: SigningCase): Uint8Array {
  return c.messageType === 'RAW' ? MESSAGE : sha(digestBits(c.algorithm), MESSAGE);
}

describe('Sign', () => {
  it.each(SIGNING_CASES.map((c, i) => [c.spec, c.algorithm, c.messageType, regionFor(i), c] as const))(
    'signs with a %s key, %s over a %s message (%s); node:crypto verifies the signature with the GetPublicKey key',
    async (spec, algorithm, messageType, region, c) => {
      const key = await createKey(region, spec, 'SIGN_VERIFY');

      const signature = await signed(region, key, algorithm, signInput(c), messageType);
      const publicKey = await publicKeyOf(region, key);

      expect(signature).toBeInstanceOf(Uint8Array);
      expect(c.offline(publicKey, signature)).toBe(true);
      // And not for another message: the check has teeth.
      expect(c.offline(publicKey, flipLastByte(signature))).toBe(false);
    },
  );

  it('makes 64-byte Ed25519 signatures (R || S), not DER', async () => {
    const key = await createKey('eu-west-1', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');

    const pure = await signed('eu-west-1', key, 'ED25519_SHA_512', MESSAGE, 'RAW');
    const prehashed = await signed('eu-west-1', key, 'ED25519_PH_SHA_512', sha(512, MESSAGE), 'DIGEST');

    expect(pure).toHaveLength(64);
    expect(prehashed).toHaveLength(64);
  });

  it('signs a RAW message when MessageType is omitted', async () => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');

    const signature = await signed('ap-southeast-2', key, 'ECDSA_SHA_256', MESSAGE);

    expect(ecdsa(256)(await publicKeyOf('ap-southeast-2', key), signature)).toBe(true);
  });

  it('fails with InvalidKeyUsageException for a key whose usage is not SIGN_VERIFY', async () => {
    const key = await createKey('us-east-1', 'RSA_2048', 'ENCRYPT_DECRYPT');

    const error = await expectSdkError(kmsIn('us-east-1').send(new SignCommand({ KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'InvalidKeyUsageException');

    expect(error.message).toBe(`${key.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`);
  });

  it.each<[KeySpec, SigningAlgorithmSpec]>([
    ['ECC_NIST_P256', 'ECDSA_SHA_384'],
    ['ECC_NIST_P256', 'RSASSA_PSS_SHA_256'],
    ['RSA_2048', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ECDSA_SHA_512'],
  ])('fails for a %s key with %s (InvalidKeyUsageException)', async (spec, algorithm) => {
    const key = await createKey('eu-west-1', spec, 'SIGN_VERIFY');

    const error = await expectSdkError(kmsIn('eu-west-1').send(new SignCommand({ KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: algorithm })), 'InvalidKeyUsageException');

    expect(error.message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  });

  it.each<[SigningAlgorithmSpec, MessageType]>([
    ['ED25519_SHA_512', 'DIGEST'],
    ['ED25519_PH_SHA_512', 'RAW'],
  ])('fails for Ed25519 with %s over a %s message (ValidationException)', async (algorithm, messageType) => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new SignCommand({ KeyId: key.keyId, Message: sha(512, MESSAGE), MessageType: messageType, SigningAlgorithm: algorithm })),
      'ValidationException',
    );

    expect(error.message).toBe(`Message type ${messageType} is incompatible with algorithm ${algorithm}.`);
  });

  it('fails with ValidationException for a digest of the wrong length', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_P256', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new SignCommand({ KeyId: key.keyId, Message: new Uint8Array(20), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })),
      'ValidationException',
    );

    expect(error.message).toBe('Digest is invalid length for algorithm ECDSA_SHA_256.');
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await createKey('eu-west-1', 'ECC_NIST_P256', 'SIGN_VERIFY');
    await kmsIn('eu-west-1').send(new DisableKeyCommand({ KeyId: key.keyId }));

    const error = await expectSdkError(kmsIn('eu-west-1').send(new SignCommand({ KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('answers a DryRun that would succeed with DryRunOperationException', async () => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new SignCommand({ KeyId: key.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
      'DryRunOperationException',
    );

    expect(error.message).toBe(DRY_RUN);
  });
});

describe('Verify', () => {
  it.each(SIGNING_CASES.map((c, i) => [c.spec, c.algorithm, c.messageType, regionFor(i + 1), c] as const))(
    'verifies a %s %s signature over a %s message (%s), and refuses it for another message with KMSInvalidSignatureException',
    async (spec, algorithm, messageType, region, c) => {
      const kms = kmsIn(region);
      const key = await createKey(region, spec, 'SIGN_VERIFY');
      const signature = await signed(region, key, algorithm, signInput(c), messageType);

      const output = await kms.send(new VerifyCommand({ KeyId: key.arn, Message: signInput(c), MessageType: messageType, Signature: signature, SigningAlgorithm: algorithm }));
      const error = await expectSdkError(
        kms.send(new VerifyCommand({ KeyId: key.arn, Message: flipLastByte(signInput(c)), MessageType: messageType, Signature: signature, SigningAlgorithm: algorithm })),
        'KMSInvalidSignatureException',
      );

      expect(output).toMatchObject({ KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm });
      expect(error.message).toBe(SDK_NO_MESSAGE);
    },
  );

  it('verifies a signature KMS made with the message given as its digest (RAW signature, DIGEST verify)', async () => {
    const key = await createKey('eu-west-1', 'RSA_2048', 'SIGN_VERIFY');
    const signature = await signed('eu-west-1', key, 'RSASSA_PKCS1_V1_5_SHA_256', MESSAGE, 'RAW');

    const output = await kmsIn('eu-west-1').send(
      new VerifyCommand({ KeyId: key.keyId, Message: sha(256, MESSAGE), MessageType: 'DIGEST', Signature: signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }),
    );

    expect(output.SignatureValid).toBe(true);
  });

  it.each([
    ['a tampered signature', (s: Uint8Array) => flipLastByte(s)],
    ['a 1-byte signature', () => new Uint8Array([1])],
    ['a signature by another key', undefined],
  ] as const)('refuses %s with KMSInvalidSignatureException: HTTP 400, a client fault, no message from KMS', async (_case, mangle) => {
    const kms = kmsIn('ap-southeast-2');
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');
    const other = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');
    const signature = mangle ? mangle(await signed('ap-southeast-2', key, 'ECDSA_SHA_256', MESSAGE)) : await signed('ap-southeast-2', other, 'ECDSA_SHA_256', MESSAGE);

    const error = await expectSdkError(kms.send(new VerifyCommand({ KeyId: key.keyId, Message: MESSAGE, Signature: signature, SigningAlgorithm: 'ECDSA_SHA_256' })), 'KMSInvalidSignatureException');

    expect(error).toMatchObject({ name: 'KMSInvalidSignatureException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    // The body carries no message, as in AWS; the SDK then fills in its own placeholder.
    expect(error.message).toBe(SDK_NO_MESSAGE);
  });

  it('fails with InvalidKeyUsageException for a KEY_AGREEMENT key', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_P256', 'KEY_AGREEMENT');

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new VerifyCommand({ KeyId: key.keyId, Message: MESSAGE, Signature: new Uint8Array(64), SigningAlgorithm: 'ECDSA_SHA_256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is KEY_AGREEMENT which is not valid for Verify.`);
  });
});

// ---------------------------------------------------------------------------------------------
// GenerateMac and VerifyMac
// ---------------------------------------------------------------------------------------------

const MAC_CASES: readonly [KeySpec, MacAlgorithmSpec, number][] = [
  ['HMAC_224', 'HMAC_SHA_224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 64],
];

describe('GenerateMac', () => {
  it.each(MAC_CASES.map(([spec, algorithm, length], i) => [spec, algorithm, length, regionFor(i)] as const))(
    'makes a %s %s tag of %i bytes (%s), the same for the same message and different for another',
    async (spec, algorithm, length, region) => {
      const kms = kmsIn(region);
      const key = await createKey(region, spec, 'GENERATE_VERIFY_MAC');

      const first = await kms.send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: algorithm }));
      const again = await kms.send(new GenerateMacCommand({ KeyId: key.arn, Message: MESSAGE, MacAlgorithm: algorithm }));
      const other = await kms.send(new GenerateMacCommand({ KeyId: key.keyId, Message: flipLastByte(MESSAGE), MacAlgorithm: algorithm }));

      expect(first).toMatchObject({ KeyId: key.arn, MacAlgorithm: algorithm });
      expect(first.Mac).toBeInstanceOf(Uint8Array);
      expect(first.Mac).toHaveLength(length);
      expect(again.Mac).toEqual(first.Mac);
      expect(other.Mac).not.toEqual(first.Mac);
    },
  );

  it('makes a different tag with another key of the same spec', async () => {
    const [a, b] = [await createKey('eu-west-1', 'HMAC_256', 'GENERATE_VERIFY_MAC'), await createKey('eu-west-1', 'HMAC_256', 'GENERATE_VERIFY_MAC')];

    const tags = await Promise.all([a, b].map((key) => kmsIn('eu-west-1').send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' }))));

    expect(tags[0]?.Mac).not.toEqual(tags[1]?.Mac);
    // Not an unkeyed digest, nor an HMAC under an empty key.
    expect(Buffer.from(tags[0]?.Mac ?? []).equals(sha(256, MESSAGE))).toBe(false);
    expect(Buffer.from(tags[0]?.Mac ?? []).equals(createHmac('sha256', Buffer.alloc(0)).update(MESSAGE).digest())).toBe(false);
  });

  it('fails with InvalidKeyUsageException for an algorithm the key spec does not support', async () => {
    const key = await createKey('ap-southeast-2', 'HMAC_224', 'GENERATE_VERIFY_MAC');

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe('Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.');
  });

  it('fails with InvalidKeyUsageException for a symmetric encryption key', async () => {
    const key = await createSdkKey(kmsIn('us-east-1'));

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`);
  });
});

describe('VerifyMac', () => {
  it.each(MAC_CASES.map(([spec, algorithm], i) => [spec, algorithm, regionFor(i + 2)] as const))(
    'verifies a %s %s tag (%s), and refuses a tampered one with KMSInvalidMacException, which has no message',
    async (spec, algorithm, region) => {
      const kms = kmsIn(region);
      const key = await createKey(region, spec, 'GENERATE_VERIFY_MAC');
      const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: algorithm }));
      if (!Mac) return expect.fail('GenerateMac returned no Mac');

      const output = await kms.send(new VerifyMacCommand({ KeyId: key.keyId, Message: MESSAGE, Mac, MacAlgorithm: algorithm }));
      const error = await expectSdkError(kms.send(new VerifyMacCommand({ KeyId: key.keyId, Message: MESSAGE, Mac: flipLastByte(Mac), MacAlgorithm: algorithm })), 'KMSInvalidMacException');

      expect(output).toMatchObject({ KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm });
      expect(error).toMatchObject({ $fault: 'client', $metadata: { httpStatusCode: 400 } });
      expect(error.message).toBe(SDK_NO_MESSAGE);
    },
  );

  it('refuses the right tag for another message with KMSInvalidMacException', async () => {
    const kms = kmsIn('eu-west-1');
    const key = await createKey('eu-west-1', 'HMAC_384', 'GENERATE_VERIFY_MAC');
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_384' }));

    await expectSdkError(kms.send(new VerifyMacCommand({ KeyId: key.keyId, Message: new Uint8Array([1, 2, 3]), Mac, MacAlgorithm: 'HMAC_SHA_384' })), 'KMSInvalidMacException');
  });

  it('fails with InvalidKeyUsageException for an algorithm that does not match the key spec', async () => {
    const kms = kmsIn('ap-southeast-2');
    const key = await createKey('ap-southeast-2', 'HMAC_256', 'GENERATE_VERIFY_MAC');
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' }));

    const error = await expectSdkError(kms.send(new VerifyMacCommand({ KeyId: key.keyId, Message: MESSAGE, Mac, MacAlgorithm: 'HMAC_SHA_512' })), 'InvalidKeyUsageException');

    expect(error.message).toBe('Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.');
  });

  it('fails with InvalidKeyUsageException for a signing key', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_P256', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new VerifyMacCommand({ KeyId: key.keyId, Message: MESSAGE, Mac: new Uint8Array(32), MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is SIGN_VERIFY which is not valid for VerifyMac.`);
  });
});

// ---------------------------------------------------------------------------------------------
// RSA encryption: Encrypt, Decrypt and ReEncrypt with RSAES_OAEP_*
// ---------------------------------------------------------------------------------------------

describe('RSA Encrypt and Decrypt', () => {
  it.each([
    ['RSAES_OAEP_SHA_256', 'sha256', 'us-east-1'],
    ['RSAES_OAEP_SHA_1', 'sha1', 'eu-west-1'],
  ] as const)('round-trips %s: a 256-byte ciphertext that KMS decrypts, and so does one made offline with the public key (%s, %s)', async (algorithm, oaepHash, region) => {
    const kms = kmsIn(region);
    const key = await createKey(region, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const plaintext = randomBytes(100);

    const encrypted = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm }));
    const decrypted = await kms.send(new DecryptCommand({ KeyId: key.keyId, CiphertextBlob: encrypted.CiphertextBlob, EncryptionAlgorithm: algorithm }));
    const offline = publicEncrypt({ key: await publicKeyOf(region, key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, plaintext);
    const decryptedOffline = await kms.send(new DecryptCommand({ KeyId: key.arn, CiphertextBlob: offline, EncryptionAlgorithm: algorithm }));

    expect(encrypted).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: algorithm });
    expect(encrypted.CiphertextBlob).toHaveLength(256);
    expect(decrypted).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: algorithm });
    expect(Buffer.from(decrypted.Plaintext ?? []).equals(plaintext)).toBe(true);
    expect(Buffer.from(decryptedOffline.Plaintext ?? []).equals(plaintext)).toBe(true);
  });

  it('encrypts up to the OAEP limit of an RSA_4096 key (446 bytes with SHA-256), and refuses one byte more', async () => {
    const kms = kmsIn('ap-southeast-2');
    const key = await createKey('ap-southeast-2', 'RSA_4096', 'ENCRYPT_DECRYPT');

    const encrypted = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: randomBytes(446), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    const error = await expectSdkError(kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: randomBytes(447), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'ValidationException');

    expect(encrypted.CiphertextBlob).toHaveLength(512);
    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 and key spec RSA_4096 cannot encrypt data larger than 446 bytes.');
  });

  it('fails Encrypt without an EncryptionAlgorithm with InvalidKeyUsageException (SYMMETRIC_DEFAULT is the default)', async () => {
    const key = await createKey('ap-southeast-2', 'RSA_2048', 'ENCRYPT_DECRYPT');

    const error = await expectSdkError(kmsIn('ap-southeast-2').send(new EncryptCommand({ KeyId: key.keyId, Plaintext: MESSAGE })), 'InvalidKeyUsageException');

    expect(error.message).toBe('Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });

  it('fails Encrypt with InvalidKeyUsageException for an RSA SIGN_VERIFY key', async () => {
    const key = await createKey('us-east-1', 'RSA_2048', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new EncryptCommand({ KeyId: key.keyId, Plaintext: MESSAGE, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);
  });

  it('fails Decrypt with InvalidCiphertextException, with no message, for a tampered RSA ciphertext and for one under the other OAEP hash', async () => {
    const kms = kmsIn('eu-west-1');
    const key = await createKey('eu-west-1', 'RSA_2048', 'ENCRYPT_DECRYPT');
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: MESSAGE, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    if (!CiphertextBlob) return expect.fail('Encrypt returned no CiphertextBlob');

    const tampered = await expectSdkError(
      kms.send(new DecryptCommand({ KeyId: key.keyId, CiphertextBlob: flipLastByte(CiphertextBlob), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidCiphertextException',
    );
    const otherHash = await expectSdkError(
      kms.send(new DecryptCommand({ KeyId: key.keyId, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })),
      'InvalidCiphertextException',
    );

    expect(tampered.message).toBe(SDK_NO_MESSAGE);
    expect(otherHash.message).toBe(SDK_NO_MESSAGE);
  });
});

describe('RSA ReEncrypt', () => {
  it('moves a symmetric ciphertext to an RSA key and back; every step decrypts to the same plaintext', async () => {
    const kms = kmsIn('ap-southeast-2');
    const symmetric = await createSdkKey(kms);
    const rsa = await createKey('ap-southeast-2', 'RSA_3072', 'ENCRYPT_DECRYPT');
    const plaintext = randomBytes(64);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: symmetric.keyId, Plaintext: plaintext, EncryptionContext: CONTEXT }));

    const toRsa = await kms.send(
      new ReEncryptCommand({ CiphertextBlob, SourceEncryptionContext: CONTEXT, DestinationKeyId: rsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );
    const rsaDecrypted = await kms.send(new DecryptCommand({ KeyId: rsa.keyId, CiphertextBlob: toRsa.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    const back = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: toRsa.CiphertextBlob,
        SourceKeyId: rsa.arn,
        SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        DestinationKeyId: symmetric.keyId,
        DestinationEncryptionContext: { stage: 'back' },
      }),
    );
    const symmetricDecrypted = await kms.send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob, EncryptionContext: { stage: 'back' } }));

    expect(toRsa).toMatchObject({ SourceKeyId: symmetric.arn, KeyId: rsa.arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(toRsa.CiphertextBlob).toHaveLength(384);
    expect(Buffer.from(rsaDecrypted.Plaintext ?? []).equals(plaintext)).toBe(true);
    expect(back).toMatchObject({ SourceKeyId: rsa.arn, KeyId: symmetric.arn, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(symmetricDecrypted.KeyId).toBe(symmetric.arn);
    expect(Buffer.from(symmetricDecrypted.Plaintext ?? []).equals(plaintext)).toBe(true);
  });

  it('fails with InvalidKeyUsageException for an RSA destination without a DestinationEncryptionAlgorithm', async () => {
    const kms = kmsIn('us-east-1');
    const symmetric = await createSdkKey(kms);
    const rsa = await createKey('us-east-1', 'RSA_2048', 'ENCRYPT_DECRYPT');
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: symmetric.keyId, Plaintext: MESSAGE }));

    const error = await expectSdkError(kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: rsa.keyId })), 'InvalidKeyUsageException');

    expect(error.message).toBe('Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });
});

// ---------------------------------------------------------------------------------------------
// Data key pairs
// ---------------------------------------------------------------------------------------------

/** Whether a private key (PKCS #8 DER) and a public key (SPKI DER) are one pair: the public key derived from the private one is the same. */
function samePair(privateKeyDer: Uint8Array, publicKeyDer: Uint8Array): boolean {
  const derived = createPublicKey(createPrivateKey({ key: Buffer.from(privateKeyDer), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
  return derived.equals(Buffer.from(publicKeyDer));
}

const PAIR_CASES: readonly [DataKeyPairSpec, string, Record<string, unknown>][] = [
  ['RSA_2048', 'rsa', { modulusLength: 2048 }],
  ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
  ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
  ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
  ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
  ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
];

describe('GenerateDataKeyPair', () => {
  it.each(PAIR_CASES.map(([spec, type, detail], i) => [spec, regionFor(i), type, detail] as const))(
    'makes a %s pair (%s): PKCS #8 private key, SPKI public key of one pair, and a ciphertext that Decrypt with the context turns into the private key',
    async (spec, region, type, detail) => {
      const kms = kmsIn(region);
      const key = await createSdkKey(kms);

      const output = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: spec, EncryptionContext: CONTEXT }));
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: output.PrivateKeyCiphertextBlob, EncryptionContext: CONTEXT }));
      const privateKey = createPrivateKey({ key: Buffer.from(output.PrivateKeyPlaintext ?? []), format: 'der', type: 'pkcs8' });

      expect(output).toMatchObject({ KeyId: key.arn, KeyPairSpec: spec });
      expect(output.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
      expect(privateKey.asymmetricKeyType).toBe(type);
      expect(privateKey.asymmetricKeyDetails).toMatchObject(detail);
      expect(samePair(output.PrivateKeyPlaintext ?? new Uint8Array(), output.PublicKey ?? new Uint8Array())).toBe(true);
      expect(decrypted.KeyId).toBe(key.arn);
      expect(decrypted.Plaintext).toEqual(output.PrivateKeyPlaintext);
    },
  );

  it('binds the encryption context: Decrypt without it fails with InvalidCiphertextException', async () => {
    const kms = kmsIn('eu-west-1');
    const key = await createSdkKey(kms);
    const output = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: CONTEXT }));

    const error = await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: output.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException');

    expect(error.message).toBe(SDK_NO_MESSAGE);
  });

  it('makes a fresh pair each call', async () => {
    const kms = kmsIn('us-east-1');
    const key = await createSdkKey(kms);

    const [a, b] = await Promise.all([1, 2].map(() => kms.send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' }))));

    expect(a?.PublicKey).not.toEqual(b?.PublicKey);
  });

  it('fails with InvalidKeyUsageException for an RSA encryption key', async () => {
    const key = await createKey('ap-southeast-2', 'RSA_2048', 'ENCRYPT_DECRYPT');

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe('You cannot generate a data key pair with an asymmetric CMK');
  });

  it('fails with InvalidKeyUsageException for an HMAC key', async () => {
    const key = await createKey('eu-west-1', 'HMAC_256', 'GENERATE_VERIFY_MAC');

    const error = await expectSdkError(kmsIn('eu-west-1').send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' })), 'InvalidKeyUsageException');

    expect(error.message).toBe(`${key.arn} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKeyPair.`);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const kms = kmsIn('us-east-1');
    const key = await createSdkKey(kms);
    await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));

    const error = await expectSdkError(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.keyId, KeyPairSpec: 'RSA_2048' })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });
});

describe('GenerateDataKeyPairWithoutPlaintext', () => {
  it.each<[DataKeyPairSpec, Region]>([
    ['RSA_2048', 'eu-west-1'],
    ['ECC_NIST_P256', 'ap-southeast-2'],
    ['ECC_NIST_EDWARDS25519', 'us-east-1'],
  ])('makes a %s pair (%s) without the plaintext private key; Decrypt of its ciphertext gives the matching private key', async (spec, region) => {
    const kms = kmsIn(region);
    const key = await createSdkKey(kms);

    const output = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.arn, KeyPairSpec: spec, EncryptionContext: CONTEXT }));
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: output.PrivateKeyCiphertextBlob, EncryptionContext: CONTEXT }));

    expect(output).toMatchObject({ KeyId: key.arn, KeyPairSpec: spec });
    expect(output).not.toHaveProperty('PrivateKeyPlaintext');
    expect(samePair(decrypted.Plaintext ?? new Uint8Array(), output.PublicKey ?? new Uint8Array())).toBe(true);
  });

  it('fails with InvalidKeyUsageException for an ECC signing key', async () => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPairWithoutPlaintext.`);
  });

  it('fails with NotFoundException for an unknown alias', async () => {
    const error = await expectSdkError(
      kmsIn('us-east-1').send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: 'alias/no-such-alias', KeyPairSpec: 'ECC_NIST_P256' })),
      'NotFoundException',
    );

    expect(error.message).toBe(`Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/no-such-alias is not found.`);
  });
});

// ---------------------------------------------------------------------------------------------
// DeriveSharedSecret
// ---------------------------------------------------------------------------------------------

describe('DeriveSharedSecret', () => {
  it.each<[KeySpec, string, Region]>([
    ['ECC_NIST_P256', 'prime256v1', 'us-east-1'],
    ['ECC_NIST_P384', 'secp384r1', 'eu-west-1'],
    ['ECC_NIST_P521', 'secp521r1', 'ap-southeast-2'],
  ])('derives with a %s key (%s, %s) the secret the peer computes with its private key and the GetPublicKey key', async (spec, namedCurve, region) => {
    const kms = kmsIn(region);
    const key = await createKey(region, spec, 'KEY_AGREEMENT');
    const peer = generateKeyPairSync('ec', { namedCurve });

    const output = await kms.send(
      new DeriveSharedSecretCommand({ KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }) }),
    );
    const peerSide = diffieHellman({ privateKey: peer.privateKey, publicKey: await publicKeyOf(region, key) });

    expect(output).toMatchObject({ KeyId: key.arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
    expect(output.SharedSecret).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(output.SharedSecret ?? []).equals(peerSide)).toBe(true);
  });

  it('derives the same secret for two KMS keys on each other\'s public keys', async () => {
    const kms = kmsIn('eu-west-1');
    const [a, b] = [await createKey('eu-west-1', 'ECC_NIST_P256', 'KEY_AGREEMENT'), await createKey('eu-west-1', 'ECC_NIST_P256', 'KEY_AGREEMENT')];
    const [publicA, publicB] = await Promise.all([a, b].map(async (key) => (await kms.send(new GetPublicKeyCommand({ KeyId: key.keyId }))).PublicKey));

    const fromA = await kms.send(new DeriveSharedSecretCommand({ KeyId: a.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: publicB }));
    const fromB = await kms.send(new DeriveSharedSecretCommand({ KeyId: b.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: publicA }));

    expect(fromA.SharedSecret).toHaveLength(32);
    expect(fromA.SharedSecret).toEqual(fromB.SharedSecret);
  });

  it('fails with InvalidKeyUsageException for a SIGN_VERIFY key', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_P256', 'SIGN_VERIFY');
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new DeriveSharedSecretCommand({ KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }) })),
      'InvalidKeyUsageException',
    );

    expect(error.message).toBe(`${key.arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`);
  });

  it('fails with ValidationException for a peer public key on another curve', async () => {
    const key = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const peer = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });

    await expectSdkError(
      kmsIn('ap-southeast-2').send(new DeriveSharedSecretCommand({ KeyId: key.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }) })),
      'ValidationException',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

describe('Asymmetric and HMAC keys stay in their Region', () => {
  it('answers another Region\'s Sign, GetPublicKey and GenerateMac for a key id with NotFoundException', async () => {
    const signing = await createKey('ap-southeast-2', 'ECC_NIST_P256', 'SIGN_VERIFY');
    const mac = await createKey('ap-southeast-2', 'HMAC_256', 'GENERATE_VERIFY_MAC');
    const ireland = kmsIn('eu-west-1');

    const sign = await expectSdkError(ireland.send(new SignCommand({ KeyId: signing.keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' })), 'NotFoundException');
    const publicKey = await expectSdkError(ireland.send(new GetPublicKeyCommand({ KeyId: signing.keyId })), 'NotFoundException');
    const generated = await expectSdkError(ireland.send(new GenerateMacCommand({ KeyId: mac.keyId, Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })), 'NotFoundException');

    expect(sign.message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${signing.keyId}' does not exist`);
    expect(publicKey.message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${signing.keyId}' does not exist`);
    expect(generated.message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${mac.keyId}' does not exist`);
  });

  it('answers another Region\'s Verify for a key ARN with NotFoundException', async () => {
    const key = await createKey('us-east-1', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const signature = await signed('us-east-1', key, 'ED25519_SHA_512', MESSAGE);

    const error = await expectSdkError(
      kmsIn('ap-southeast-2').send(new VerifyCommand({ KeyId: key.arn, Message: MESSAGE, Signature: signature, SigningAlgorithm: 'ED25519_SHA_512' })),
      'NotFoundException',
    );

    expect(error.message).toBe('Invalid arn us-east-1');
  });

  it('answers another Region\'s DeriveSharedSecret and VerifyMac with NotFoundException', async () => {
    const agreement = await createKey('eu-west-1', 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const mac = await createKey('eu-west-1', 'HMAC_512', 'GENERATE_VERIFY_MAC');
    const virginia = kmsIn('us-east-1');
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });

    await expectSdkError(virginia.send(new DeriveSharedSecretCommand({ KeyId: agreement.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer })), 'NotFoundException');
    await expectSdkError(virginia.send(new VerifyMacCommand({ KeyId: mac.keyId, Message: MESSAGE, Mac: new Uint8Array(64), MacAlgorithm: 'HMAC_SHA_512' })), 'NotFoundException');
  });

  it('keeps a key pair made in one Region tied to its symmetric key there: another Region cannot decrypt the private key', async () => {
    const virginia = kmsIn('us-east-1');
    const key = await createSdkKey(virginia);
    const { PrivateKeyCiphertextBlob } = await virginia.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.keyId, KeyPairSpec: 'ECC_NIST_P256' }));

    // The same error as for any symmetric ciphertext from another Region (regions.test.ts).
    const error = await expectSdkError(kmsIn('eu-west-1').send(new DecryptCommand({ CiphertextBlob: PrivateKeyCiphertextBlob })), 'AccessDeniedException');

    expect(error.message).toBe(CIPHERTEXT_ELSEWHERE);
    const home = await virginia.send(new DecryptCommand({ CiphertextBlob: PrivateKeyCiphertextBlob }));
    expect(home.Plaintext?.length).toBeGreaterThan(0);
  });

  it('keeps an RSA ciphertext in its Region: Decrypt there with the key ARN names the key\'s Region', async () => {
    const key = await createKey('eu-west-1', 'RSA_2048', 'ENCRYPT_DECRYPT');
    const { CiphertextBlob } = await kmsIn('eu-west-1').send(new EncryptCommand({ KeyId: key.keyId, Plaintext: MESSAGE, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));

    const error = await expectSdkError(
      kmsIn('us-east-1').send(new DecryptCommand({ KeyId: key.arn, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'NotFoundException',
    );

    expect(error.message).toBe('Invalid arn eu-west-1');
  });
});

describe('GenerateDataKey with asymmetric keys', () => {
  it('fails with InvalidKeyUsageException for an RSA encryption key (no full stop, as AWS)', async () => {
    const key = await createKey('eu-west-1', 'RSA_2048', 'ENCRYPT_DECRYPT');

    const error = await expectSdkError(kmsIn('eu-west-1').send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' })), 'InvalidKeyUsageException');

    expect(error.message).toBe('You cannot generate a data key with an asymmetric CMK');
  });
});
