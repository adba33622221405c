import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConsoleSession, type ConsoleResult } from '../../../src/engine/console/console-session.js';
import { renderError } from '../../../src/engine/console/format.js';
import type { AuditRecord, Sandbox, ServiceOutcome } from '../../../src/sim/index.js';
import { initialData, openData, sealData } from '../../../src/sim/services/rds/db-store.js';
import { createTestAlias, createTestKey, expectOk, OTHER_REGION, REGION, scheduleTestKeyDeletion, testSandbox } from '../../helpers/sim.js';

const DESTINATION = OTHER_REGION;

function rds(sandbox: Sandbox, operation: string, input: Record<string, unknown>, region = REGION): ServiceOutcome {
  return sandbox.callService(region, sandbox.admin, 'rds', operation, input);
}

function ok(outcome: ServiceOutcome): Record<string, unknown> {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output;
}

function failed(outcome: ServiceOutcome, code: string, message?: string): string {
  if (outcome.ok) expect.fail(`expected ${code}, got ${JSON.stringify(outcome.output)}`);
  expect(outcome.error.code, outcome.error.message).toBe(code);
  if (message !== undefined) expect(outcome.error.message).toBe(message);
  return outcome.error.message;
}

interface DbInstance {
  DBInstanceIdentifier: string;
  StorageEncrypted: boolean;
  KmsKeyId?: string;
  DbiResourceId: string;
  DBInstanceArn: string;
}

interface DbSnapshot {
  DBSnapshotIdentifier: string;
  DBInstanceIdentifier: string;
  Encrypted: boolean;
  KmsKeyId?: string;
  DBSnapshotArn: string;
  DbiResourceId: string;
  SourceRegion?: string;
  SourceDBSnapshotIdentifier?: string;
}

function createInstance(sandbox: Sandbox, id: string, extra: Record<string, unknown> = { StorageEncrypted: true }, region = REGION): DbInstance {
  const out = ok(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: id, DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, ...extra }, region));
  return out.DBInstance as DbInstance;
}

function snapshot(sandbox: Sandbox, id: string, instance: string, region = REGION): DbSnapshot {
  return ok(rds(sandbox, 'CreateDBSnapshot', { DBSnapshotIdentifier: id, DBInstanceIdentifier: instance }, region)).DBSnapshot as DbSnapshot;
}

function since(sandbox: Sandbox, from: number): AuditRecord[] {
  return sandbox.audit.items.slice(from);
}

function kmsCalls(records: readonly AuditRecord[]): AuditRecord[] {
  return records.filter((r) => r.eventSource === 'kms.amazonaws.com');
}

const summary = (r: AuditRecord) => `${r.awsRegion} ${r.eventSource} ${r.eventName}`;

describe('RDS CreateDBInstance', () => {
  it('encrypts storage under aws/rds by default: a 64-byte data key with the aws:rds:db-id context, decrypted to write', () => {
    const sandbox = testSandbox();
    const from = sandbox.audit.size;
    const db = createInstance(sandbox, 'MyDb');
    expect(db.DBInstanceIdentifier).toBe('mydb');
    expect(db.DbiResourceId).toMatch(/^db-[A-Z0-9]{26}$/);
    expect(db.DBInstanceArn).toBe(`arn:aws:rds:${REGION}:${sandbox.accountId}:db:mydb`);
    const managed = sandbox.keys(REGION).find((k) => k.aliases.includes('alias/aws/rds'));
    expect(managed?.keyManager).toBe('AWS');
    expect(db).toMatchObject({ StorageEncrypted: true, KmsKeyId: managed?.arn });
    const records = since(sandbox, from);
    expect(records.map(summary)).toEqual([
      `${REGION} kms.amazonaws.com GenerateDataKeyWithoutPlaintext`,
      `${REGION} kms.amazonaws.com Decrypt`,
      `${REGION} rds.amazonaws.com CreateDBInstance`,
    ]);
    const [generate, decrypt] = records as [AuditRecord, AuditRecord];
    expect(generate.userIdentity.invokedBy).toBe('rds.amazonaws.com');
    expect(generate.requestParameters).toMatchObject({ keyId: 'alias/aws/rds', numberOfBytes: 64, encryptionContext: { 'aws:rds:db-id': db.DbiResourceId } });
    expect(decrypt.userIdentity.invokedBy).toBe('rds.amazonaws.com');
    expect(decrypt.requestParameters?.encryptionContext).toEqual({ 'aws:rds:db-id': db.DbiResourceId });
  });

  it('uses a customer managed key named by alias, and shows its ARN', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    createTestAlias(sandbox, key, 'alias/db');
    const db = createInstance(sandbox, 'db1', { StorageEncrypted: true, KmsKeyId: 'alias/db' });
    expect(db.KmsKeyId).toBe(key.arn);
    const described = ok(rds(sandbox, 'DescribeDBInstances', { DBInstanceIdentifier: 'db1' })).DBInstances as DbInstance[];
    expect(described).toEqual([db]);
  });

  it('makes unencrypted storage without KMS, and refuses a KmsKeyId without StorageEncrypted', () => {
    const sandbox = testSandbox();
    const from = sandbox.audit.size;
    const db = createInstance(sandbox, 'plain', {});
    expect(db.StorageEncrypted).toBe(false);
    expect(db).not.toHaveProperty('KmsKeyId');
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    failed(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'x', DBInstanceClass: 'db.t3.micro', Engine: 'mysql', KmsKeyId: 'alias/aws/rds' }), 'InvalidParameterCombination');
  });

  it('refuses a key it cannot use with KMSKeyNotAccessibleFault, and creates nothing', () => {
    const sandbox = testSandbox();
    const key = createTestKey(sandbox);
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: key.keyId }));
    failed(
      rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'db1', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', StorageEncrypted: true, KmsKeyId: key.arn }),
      'KMSKeyNotAccessibleFault',
      `Specified KMS key [${key.arn}] does not exist, is not enabled or you do not have permissions to access it.`,
    );
    failed(rds(sandbox, 'DescribeDBInstances', { DBInstanceIdentifier: 'db1' }), 'DBInstanceNotFound', 'DBInstance db1 not found.');
  });

  it("refuses another service's AWS managed key (aws/ssm): KMSKeyNotAccessibleFault", () => {
    const sandbox = testSandbox();
    failed(
      rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'db1', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', StorageEncrypted: true, KmsKeyId: 'alias/aws/ssm' }),
      'KMSKeyNotAccessibleFault',
      'Specified KMS key [alias/aws/ssm] does not exist, is not enabled or you do not have permissions to access it.',
    );
  });

  it('refuses duplicate and malformed identifiers and unknown engines', () => {
    const sandbox = testSandbox();
    createInstance(sandbox, 'db1');
    failed(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'DB1', DBInstanceClass: 'db.t3.micro', Engine: 'postgres' }), 'DBInstanceAlreadyExists', 'DB instance already exists');
    expect(failed(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: '1db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres' }), 'InvalidParameterValue')).toContain(
      'The parameter DBInstanceIdentifier is not a valid identifier.',
    );
    failed(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'a--b', DBInstanceClass: 'db.t3.micro', Engine: 'postgres' }), 'InvalidParameterValue');
    failed(rds(sandbox, 'CreateDBInstance', { DBInstanceIdentifier: 'db2', DBInstanceClass: 'db.t3.micro', Engine: 'nosql' }), 'InvalidParameterValue', 'Invalid DB engine: nosql');
  });
});

describe('RDS CreateDBSnapshot and DescribeDBSnapshots', () => {
  it("keeps the instance's key and data key: no KMS call", () => {
    const sandbox = testSandbox();
    const db = createInstance(sandbox, 'db1');
    const from = sandbox.audit.size;
    const snap = snapshot(sandbox, 'Snap1', 'db1');
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    expect(snap).toMatchObject({ DBSnapshotIdentifier: 'snap1', DBInstanceIdentifier: 'db1', Encrypted: true, KmsKeyId: db.KmsKeyId, DbiResourceId: db.DbiResourceId });
    expect(snap.DBSnapshotArn).toBe(`arn:aws:rds:${REGION}:${sandbox.accountId}:snapshot:snap1`);
    expect(ok(rds(sandbox, 'DescribeDBSnapshots', { DBSnapshotIdentifier: 'snap1' })).DBSnapshots).toEqual([snap]);
    expect(ok(rds(sandbox, 'DescribeDBSnapshots', { DBInstanceIdentifier: 'db1' })).DBSnapshots).toEqual([snap]);
    expect(rds(sandbox, 'CreateDBSnapshot', { DBSnapshotIdentifier: 'snap1', DBInstanceIdentifier: 'db1' })).toMatchObject({
      ok: false,
      error: { code: 'DBSnapshotAlreadyExists', message: 'Cannot create the snapshot because a snapshot with the identifier snap1 already exists.' },
    });
  });

  it('reports unknown instances and snapshots', () => {
    const sandbox = testSandbox();
    failed(rds(sandbox, 'CreateDBSnapshot', { DBSnapshotIdentifier: 's', DBInstanceIdentifier: 'nope' }), 'DBInstanceNotFound', 'DBInstance nope not found.');
    failed(rds(sandbox, 'DescribeDBSnapshots', { DBSnapshotIdentifier: 'nope' }), 'DBSnapshotNotFound', 'DBSnapshot nope not found.');
  });
});

describe('RDS CopyDBSnapshot across Regions', () => {
  function setUp() {
    const sandbox = testSandbox();
    const sourceKey = createTestKey(sandbox, REGION, 'source');
    const destinationKey = createTestKey(sandbox, DESTINATION, 'destination');
    const db = createInstance(sandbox, 'db1', { StorageEncrypted: true, KmsKeyId: sourceKey.keyId });
    const snap = snapshot(sandbox, 'snap1', 'db1');
    return { sandbox, sourceKey, destinationKey, db, snap };
  }

  it('needs a key of the destination Region for an encrypted snapshot', () => {
    const { sandbox, snap } = setUp();
    const from = sandbox.audit.size;
    failed(
      rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', SourceRegion: REGION }, DESTINATION),
      'InvalidParameterValue',
      'Must specify new KMS key for cross region encrypted snapshot copy.',
    );
    const records = since(sandbox, from);
    expect(kmsCalls(records)).toEqual([]);
    expect(records.map(summary)).toEqual([`${DESTINATION} rds.amazonaws.com CopyDBSnapshot`]);
    expect(records[0]?.errorCode).toBe('InvalidParameterValue');
  });

  it('decrypts the data key in the source Region and makes a new one under the destination key', () => {
    const { sandbox, destinationKey, db, snap } = setUp();
    const from = sandbox.audit.size;
    const copy = ok(
      rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'Copy1', KmsKeyId: destinationKey.keyId, SourceRegion: REGION }, DESTINATION),
    ).DBSnapshot as DbSnapshot;
    expect(copy).toMatchObject({
      DBSnapshotIdentifier: 'copy1',
      DBInstanceIdentifier: 'db1',
      Encrypted: true,
      KmsKeyId: destinationKey.arn,
      SourceRegion: REGION,
      SourceDBSnapshotIdentifier: snap.DBSnapshotArn,
      DbiResourceId: db.DbiResourceId,
      DBSnapshotArn: `arn:aws:rds:${DESTINATION}:${sandbox.accountId}:snapshot:copy1`,
    });
    const records = since(sandbox, from);
    expect(records.map(summary)).toEqual([
      `${REGION} kms.amazonaws.com Decrypt`,
      `${DESTINATION} kms.amazonaws.com GenerateDataKeyWithoutPlaintext`,
      `${DESTINATION} kms.amazonaws.com Decrypt`,
      `${DESTINATION} rds.amazonaws.com CopyDBSnapshot`,
    ]);
    const context = { 'aws:rds:db-id': db.DbiResourceId };
    for (const record of kmsCalls(records)) {
      expect(record.userIdentity.invokedBy).toBe('rds.amazonaws.com');
      expect(record.requestParameters?.encryptionContext).toEqual(context);
    }
    expect(records[0]?.resources?.[0]?.ARN).toBe(db.KmsKeyId);
    expect(records[1]?.requestParameters).toMatchObject({ keyId: destinationKey.keyId, numberOfBytes: 64 });
    expect(records[1]?.resources?.[0]?.ARN).toBe(destinationKey.arn);
    expect(ok(rds(sandbox, 'DescribeDBSnapshots', {}, DESTINATION)).DBSnapshots).toEqual([copy]);
  });

  it('re-encrypts the data: the copy can be copied on, and read, under the destination key alone', () => {
    const { sandbox, sourceKey, destinationKey, snap } = setUp();
    const copy = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: destinationKey.arn }, DESTINATION))
      .DBSnapshot as DbSnapshot;
    // With the source key gone, the copy in the destination still re-encrypts (its data key is under the destination key).
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: sourceKey.keyId }));
    const other = createTestKey(sandbox, DESTINATION, 'other');
    const from = sandbox.audit.size;
    ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: 'copy1', TargetDBSnapshotIdentifier: 'copy2', KmsKeyId: other.keyId }, DESTINATION));
    const records = kmsCalls(since(sandbox, from));
    expect(records.map((r) => `${r.awsRegion} ${r.eventName} ${r.resources?.[0]?.ARN}`)).toEqual([
      `${DESTINATION} Decrypt ${destinationKey.arn}`,
      `${DESTINATION} GenerateDataKeyWithoutPlaintext ${other.arn}`,
      `${DESTINATION} Decrypt ${other.arn}`,
    ]);
    expect(copy.KmsKeyId).toBe(destinationKey.arn);
  });

  it('refuses the source key (a key of another Region) as the destination key: KMSKeyNotAccessibleFault', () => {
    const { sandbox, sourceKey, snap } = setUp();
    failed(
      rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: sourceKey.arn }, DESTINATION),
      'KMSKeyNotAccessibleFault',
      `The target KMS key [${sourceKey.arn}] does not exist, is not enabled or you do not have permissions to access it.`,
    );
    failed(rds(sandbox, 'DescribeDBSnapshots', { DBSnapshotIdentifier: 'copy1' }, DESTINATION), 'DBSnapshotNotFound');
  });

  it('refuses a disabled or deleting destination key, and a disabled source key', () => {
    const { sandbox, sourceKey, destinationKey, snap } = setUp();
    expectOk(sandbox.call(DESTINATION, sandbox.admin, 'DisableKey', { KeyId: destinationKey.keyId }));
    failed(
      rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: destinationKey.keyId }, DESTINATION),
      'KMSKeyNotAccessibleFault',
      `The target KMS key [${destinationKey.keyId}] does not exist, is not enabled or you do not have permissions to access it.`,
    );
    const doomed = createTestKey(sandbox, DESTINATION);
    scheduleTestKeyDeletion(sandbox, doomed, 7, DESTINATION);
    failed(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: doomed.arn }, DESTINATION), 'KMSKeyNotAccessibleFault');
    expectOk(sandbox.call(REGION, sandbox.admin, 'DisableKey', { KeyId: sourceKey.keyId }));
    const good = createTestKey(sandbox, DESTINATION);
    failed(
      rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: good.keyId }, DESTINATION),
      'KMSKeyNotAccessibleFault',
      `The source snapshot KMS key [${sourceKey.arn}] does not exist, is not enabled or you do not have permissions to access it.`,
    );
  });

  it('copies a snapshot under aws/rds across Regions with a destination key (aws/rds of each Region is its own key)', () => {
    const sandbox = testSandbox();
    createInstance(sandbox, 'db1');
    const snap = snapshot(sandbox, 'snap1', 'db1');
    const copy = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: 'alias/aws/rds' }, DESTINATION))
      .DBSnapshot as DbSnapshot;
    const destinationManaged = sandbox.keys(DESTINATION).find((k) => k.aliases.includes('alias/aws/rds'));
    expect(copy.KmsKeyId).toBe(destinationManaged?.arn);
    expect(copy.KmsKeyId).not.toBe(snap.KmsKeyId);
  });

  it('copies an unencrypted snapshot as it is, or encrypted when given a key', () => {
    const sandbox = testSandbox();
    createInstance(sandbox, 'plain', {});
    const snap = snapshot(sandbox, 'snap1', 'plain');
    const from = sandbox.audit.size;
    const copy = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy1' }, DESTINATION)).DBSnapshot as DbSnapshot;
    expect(copy.Encrypted).toBe(false);
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    const key = createTestKey(sandbox, DESTINATION);
    const mid = sandbox.audit.size;
    const encrypted = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: snap.DBSnapshotArn, TargetDBSnapshotIdentifier: 'copy2', KmsKeyId: key.keyId }, DESTINATION))
      .DBSnapshot as DbSnapshot;
    expect(encrypted).toMatchObject({ Encrypted: true, KmsKeyId: key.arn });
    expect(kmsCalls(since(sandbox, mid)).map((r) => `${r.awsRegion} ${r.eventName}`)).toEqual([`${DESTINATION} GenerateDataKeyWithoutPlaintext`, `${DESTINATION} Decrypt`]);
  });

  it('finds the source by ARN only: a bare identifier names a snapshot of the destination Region', () => {
    const { sandbox, destinationKey } = setUp();
    failed(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: 'snap1', TargetDBSnapshotIdentifier: 'copy1', KmsKeyId: destinationKey.keyId }, DESTINATION), 'DBSnapshotNotFound', 'DBSnapshot snap1 not found.');
  });
});

describe('RDS CopyDBSnapshot within a Region', () => {
  it('keeps the source key and data key without KmsKeyId (no KMS call)', () => {
    const sandbox = testSandbox();
    const db = createInstance(sandbox, 'db1');
    snapshot(sandbox, 'snap1', 'db1');
    const from = sandbox.audit.size;
    const copy = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: 'snap1', TargetDBSnapshotIdentifier: 'copy1' })).DBSnapshot as DbSnapshot;
    expect(kmsCalls(since(sandbox, from))).toEqual([]);
    expect(copy).toMatchObject({ Encrypted: true, KmsKeyId: db.KmsKeyId });
    expect(copy).not.toHaveProperty('SourceRegion');
    failed(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: 'snap1', TargetDBSnapshotIdentifier: 'copy1' }), 'DBSnapshotAlreadyExists');
  });

  it('changes the key of an encrypted DB: copy with a new KmsKeyId (Decrypt, then a new data key)', () => {
    const sandbox = testSandbox();
    const db = createInstance(sandbox, 'db1');
    snapshot(sandbox, 'snap1', 'db1');
    const key = createTestKey(sandbox);
    const from = sandbox.audit.size;
    const copy = ok(rds(sandbox, 'CopyDBSnapshot', { SourceDBSnapshotIdentifier: 'snap1', TargetDBSnapshotIdentifier: 'rekeyed', KmsKeyId: key.keyId })).DBSnapshot as DbSnapshot;
    expect(copy.KmsKeyId).toBe(key.arn);
    expect(kmsCalls(since(sandbox, from)).map((r) => `${r.eventName} ${r.resources?.[0]?.ARN}`)).toEqual([
      `Decrypt ${db.KmsKeyId}`,
      `GenerateDataKeyWithoutPlaintext ${key.arn}`,
      `Decrypt ${key.arn}`,
    ]);
  });
});

describe('rds in the console', () => {
  function call(result: ConsoleResult) {
    if (result.kind !== 'call') throw new Error(`expected a call, got ${result.kind}`);
    return result;
  }

  it('copies an encrypted snapshot across Regions as the AWS CLI does', () => {
    const sandbox = testSandbox();
    const session = new ConsoleSession(sandbox);
    call(session.execute('rds create-db-instance --db-instance-identifier db1 --db-instance-class db.t3.micro --engine postgres --allocated-storage 20 --storage-encrypted'));
    const snap = call(session.execute('snap = rds create-db-snapshot --db-snapshot-identifier snap1 --db-instance-identifier db1'));
    expect(snap.outcome.ok).toBe(true);
    const refused = call(
      session.execute(`rds copy-db-snapshot --source-db-snapshot-identifier $snap.DBSnapshot.DBSnapshotArn --target-db-snapshot-identifier copy1 --source-region ${REGION} --region ${DESTINATION}`),
    );
    expect(!refused.outcome.ok && renderError(refused.operation, refused.outcome.error)).toBe(
      'An error occurred (InvalidParameterValue) when calling the CopyDBSnapshot operation: Must specify new KMS key for cross region encrypted snapshot copy.',
    );
    call(session.execute(`key = kms create-key --region ${DESTINATION}`));
    const copied = call(
      session.execute(
        `rds copy-db-snapshot --source-db-snapshot-identifier $snap.DBSnapshot.DBSnapshotArn --target-db-snapshot-identifier copy1 --kms-key-id $key.KeyMetadata.Arn --source-region ${REGION} --region ${DESTINATION}`,
      ),
    );
    expect(copied.region).toBe(DESTINATION);
    expect(copied.outcome.ok && (copied.outcome.output.DBSnapshot as DbSnapshot).SourceRegion).toBe(REGION);
    const kms = sandbox.audit.items.filter((r) => r.eventSource === 'kms.amazonaws.com' && r.userIdentity.invokedBy === 'rds.amazonaws.com').slice(-3);
    expect(kms.map((r) => `${r.awsRegion} ${r.eventName}`)).toEqual([`${REGION} Decrypt`, `${DESTINATION} GenerateDataKeyWithoutPlaintext`, `${DESTINATION} Decrypt`]);
  });
});

describe('RDS storage crypto (db-store)', () => {
  it('encrypts the database files sector by sector with AES-256-XTS under the 64-byte data key', () => {
    const key = randomBytes(64);
    const data = initialData('db1', 'postgres', new Date(0));
    const sealed = sealData(key, data);
    expect(sealed.byteLength).toBe(data.byteLength);
    expect(Buffer.from(sealed).includes(Buffer.from('data files'))).toBe(false);
    expect(Buffer.from(openData(key, sealed)).toString()).toContain('postgres data files of DB instance db1');
    expect(Buffer.from(openData(randomBytes(64), sealed)).toString()).not.toContain('data files');
  });
});
