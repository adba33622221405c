/**
 * Rotation and imported key material through the real AWS SDK v3 against the endpoint:
 * EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, ListKeyRotations,
 * RotateKeyOnDemand, GetParametersForImport, ImportKeyMaterial and DeleteImportedKeyMaterial.
 * Timestamps come back as Dates and blobs as Uint8Arrays; rotation and expiry run on the
 * sandbox's virtual clock, moved with KmsSandbox.AdvanceClock; key material is wrapped with
 * node:crypto as AWS's instructions describe.
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import {
  CancelKeyDeletionCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type ExpirationModelType,
  type ImportKeyMaterialCommandInput,
  type KMSClient,
  type RotationsListEntry,
  type WrappingKeySpec,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../src/sim/index.js';
import { createSdkKey, expectSdkError, kmsClient, sandboxControl, startEndpoint, type Endpoint, type SdkKey } from '../../helpers/endpoint.js';
import { SdkCallRecorder } from './sdk-coverage.js';

const START = new Date('2030-01-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PLAINTEXT = new TextEncoder().encode('rotate me, import me');
const KEY_MATERIAL_ID = /^[0-9a-f]{64}$/;
const UNKNOWN_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
/** The IV of AES key wrap with padding (RFC 5649 §3), which AWS's instructions give OpenSSL. */
const RFC_5649_IV = Buffer.from('A65959A6', 'hex');
const WRAPPING_ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const;
type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

const recorder = new SdkCallRecorder();
let endpoint: Endpoint;
let kms: KMSClient;

beforeAll(async () => {
  // Quotas off: GetParametersForImport's real quota is 0.25 requests per second.
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } }, server: { onCall: recorder.onCall } });
  kms = kmsClient(endpoint.url);
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.close();
});

// ---------------------------------------------------------------------------------------------
// The sandbox clock, keys, ciphertexts and audit records
// ---------------------------------------------------------------------------------------------

/** The sandbox's virtual time in epoch milliseconds (KmsSandbox.GetClock). */
async function clockNow(): Promise<number> {
  const { Now } = await sandboxControl<{ Now: number }>(endpoint.url, 'GetClock');
  return Math.round(Now * 1000);
}

/** Moves the virtual clock forward (KmsSandbox.AdvanceClock); returns the labels of the timers that fired. */
async function advance(amount: { Days?: number; Hours?: number; Seconds?: number }): Promise<string[]> {
  const { FiredTimers } = await sandboxControl<{ FiredTimers: string[] }>(endpoint.url, 'AdvanceClock', amount);
  return FiredTimers;
}

/** The CloudTrail-shaped record of one call, found by the request id the SDK got back. */
async function auditRecord(requestId: string | undefined): Promise<AuditRecord> {
  const { Events } = await sandboxControl<{ Events: AuditRecord[] }>(endpoint.url, 'ListAuditEvents');
  const record = Events.find((e) => e.requestID === requestId);
  if (!record) return expect.fail(`no audit record with requestID ${requestId}`);
  return record;
}

async function describeKey(keyId: string) {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  if (!KeyMetadata) return expect.fail('DescribeKey returned no KeyMetadata');
  return KeyMetadata;
}

async function encrypted(key: SdkKey): Promise<Uint8Array> {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT }));
  if (!CiphertextBlob) return expect.fail('Encrypt returned no CiphertextBlob');
  return CiphertextBlob;
}

async function rotations(key: SdkKey, all = false): Promise<RotationsListEntry[]> {
  const { Rotations } = await kms.send(new ListKeyRotationsCommand({ KeyId: key.keyId, ...(all ? { IncludeKeyMaterial: 'ALL_KEY_MATERIAL' as const } : {}) }));
  return Rotations ?? [];
}

async function disabledKey(): Promise<SdkKey> {
  const key = await createSdkKey(kms);
  await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));
  return key;
}

async function pendingDeletionKey(input: { Origin?: 'EXTERNAL' } = {}): Promise<SdkKey> {
  const key = await createSdkKey(kms, input);
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
  return key;
}

/** The AWS managed key behind alias/aws/s3, which DescribeKey of the alias creates, as AWS does. */
async function awsManagedKey(): Promise<SdkKey> {
  const metadata = await describeKey('alias/aws/s3');
  expect(metadata.KeyManager).toBe('AWS');
  return { keyId: metadata.KeyId ?? '', arn: metadata.Arn ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Imported key material, wrapped with node:crypto
// ---------------------------------------------------------------------------------------------

/** An EXTERNAL key: created without key material, in PendingImport. */
async function externalKey(): Promise<SdkKey> {
  return createSdkKey(kms, { Origin: 'EXTERNAL', Description: 'imported through the SDK' });
}

/**
 * Wraps key material with a GetParametersForImport public key (DER SubjectPublicKeyInfo) as
 * AWS's instructions do: RSA-OAEP directly, or for RSA_AES_KEY_WRAP a fresh AES-256 key under
 * RSA-OAEP followed by the material under AES key wrap with padding (RFC 5649).
 */
function wrap(publicKeyDer: Uint8Array, algorithm: WrappingAlgorithm, material: Uint8Array): Buffer {
  const publicKey = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const rsaOaep = (data: Uint8Array): Buffer => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);
  if (algorithm.startsWith('RSAES_OAEP')) return rsaOaep(material);
  const aesKey = randomBytes(32);
  const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, RFC_5649_IV);
  return Buffer.concat([rsaOaep(aesKey), cipher.update(material), cipher.final()]);
}

async function importParameters(key: SdkKey, algorithm: WrappingAlgorithm = 'RSAES_OAEP_SHA_256', spec: WrappingKeySpec = 'RSA_2048') {
  const output = await kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }));
  if (!output.PublicKey || !output.ImportToken) return expect.fail('GetParametersForImport returned no PublicKey or ImportToken');
  return { publicKey: output.PublicKey, importToken: output.ImportToken };
}

/** What importMaterial takes besides the key and material: the wrapping and ImportKeyMaterial's other members. */
type ImportOptions = Omit<ImportKeyMaterialCommandInput, 'KeyId' | 'ImportToken' | 'EncryptedKeyMaterial'> & { algorithm?: WrappingAlgorithm; spec?: WrappingKeySpec };

/**
 * GetParametersForImport, wrap, ImportKeyMaterial, all through the SDK. Without ValidTo or
 * ExpirationModel the material does not expire.
 */
function importMaterial(key: SdkKey, material: Uint8Array, options: ImportOptions = {}) {
  const { algorithm = 'RSAES_OAEP_SHA_256', spec = 'RSA_2048', ...fields } = options;
  const expiration = fields.ValidTo === undefined && fields.ExpirationModel === undefined ? { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const } : {};
  return importParameters(key, algorithm, spec).then(({ publicKey, importToken }) =>
    kms.send(new ImportKeyMaterialCommand({ KeyId: key.keyId, ImportToken: importToken, EncryptedKeyMaterial: wrap(publicKey, algorithm, material), ...expiration, ...fields })),
  );
}

/** An EXTERNAL key with 32 random bytes imported (not expiring), the bytes, and their KeyMaterialId. */
async function importedKey(): Promise<{ key: SdkKey; material: Buffer; keyMaterialId: string }> {
  const key = await externalKey();
  const material = randomBytes(32);
  const { KeyMaterialId } = await importMaterial(key, material);
  return { key, material, keyMaterialId: KeyMaterialId ?? '' };
}

// ---------------------------------------------------------------------------------------------

describe('EnableKeyRotation', () => {
  it('turns on automatic rotation with a 90-day period: the next rotation is 90 days from now, as a Date', async () => {
    const key = await createSdkKey(kms);
    const now = await clockNow();

    const output = await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));

    expect(output.$metadata.httpStatusCode).toBe(200);
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, KeyId: key.arn, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate).toBeInstanceOf(Date);
    expect(status.NextRotationDate?.getTime()).toBe(now + 90 * DAY_MS);
  });

  it('defaults the period to 365 days, and a second call changes the period and moves NextRotationDate', async () => {
    const key = await createSdkKey(kms);
    const now = await clockNow();

    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId }));
    const first = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 2560 }));
    const second = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));

    expect(first).toMatchObject({ RotationPeriodInDays: 365, NextRotationDate: new Date(now + 365 * DAY_MS) });
    expect(second).toMatchObject({ RotationPeriodInDays: 2560, NextRotationDate: new Date(now + 2560 * DAY_MS) });
  });

  it.each([
    [89, 'greater than or equal to 90'],
    [2561, 'less than or equal to 2560'],
  ])('fails with ValidationException for a period of %i days', async (days, constraint) => {
    const key = await createSdkKey(kms);

    await expectSdkError(
      kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: days })),
      'ValidationException',
      `Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${constraint}`,
    );
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }))).KeyRotationEnabled).toBe(false);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await disabledKey();

    const error = await expectSdkError(kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey();

    const error = await expectSdkError(kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });

  it('fails with UnsupportedOperationException for keys with imported material, before and after the import', async () => {
    const pending = await externalKey();
    const { key: imported } = await importedKey();

    for (const key of [pending, imported]) {
      const error = await expectSdkError(kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 })), 'UnsupportedOperationException');
      expect(error.message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
    }
  });

  it('fails with UnsupportedOperationException for an AWS managed key, whose yearly rotation cannot be changed', async () => {
    const key = await awsManagedKey();

    await expectSdkError(kms.send(new EnableKeyRotationCommand({ KeyId: key.arn, RotationPeriodInDays: 90 })), 'UnsupportedOperationException', 'AWS managed key');

    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  });

  it('fails with NotFoundException for a key that does not exist', async () => {
    const error = await expectSdkError(kms.send(new EnableKeyRotationCommand({ KeyId: UNKNOWN_KEY_ID })), 'NotFoundException');

    expect(error.message).toBe(`Key 'arn:aws:kms:us-east-1:${endpoint.sandbox.accountId}:key/${UNKNOWN_KEY_ID}' does not exist`);
  });
});

describe('DisableKeyRotation', () => {
  it('turns automatic rotation off: the status loses its period and date, and the due date passes without a rotation', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));

    const output = await kms.send(new DisableKeyRotationCommand({ KeyId: key.keyId }));
    await advance({ Days: 91 });

    expect(output.$metadata.httpStatusCode).toBe(200);
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
    expect(status.KeyRotationEnabled).toBe(false);
    expect(status.RotationPeriodInDays).toBeUndefined();
    expect(status.NextRotationDate).toBeUndefined();
    expect(await rotations(key)).toEqual([]);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await disabledKey();

    const error = await expectSdkError(kms.send(new DisableKeyRotationCommand({ KeyId: key.keyId })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('fails with UnsupportedOperationException for a key with imported material', async () => {
    const { key } = await importedKey();

    const error = await expectSdkError(kms.send(new DisableKeyRotationCommand({ KeyId: key.keyId })), 'UnsupportedOperationException');

    expect(error.message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  });

  it('fails with UnsupportedOperationException for an AWS managed key', async () => {
    const key = await awsManagedKey();

    await expectSdkError(kms.send(new DisableKeyRotationCommand({ KeyId: key.keyId })), 'UnsupportedOperationException', 'AWS managed key');
  });

  it('refuses an alias where only a key id or key ARN is accepted', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId }));

    await expectSdkError(kms.send(new DisableKeyRotationCommand({ KeyId: 'alias/aws/s3' })), 'NotFoundException');

    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }))).KeyRotationEnabled).toBe(true);
  });
});

describe('GetKeyRotationStatus', () => {
  it('reports a new key as not rotating, with its ARN and no period or date', async () => {
    const key = await createSdkKey(kms);

    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));

    expect(status.KeyRotationEnabled).toBe(false);
    expect(status.KeyId).toBe(key.arn);
    expect(status.RotationPeriodInDays).toBeUndefined();
    expect(status.NextRotationDate).toBeUndefined();
  });

  it('reports false while the key is pending deletion, and true again once the deletion is cancelled', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 180 }));

    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
    const pending = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));
    const cancelled = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));

    expect(pending.KeyRotationEnabled).toBe(false);
    expect(cancelled).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
    expect(cancelled.NextRotationDate).toBeInstanceOf(Date);
  });

  it('reports yearly rotation for an AWS managed key', async () => {
    const key = await awsManagedKey();

    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));

    expect(status).toMatchObject({ KeyRotationEnabled: true, KeyId: key.arn, RotationPeriodInDays: 365 });
    expect(status.NextRotationDate).toBeInstanceOf(Date);
  });

  it('fails with UnsupportedOperationException for a key with imported material', async () => {
    const key = await externalKey();

    const error = await expectSdkError(kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId })), 'UnsupportedOperationException');

    expect(error.message).toBe(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  });

  it('fails with NotFoundException for a key that does not exist', async () => {
    await expectSdkError(kms.send(new GetKeyRotationStatusCommand({ KeyId: UNKNOWN_KEY_ID })), 'NotFoundException', 'does not exist');
  });
});

describe('ListKeyRotations', () => {
  it('lists no rotations for a new key, and its first key material with ALL_KEY_MATERIAL', async () => {
    const key = await createSdkKey(kms);

    const output = await kms.send(new ListKeyRotationsCommand({ KeyId: key.keyId }));
    const all = await rotations(key, true);

    expect(output.Rotations).toEqual([]);
    expect(output.Truncated).toBe(false);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ KeyId: key.keyId, KeyMaterialState: 'CURRENT' });
    expect(all[0]?.KeyMaterialId).toMatch(KEY_MATERIAL_ID);
    expect(all[0]?.KeyMaterialId).toBe((await describeKey(key.keyId)).CurrentKeyMaterialId);
    expect(all[0]?.RotationType).toBeUndefined();
    expect(all[0]?.RotationDate).toBeUndefined();
  });

  it('fires automatic rotation on the sandbox clock: 90-day period, 200 days → 2 AUTOMATIC rotations; the old ciphertext still decrypts', async () => {
    // Given a key with a ciphertext under its first key material and a 90-day rotation period
    const key = await createSdkKey(kms);
    const firstMaterialId = (await describeKey(key.keyId)).CurrentKeyMaterialId;
    const before = await encrypted(key);
    const enabledAt = await clockNow();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));

    // When 200 days pass on the virtual clock
    const fired = await advance({ Days: 200 });

    // Then the schedule fired twice, at 90 and 180 days, and rotation goes on
    expect(fired.filter((label) => label === `RotateKey ${key.keyId}`)).toHaveLength(2);
    const listed = await rotations(key);
    expect(listed.map((r) => [r.RotationType, r.KeyMaterialState, r.RotationDate])).toEqual([
      ['AUTOMATIC', 'NON_CURRENT', new Date(enabledAt + 90 * DAY_MS)],
      ['AUTOMATIC', 'CURRENT', new Date(enabledAt + 180 * DAY_MS)],
    ]);
    expect(listed[0]?.RotationDate).toBeInstanceOf(Date);
    const metadata = await describeKey(key.keyId);
    expect(metadata.CurrentKeyMaterialId).toBe(listed[1]?.KeyMaterialId);
    expect(new Set([firstMaterialId, listed[0]?.KeyMaterialId, listed[1]?.KeyMaterialId]).size).toBe(3);
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
    expect(status.NextRotationDate).toEqual(new Date(enabledAt + 270 * DAY_MS));

    // And the ciphertext from before decrypts with the first material; new ones use the current one
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: before }));
    expect(decrypted.Plaintext).toEqual(PLAINTEXT);
    expect((await auditRecord(decrypted.$metadata.requestId)).additionalEventData).toEqual({ keyMaterialId: firstMaterialId });
    const after = await kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT }));
    expect((await auditRecord(after.$metadata.requestId)).additionalEventData).toEqual({ keyMaterialId: listed[1]?.KeyMaterialId });
  });

  it('pages three years of 90-day rotations (12) with Limit and Marker', async () => {
    const key = await createSdkKey(kms);
    const enabledAt = await clockNow();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));
    await advance({ Days: 3 * 365 });

    const pages: RotationsListEntry[][] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListKeyRotationsCommand({ KeyId: key.keyId, Limit: 5, ...(marker ? { Marker: marker } : {}) }));
      pages.push(page.Rotations ?? []);
      expect(page.Truncated).toBe(page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);

    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const all = pages.flat();
    expect(all.every((r) => r.RotationType === 'AUTOMATIC')).toBe(true);
    expect(all.map((r) => r.RotationDate?.getTime())).toEqual(Array.from({ length: 12 }, (_, i) => enabledAt + (i + 1) * 90 * DAY_MS));
    expect(all.map((r) => r.KeyMaterialState)).toEqual([...Array<string>(11).fill('NON_CURRENT'), 'CURRENT']);
    expect(new Set(all.map((r) => r.KeyMaterialId)).size).toBe(12);
  });

  it('does not rotate a disabled key when rotation falls due, and rotates it as soon as it is enabled again', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));
    await kms.send(new DisableKeyCommand({ KeyId: key.keyId }));

    await advance({ Days: 100 });
    const whileDisabled = await rotations(key);
    await kms.send(new EnableKeyCommand({ KeyId: key.keyId }));
    const enabledAt = await clockNow();

    expect(whileDisabled).toEqual([]);
    const listed = await rotations(key);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ RotationType: 'AUTOMATIC', RotationDate: new Date(enabledAt), KeyMaterialState: 'CURRENT' });
  });

  it('fails with InvalidMarkerException for a marker it did not issue', async () => {
    const key = await createSdkKey(kms);

    await expectSdkError(kms.send(new ListKeyRotationsCommand({ KeyId: key.keyId, Marker: 'not-a-marker' })), 'InvalidMarkerException');
  });

  it('fails with NotFoundException for a key that does not exist', async () => {
    await expectSdkError(kms.send(new ListKeyRotationsCommand({ KeyId: UNKNOWN_KEY_ID })), 'NotFoundException', 'does not exist');
  });
});

describe('RotateKeyOnDemand', () => {
  it('rotates now, keeps old ciphertext decrypting and leaves the automatic schedule where it was', async () => {
    const key = await createSdkKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));
    const scheduled = (await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }))).NextRotationDate;
    const before = await encrypted(key);
    await advance({ Days: 10 });
    const now = await clockNow();

    const output = await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId }));

    expect(output.KeyId).toBe(key.arn);
    const listed = await rotations(key);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ RotationType: 'ON_DEMAND', KeyMaterialState: 'CURRENT', RotationDate: new Date(now) });
    expect((await describeKey(key.keyId)).CurrentKeyMaterialId).toBe(listed[0]?.KeyMaterialId);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }))).NextRotationDate).toEqual(scheduled);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: before }))).Plaintext).toEqual(PLAINTEXT);
  });

  it('allows 25 on-demand rotations per key, then fails with LimitExceededException', async () => {
    const key = await createSdkKey(kms);
    for (let i = 0; i < 25; i += 1) await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId }));

    const error = await expectSdkError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId })), 'LimitExceededException');

    expect(error.message).toContain(key.arn);
    expect(await rotations(key)).toHaveLength(25);
  });

  it('fails with DisabledException for a disabled key', async () => {
    const key = await disabledKey();

    const error = await expectSdkError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId })), 'DisabledException');

    expect(error.message).toBe(`${key.arn} is disabled.`);
  });

  it('fails with UnsupportedOperationException for an AWS managed key', async () => {
    const key = await awsManagedKey();

    // (The key may already have rotated yearly: earlier tests move the clock.)
    const before = await rotations(key);

    await expectSdkError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId })), 'UnsupportedOperationException', 'AWS managed key');

    expect(await rotations(key)).toEqual(before);
    expect(before.every((r) => r.RotationType === 'AUTOMATIC')).toBe(true);
  });

  it('fails with KMSInvalidStateException for an EXTERNAL key still pending import', async () => {
    const key = await externalKey();

    const error = await expectSdkError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId })), 'KMSInvalidStateException');

    expect(error.message).toBe(`${key.arn} is pending import.`);
  });

  it('rotates a key with imported material to material imported with ImportType NEW_KEY_MATERIAL, and refuses without it', async () => {
    // Given an imported key, with a ciphertext under its first material
    const { key, keyMaterialId: first } = await importedKey();
    const before = await encrypted(key);
    await expectSdkError(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId })), 'UnsupportedOperationException', 'PENDING_ROTATION');

    // When new material is imported for rotation, it waits in PENDING_ROTATION
    const { KeyMaterialId: second } = await importMaterial(key, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL', KeyMaterialDescription: 'second' });
    expect((await rotations(key, true)).map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState])).toEqual([
      [first, 'CURRENT', 'IMPORTED'],
      [second, 'PENDING_ROTATION', 'IMPORTED'],
    ]);

    // Then RotateKeyOnDemand makes it current, and the first material still decrypts
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId }));
    const listed = await rotations(key);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ KeyMaterialId: second, RotationType: 'ON_DEMAND', KeyMaterialState: 'CURRENT', KeyMaterialDescription: 'second' });
    expect((await describeKey(key.keyId)).CurrentKeyMaterialId).toBe(second);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: before }))).Plaintext).toEqual(PLAINTEXT);
  });
});

describe('GetParametersForImport', () => {
  it.each([
    ['RSA_2048', 2048],
    ['RSA_3072', 3072],
    ['RSA_4096', 4096],
  ] as const)('returns a %s DER public key and an import token as Uint8Arrays, valid for 24 hours (a Date)', async (spec, bits) => {
    const key = await externalKey();
    const now = await clockNow();

    const output = await kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: spec }));

    expect(output.KeyId).toBe(key.arn);
    expect(output.PublicKey).toBeInstanceOf(Uint8Array);
    expect(output.ImportToken).toBeInstanceOf(Uint8Array);
    expect(output.ImportToken?.length).toBeGreaterThan(0);
    const publicKey = createPublicKey({ key: Buffer.from(output.PublicKey ?? []), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits);
    expect(output.ParametersValidTo).toBeInstanceOf(Date);
    expect(output.ParametersValidTo?.getTime()).toBe(now + 24 * HOUR_MS);
  });

  it('gives a new wrapping key and token on every call', async () => {
    const key = await externalKey();

    const [a, b] = [await importParameters(key), await importParameters(key)];

    expect(Buffer.from(a.publicKey).equals(Buffer.from(b.publicKey))).toBe(false);
    expect(Buffer.from(a.importToken).equals(Buffer.from(b.importToken))).toBe(false);
  });

  it('fails with UnsupportedOperationException for a key whose material KMS generated (Origin AWS_KMS)', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(
      kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
      'UnsupportedOperationException',
    );

    expect(error.message).toBe(`${key.arn} origin is AWS_KMS which is not valid for this operation.`);
  });

  it('fails with UnsupportedOperationException for RSAES_PKCS1_V1_5, unsupported since October 2023', async () => {
    const key = await externalKey();

    await expectSdkError(
      kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' })),
      'UnsupportedOperationException',
      'RSAES_PKCS1_V1_5',
    );
  });

  it('fails with ValidationException for a wrapping key spec outside the enum', async () => {
    const key = await externalKey();

    await expectSdkError(
      kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_1024' as WrappingKeySpec })),
      'ValidationException',
      "Value 'RSA_1024' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set",
    );
  });

  it('fails with KMSInvalidStateException for a key pending deletion', async () => {
    const key = await pendingDeletionKey({ Origin: 'EXTERNAL' });

    const error = await expectSdkError(
      kms.send(new GetParametersForImportCommand({ KeyId: key.keyId, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: 'RSA_3072' })),
      'KMSInvalidStateException',
    );

    expect(error.message).toBe(`${key.arn} is pending deletion.`);
  });
});

describe('ImportKeyMaterial', () => {
  it.each(WRAPPING_ALGORITHMS)('imports material wrapped with %s: the key becomes Enabled and encrypts and decrypts', async (algorithm) => {
    const key = await externalKey();
    expect((await describeKey(key.keyId)).KeyState).toBe('PendingImport');

    const output = await importMaterial(key, randomBytes(32), { algorithm, spec: 'RSA_3072' });

    expect(output.KeyId).toBe(key.arn);
    expect(output.KeyMaterialId).toMatch(KEY_MATERIAL_ID);
    const metadata = await describeKey(key.keyId);
    expect(metadata).toMatchObject({ KeyState: 'Enabled', Enabled: true, Origin: 'EXTERNAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', CurrentKeyMaterialId: output.KeyMaterialId });
    expect(metadata.ValidTo).toBeUndefined();
    const blob = await encrypted(key);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: blob }));
    expect(decrypted).toMatchObject({ KeyId: key.arn, Plaintext: PLAINTEXT });
  });

  it('sends ValidTo (a Date) as epoch seconds; the sandbox honours it: the material expires on the clock and the key goes to PendingImport', async () => {
    // Given an EXTERNAL key and a ValidTo 30 days and half a second ahead
    const key = await externalKey();
    const material = randomBytes(32);
    const validTo = new Date((await clockNow()) + 30 * DAY_MS + 500);
    const { publicKey, importToken } = await importParameters(key);
    const command = new ImportKeyMaterialCommand({
      KeyId: key.keyId,
      ImportToken: importToken,
      EncryptedKeyMaterial: wrap(publicKey, 'RSAES_OAEP_SHA_256', material),
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: validTo,
    });
    const sent: string[] = [];
    command.middlewareStack.add(
      (next) => async (args) => {
        // The JSON 1.1 body the SDK serialized, as bytes.
        const body = (args.request as { body?: unknown }).body;
        if (body instanceof Uint8Array) sent.push(Buffer.from(body).toString('utf8'));
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordImportKeyMaterialBody' },
    );

    // When the SDK imports the material with that ValidTo
    const output = await kms.send(command);

    // Then the wire carried epoch seconds (with the fraction), and DescribeKey gives the same instant back as a Date
    expect(sent).toHaveLength(1);
    const wire = JSON.parse(sent[0] ?? '{}') as { ValidTo?: unknown };
    expect(wire.ValidTo).toBe(validTo.getTime() / 1000);
    expect(wire.ValidTo).not.toBe(Math.round(validTo.getTime() / 1000));
    const metadata = await describeKey(key.keyId);
    expect(metadata).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES' });
    expect(metadata.ValidTo).toBeInstanceOf(Date);
    expect(metadata.ValidTo).toEqual(validTo);
    expect((await rotations(key, true))[0]).toMatchObject({ ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo, ImportState: 'IMPORTED' });
    const blob = await encrypted(key);

    // And one second before ValidTo the key still works
    const now = await clockNow();
    await advance({ Seconds: (validTo.getTime() - now) / 1000 - 1 });
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');

    // When ValidTo passes, the material expires: the key is PendingImport and refuses cryptography
    const fired = await advance({ Seconds: 1 });
    expect(fired).toContain(`DeleteExpiredKeyMaterial ${key.keyId}`);
    expect((await describeKey(key.keyId)).KeyState).toBe('PendingImport');
    expect((await rotations(key, true))[0]).toMatchObject({ KeyMaterialId: output.KeyMaterialId, ImportState: 'PENDING_IMPORT' });
    const refused = await expectSdkError(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'KMSInvalidStateException');
    expect(refused.message).toBe(`${key.arn} is pending import.`);
    const { Events } = await sandboxControl<{ Events: AuditRecord[] }>(endpoint.url, 'ListAuditEvents');
    const expiries = Events.filter((e) => e.eventName === 'DeleteExpiredKeyMaterial' && e.resources?.some((r) => r.ARN === key.arn));
    expect(expiries).toEqual([
      expect.objectContaining({ eventType: 'AwsServiceEvent', eventTime: validTo.toISOString().replace(/\.\d{3}Z$/, 'Z'), additionalEventData: { keyMaterialId: output.KeyMaterialId } }),
    ]);

    // And importing the same material again brings the old ciphertext back
    const again = await importMaterial(key, material);
    expect(again.KeyMaterialId).toBe(output.KeyMaterialId);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext).toEqual(PLAINTEXT);
  });

  it('fails with ExpiredImportTokenException when the parameters are used 25 hours later', async () => {
    const key = await externalKey();
    const { publicKey, importToken } = await importParameters(key);
    await advance({ Hours: 25 });

    const error = await expectSdkError(
      kms.send(
        new ImportKeyMaterialCommand({
          KeyId: key.keyId,
          ImportToken: importToken,
          EncryptedKeyMaterial: wrap(publicKey, 'RSAES_OAEP_SHA_256', randomBytes(32)),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      ),
      'ExpiredImportTokenException',
    );

    expect(error.message).toContain('GetParametersForImport');
    expect((await describeKey(key.keyId)).KeyState).toBe('PendingImport');
  });

  it('fails with IncorrectKeyMaterialException for different material after the first import', async () => {
    const { key, keyMaterialId } = await importedKey();

    await expectSdkError(importMaterial(key, randomBytes(32)), 'IncorrectKeyMaterialException', 'not the same key material');

    expect((await describeKey(key.keyId)).CurrentKeyMaterialId).toBe(keyMaterialId);
  });

  it('fails with InvalidImportTokenException for an import token of another key', async () => {
    const key = await externalKey();
    const other = await externalKey();
    const { publicKey, importToken } = await importParameters(other);

    await expectSdkError(
      kms.send(
        new ImportKeyMaterialCommand({
          KeyId: key.keyId,
          ImportToken: importToken,
          EncryptedKeyMaterial: wrap(publicKey, 'RSAES_OAEP_SHA_256', randomBytes(32)),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      ),
      'InvalidImportTokenException',
    );
  });

  it('fails with InvalidCiphertextException for material wrapped with another algorithm than the token was issued for', async () => {
    const key = await externalKey();
    const { publicKey, importToken } = await importParameters(key, 'RSAES_OAEP_SHA_256');

    await expectSdkError(
      kms.send(
        new ImportKeyMaterialCommand({
          KeyId: key.keyId,
          ImportToken: importToken,
          EncryptedKeyMaterial: wrap(publicKey, 'RSAES_OAEP_SHA_1', randomBytes(32)),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      ),
      'InvalidCiphertextException',
    );
  });

  it.each<[string, ExpirationModelType | undefined, number | undefined, string]>([
    ['KEY_MATERIAL_EXPIRES without ValidTo', 'KEY_MATERIAL_EXPIRES', undefined, 'A validTo date must be set'],
    ['a ValidTo more than 365 days ahead', undefined, 366, 'no more than 365 days'],
    ['a ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE', 'KEY_MATERIAL_DOES_NOT_EXPIRE', 1, 'must not be set'],
  ])('fails with ValidationException for %s', async (_case, expirationModel, validToDays, message) => {
    const key = await externalKey();
    const now = await clockNow();

    await expectSdkError(
      importMaterial(key, randomBytes(32), {
        ...(expirationModel === undefined ? {} : { ExpirationModel: expirationModel }),
        ...(validToDays === undefined ? {} : { ValidTo: new Date(now + validToDays * DAY_MS) }),
      }),
      'ValidationException',
      message,
    );
    expect((await describeKey(key.keyId)).KeyState).toBe('PendingImport');
  });
});

describe('DeleteImportedKeyMaterial', () => {
  it('deletes the current material: the key goes to PendingImport until the same material is imported again', async () => {
    const { key, material, keyMaterialId } = await importedKey();
    const blob = await encrypted(key);

    const output = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId }));

    expect(output).toMatchObject({ KeyId: key.arn, KeyMaterialId: keyMaterialId });
    const metadata = await describeKey(key.keyId);
    expect(metadata.KeyState).toBe('PendingImport');
    expect(metadata.Enabled).toBe(false);
    const refused = await expectSdkError(kms.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: PLAINTEXT })), 'KMSInvalidStateException');
    expect(refused.message).toBe(`${key.arn} is pending import.`);
    await expectSdkError(importMaterial(key, randomBytes(32)), 'IncorrectKeyMaterialException');

    await importMaterial(key, material, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', spec: 'RSA_4096' });

    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext).toEqual(PLAINTEXT);
  });

  it('leaves a key pending deletion in PendingDeletion; cancelling the deletion then returns it to PendingImport, not Disabled', async () => {
    const { key, material } = await importedKey();
    const blob = await encrypted(key);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));

    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId }));
    const whilePending = (await describeKey(key.keyId)).KeyState;
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));

    expect(whilePending).toBe('PendingDeletion');
    expect((await describeKey(key.keyId)).KeyState).toBe('PendingImport');
    await expectSdkError(kms.send(new EnableKeyCommand({ KeyId: key.keyId })), 'KMSInvalidStateException', 'pending import');
    await importMaterial(key, material);
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext).toEqual(PLAINTEXT);
  });

  it('deletes material pending rotation by its KeyMaterialId, leaving the key Enabled', async () => {
    const { key, keyMaterialId } = await importedKey();
    const { KeyMaterialId: pending } = await importMaterial(key, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' });

    const output = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId, KeyMaterialId: pending }));

    expect(output.KeyMaterialId).toBe(pending);
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
    expect((await rotations(key, true)).map((r) => r.KeyMaterialId)).toEqual([keyMaterialId]);
  });

  it('fails with NotFoundException for a KeyMaterialId the key does not have', async () => {
    const { key } = await importedKey();
    const unknown = 'ab'.repeat(32);

    const error = await expectSdkError(kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId, KeyMaterialId: unknown })), 'NotFoundException');

    expect(error.message).toContain(unknown);
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
  });

  it('fails with UnsupportedOperationException for a key whose material KMS generated (Origin AWS_KMS)', async () => {
    const key = await createSdkKey(kms);

    const error = await expectSdkError(kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.keyId })), 'UnsupportedOperationException');

    expect(error.message).toBe(`${key.arn} origin is AWS_KMS which is not valid for this operation.`);
    expect((await describeKey(key.keyId)).KeyState).toBe('Enabled');
  });
});

describe('rotation and import coverage', () => {
  it('sent every operation of the group through the SDK, with a success and an AWS error each', () => {
    recorder.expectGroupExercised('rotation-and-import');
  });
});
