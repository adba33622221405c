import { boolean, integer, required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError } from '../service.js';
import { dbiResourceId, DEFAULT_RDS_KEY, encryptedStorage, identifier, initialData, instanceView, keyNotAccessible, rdsRegion, type DbInstance } from './db-store.js';

/** The engines the sandbox accepts (AWS's engine names for RDS DB instances). */
const ENGINES = [
  'mysql',
  'mariadb',
  'postgres',
  'oracle-ee',
  'oracle-ee-cdb',
  'oracle-se2',
  'oracle-se2-cdb',
  'sqlserver-ee',
  'sqlserver-se',
  'sqlserver-ex',
  'sqlserver-web',
  'db2-ae',
  'db2-se',
];

/**
 * CreateDBInstance: a DB instance whose storage, when StorageEncrypted, is encrypted under a KMS
 * key (KmsKeyId, or the AWS managed key aws/rds): RDS asks KMS for a data key
 * (GenerateDataKeyWithoutPlaintext) with the context {"aws:rds:db-id": <DbiResourceId>}, and has
 * KMS Decrypt it to write the storage.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
// Fidelity: no database engine runs, and the instance has no network, credentials (MasterUsername,
// MasterUserPassword), parameter or option groups; AllocatedStorage defaults to 20 GiB.
export const createDbInstance = defineServiceOperation({
  service: 'rds',
  name: 'CreateDBInstance',
  summary: 'Create a DB instance; with --storage-encrypted its storage is encrypted under KMS (aws/rds or --kms-key-id).',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html',
  input: {
    DBInstanceIdentifier: required(string('The DB instance name: a letter, then letters, digits and hyphens (stored in lowercase).', { min: 1, max: 63 })),
    DBInstanceClass: required(string('The compute class, e.g. db.t3.micro.', { min: 1 })),
    Engine: required(string(`The database engine: ${ENGINES.join(', ')}.`, { min: 1 })),
    AllocatedStorage: integer('The storage in GiB (20–65536; 20 when omitted).'),
    StorageEncrypted: boolean('Encrypt the storage with KMS (aws/rds unless --kms-key-id names a key).'),
    KmsKeyId: string('The KMS key for encrypted storage: key id, key ARN, alias name or alias ARN.', { min: 1 }),
  },
  handler(ctx, input) {
    const id = identifier('DBInstanceIdentifier', input.DBInstanceIdentifier);
    const region = ctx.region.name;
    const state = rdsRegion(ctx.core, region);
    if (state.instances.has(id)) throw new ServiceError('DBInstanceAlreadyExists', 'DB instance already exists');
    if (!ENGINES.includes(input.Engine)) throw new ServiceError('InvalidParameterValue', `Invalid DB engine: ${input.Engine}`);
    // Fidelity: the wording of the next three refusals is the sandbox's (AWS's texts were not found).
    if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(input.DBInstanceClass)) throw new ServiceError('InvalidParameterValue', `Invalid DB Instance class: ${input.DBInstanceClass}`);
    const storageGiB = input.AllocatedStorage ?? 20;
    if (storageGiB < 20 || storageGiB > 65536)
      throw new ServiceError('InvalidParameterValue', `Invalid storage size for engine name ${input.Engine} and storage type gp2: ${storageGiB}`);
    if (input.KmsKeyId !== undefined && !input.StorageEncrypted)
      throw new ServiceError('InvalidParameterCombination', 'A KMS key can be specified only for an encrypted DB instance: set StorageEncrypted to true.');
    const dbi = dbiResourceId();
    const data = initialData(id, input.Engine, ctx.now);
    const keyId = input.KmsKeyId ?? DEFAULT_RDS_KEY;
    const storage = input.StorageEncrypted
      ? encryptedStorage(ctx, region, keyId, dbi, data, () => keyNotAccessible('Specified', keyId))
      : { kmsKeyArn: undefined, encryptedDataKey: undefined, dbiResourceId: dbi, data };
    const db: DbInstance = { id, dbiResourceId: dbi, engine: input.Engine, instanceClass: input.DBInstanceClass, allocatedStorage: storageGiB, createTime: ctx.now, storage };
    state.instances.set(id, db);
    return { DBInstance: instanceView(ctx, region, db) };
  },
});
