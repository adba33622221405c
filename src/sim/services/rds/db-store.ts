import { createCipheriv, createDecipheriv, randomInt } from 'node:crypto';
import type { SimCore } from '../../core.js';
import { ServiceError, type KmsCallResult, type ServiceContext } from '../service.js';
import { PerRegion, serviceState } from '../service-state.js';

/**
 * The storage of a DB instance or snapshot. RDS builds on EBS encryption: the volume has a data
 * key made by KMS (GenerateDataKeyWithoutPlaintext, context {"aws:rds:db-id": <DbiResourceId>}),
 * kept encrypted beside the data; the host asks KMS to Decrypt it when it needs the plaintext.
 * https://docs.aws.amazon.com/kms/latest/developerguide/services-rds.html
 */
export interface DbStorage {
  /** The KMS key's ARN, for encrypted storage. */
  readonly kmsKeyArn: string | undefined;
  /** The data key encrypted under the KMS key (a KMS ciphertext blob), for encrypted storage. */
  readonly encryptedDataKey: Uint8Array | undefined;
  /** The DbiResourceId of the DB instance the data came from: the encryption context's value. */
  readonly dbiResourceId: string;
  /** The stored bytes: ciphertext under the data key, or the data itself when not encrypted. */
  readonly data: Uint8Array;
}

/** A DB instance. */
export interface DbInstance {
  readonly id: string;
  readonly dbiResourceId: string;
  readonly engine: string;
  readonly instanceClass: string;
  readonly allocatedStorage: number;
  readonly createTime: Date;
  readonly storage: DbStorage;
}

/** A DB snapshot (manual, or a copy). */
export interface DbSnapshot {
  readonly id: string;
  readonly instanceId: string;
  readonly engine: string;
  readonly allocatedStorage: number;
  readonly instanceCreateTime: Date;
  readonly createTime: Date;
  readonly originalCreateTime: Date;
  /** For a copy: the source snapshot's ARN and (across Regions) its Region. */
  readonly sourceArn: string | undefined;
  readonly sourceRegion: string | undefined;
  readonly storage: DbStorage;
}

interface RdsRegion {
  readonly instances: Map<string, DbInstance>;
  readonly snapshots: Map<string, DbSnapshot>;
}

/** The DB instances and snapshots of a Region. */
export function rdsRegion(core: SimCore, region: string): RdsRegion {
  return serviceState(core, 'rds', () => new PerRegion<RdsRegion>(() => ({ instances: new Map(), snapshots: new Map() }))).in(region);
}

/** The AWS managed key RDS uses when StorageEncrypted names no key. */
export const DEFAULT_RDS_KEY = 'alias/aws/rds';

/** The data key length RDS (over EBS) asks for: 64 bytes, an AES-256-XTS key pair. */
export const DATA_KEY_BYTES = 64;

/** The encryption context of a DB's storage keys. */
export function rdsContext(dbiResourceId: string): Record<string, string> {
  return { 'aws:rds:db-id': dbiResourceId };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A DbiResourceId: `db-` and 26 uppercase letters and digits (`db-CQYSMDPBRZ7BPMH7Y3RTDG5QY`). */
export function dbiResourceId(): string {
  let id = 'db-';
  for (let i = 0; i < 26; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

/** A DB instance's ARN. */
export function instanceArn(ctx: Pick<ServiceContext, 'core'>, region: string, id: string): string {
  return `arn:aws:rds:${region}:${ctx.core.accountId}:db:${id}`;
}

/** A DB snapshot's ARN. */
export function snapshotArn(ctx: Pick<ServiceContext, 'core'>, region: string, id: string): string {
  return `arn:aws:rds:${region}:${ctx.core.accountId}:snapshot:${id}`;
}

/**
 * Checks an RDS identifier (DBInstanceIdentifier, DBSnapshotIdentifier, …) and returns it as RDS
 * stores it: in lowercase.
 */
export function identifier(member: string, value: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9-]{0,254}$/.test(value) || value.endsWith('-') || value.includes('--'))
    throw new ServiceError(
      'InvalidParameterValue',
      `The parameter ${member} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  return value.toLowerCase();
}

/** DBInstanceNotFound, in RDS's words. */
export function instanceNotFound(id: string): ServiceError {
  return new ServiceError('DBInstanceNotFound', `DBInstance ${id} not found.`);
}

/** DBSnapshotNotFound, in RDS's words. */
export function snapshotNotFound(id: string): ServiceError {
  return new ServiceError('DBSnapshotNotFound', `DBSnapshot ${id} not found.`);
}

/**
 * KMSKeyNotAccessibleFault, as RDS words it for the key it could not use (`which`: "Specified",
 * "The source snapshot", "The target").
 */
export function keyNotAccessible(which: 'Specified' | 'The source snapshot' | 'The target', key: string): ServiceError {
  return new ServiceError('KMSKeyNotAccessibleFault', `${which} KMS key [${key}] does not exist, is not enabled or you do not have permissions to access it.`);
}

/** The output of a KMS call, or the service's error for it. */
export function kmsOr<N extends Parameters<ServiceContext['kms']>[0]>(result: KmsCallResult<N>, error: () => ServiceError) {
  if (!result.ok) throw error();
  return result.output;
}

// Fidelity: EBS encrypts each sector with AES-256-XTS under the volume's 64-byte data key; the
// sandbox's "database files" are a few sectors of text encrypted the same way (the sector number
// is the tweak), enough to show real bytes moving under real keys. No database engine runs.
const SECTOR = 512;

function tweak(sector: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32LE(sector, 0);
  return iv;
}

function xts(encrypt: boolean, key: Uint8Array, data: Uint8Array): Uint8Array {
  const out: Buffer[] = [];
  for (let offset = 0, sector = 0; offset < data.byteLength; offset += SECTOR, sector += 1) {
    const chunk = data.subarray(offset, offset + SECTOR);
    const cipher = encrypt ? createCipheriv('aes-256-xts', key, tweak(sector)) : createDecipheriv('aes-256-xts', key, tweak(sector));
    out.push(cipher.update(chunk), cipher.final());
  }
  return Buffer.concat(out);
}

/** The initial "database files" of a new instance: whole sectors of text. */
export function initialData(id: string, engine: string, created: Date): Uint8Array {
  const text = `${engine} data files of DB instance ${id}, created ${created.toISOString()}\n`;
  const data = Buffer.alloc(SECTOR * 2, ' ');
  data.write(text);
  return data;
}

/** Encrypts storage bytes under a plaintext data key. */
export function sealData(dataKey: Uint8Array, data: Uint8Array): Uint8Array {
  return xts(true, dataKey, data);
}

/** Decrypts storage bytes with a plaintext data key. */
export function openData(dataKey: Uint8Array, data: Uint8Array): Uint8Array {
  return xts(false, dataKey, data);
}

/**
 * Makes encrypted storage under a KMS key in a Region: a new data key (GenerateDataKeyWithoutPlaintext),
 * which the host then has KMS Decrypt (as EBS does when a volume is attached) to write `data`.
 * `onKeyError` names the key in RDS's refusal.
 */
export function encryptedStorage(
  ctx: ServiceContext,
  region: string,
  keyId: string,
  dbi: string,
  data: Uint8Array,
  onKeyError: () => ServiceError,
): DbStorage {
  const made = kmsOr(ctx.kms('GenerateDataKeyWithoutPlaintext', { KeyId: keyId, NumberOfBytes: DATA_KEY_BYTES, EncryptionContext: rdsContext(dbi) }, region), onKeyError);
  const opened = kmsOr(ctx.kms('Decrypt', { CiphertextBlob: made.CiphertextBlob, EncryptionContext: rdsContext(dbi) }, region), onKeyError);
  const dataKey = opened.Plaintext ?? new Uint8Array();
  try {
    return { kmsKeyArn: made.KeyId, encryptedDataKey: made.CiphertextBlob, dbiResourceId: dbi, data: sealData(dataKey, data) };
  } finally {
    dataKey.fill(0);
  }
}

/** The bytes of storage in the clear: an encrypted one's data key is decrypted by KMS in `region`. */
export function readStorage(ctx: ServiceContext, region: string, storage: DbStorage, onKeyError: () => ServiceError): Uint8Array {
  if (!storage.encryptedDataKey) return storage.data;
  const opened = kmsOr(ctx.kms('Decrypt', { CiphertextBlob: storage.encryptedDataKey, EncryptionContext: rdsContext(storage.dbiResourceId) }, region), onKeyError);
  const dataKey = opened.Plaintext ?? new Uint8Array();
  try {
    return openData(dataKey, storage.data);
  } finally {
    dataKey.fill(0);
  }
}

/** The DBInstance structure RDS returns. */
export function instanceView(ctx: ServiceContext, region: string, db: DbInstance): Record<string, unknown> {
  return {
    DBInstanceIdentifier: db.id,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    // Fidelity: a new instance is available at once (AWS: "creating" for some minutes).
    DBInstanceStatus: 'available',
    AllocatedStorage: db.allocatedStorage,
    InstanceCreateTime: db.createTime,
    StorageType: 'gp2',
    StorageEncrypted: db.storage.kmsKeyArn !== undefined,
    ...(db.storage.kmsKeyArn ? { KmsKeyId: db.storage.kmsKeyArn } : {}),
    DbiResourceId: db.dbiResourceId,
    DBInstanceArn: instanceArn(ctx, region, db.id),
  };
}

/** The DBSnapshot structure RDS returns. */
export function snapshotView(ctx: ServiceContext, region: string, snapshot: DbSnapshot): Record<string, unknown> {
  return {
    DBSnapshotIdentifier: snapshot.id,
    DBInstanceIdentifier: snapshot.instanceId,
    SnapshotCreateTime: snapshot.createTime,
    Engine: snapshot.engine,
    AllocatedStorage: snapshot.allocatedStorage,
    // Fidelity: snapshots and copies are available at once (AWS: "creating" / "pending", then "copying").
    Status: 'available',
    InstanceCreateTime: snapshot.instanceCreateTime,
    SnapshotType: 'manual',
    PercentProgress: 100,
    ...(snapshot.sourceRegion ? { SourceRegion: snapshot.sourceRegion } : {}),
    ...(snapshot.sourceArn ? { SourceDBSnapshotIdentifier: snapshot.sourceArn } : {}),
    StorageType: 'gp2',
    Encrypted: snapshot.storage.kmsKeyArn !== undefined,
    ...(snapshot.storage.kmsKeyArn ? { KmsKeyId: snapshot.storage.kmsKeyArn } : {}),
    DBSnapshotArn: snapshotArn(ctx, region, snapshot.id),
    DbiResourceId: snapshot.storage.dbiResourceId,
    OriginalSnapshotCreateTime: snapshot.originalCreateTime,
    SnapshotTarget: 'region',
  };
}
