import { randomUUID } from 'node:crypto';
import type { SimCore } from '../core.js';
import type { RegionState } from '../regions/region-state.js';
import { aliasArn, KmsKey } from './kms-key.js';
import { automaticRotation } from './rotation.js';

/** A service with an AWS managed key: its alias suffix, what it protects, and its endpoint name. */
interface ManagedKeyService {
  /** `ebs` in `alias/aws/ebs`. */
  readonly alias: string;
  /** The AWS service that may use the key (`kms:ViaService` is `<viaService>.<region>.amazonaws.com`). */
  readonly viaService: string;
  /** What the key protects, in its description. */
  readonly protects: string;
}

/**
 * The predefined AWS managed key aliases the sandbox knows. AWS lists them in ListAliases before
 * their keys exist; KMS creates a key the first time its alias is used.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */
export const AWS_MANAGED_KEY_SERVICES: readonly ManagedKeyService[] = [
  { alias: 'acm', viaService: 'acm', protects: 'ACM private keys' },
  { alias: 'backup', viaService: 'backup', protects: 'backups' },
  { alias: 'dynamodb', viaService: 'dynamodb', protects: 'DynamoDB data' },
  { alias: 'ebs', viaService: 'ec2', protects: 'EBS volumes' },
  { alias: 'elasticfilesystem', viaService: 'elasticfilesystem', protects: 'EFS filesystems' },
  { alias: 'kinesis', viaService: 'kinesis', protects: 'Kinesis data' },
  { alias: 'lambda', viaService: 'lambda', protects: 'Lambda functions' },
  { alias: 'rds', viaService: 'rds', protects: 'RDS database volumes' },
  { alias: 'redshift', viaService: 'redshift', protects: 'Redshift data' },
  { alias: 's3', viaService: 's3', protects: 'S3 objects' },
  { alias: 'secretsmanager', viaService: 'secretsmanager', protects: 'Secrets Manager secrets' },
  { alias: 'sns', viaService: 'sns', protects: 'SNS messages' },
  { alias: 'sqs', viaService: 'sqs', protects: 'SQS messages' },
  { alias: 'ssm', viaService: 'ssm', protects: 'Parameter Store parameters' },
];

const SERVICE_OF_KEY = new WeakMap<KmsKey, ManagedKeyService>();

/** Operations any principal of the account may call on an AWS managed key (its policy's second statement). */
const READ_OPERATIONS = new Set(['DescribeKey', 'GetKeyPolicy', 'ListKeyPolicies', 'ListResourceTags', 'GetKeyRotationStatus', 'ListKeyRotations', 'ListAliases']);
/** Operations its service may call on the caller's behalf (the first statement, with kms:ViaService). */
const SERVICE_OPERATIONS = new Set(['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey']);
/** Rotation calls, which AWS refuses on AWS managed keys as unsupported (their handlers say so). */
const ROTATION_OPERATIONS = new Set(['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand']);

/**
 * Applies an AWS managed key's policy: the account may read its metadata; only its own service
 * (a call with `invokedBy` its endpoint) may use it for cryptography; nobody may manage it.
 * Returns the reason for an AccessDeniedException, or undefined when the call is allowed.
 */
export function awsManagedKeyDenial(key: KmsKey, operation: string, invokedBy: string | undefined, principalArn: string): string | undefined {
  if (key.keyManager !== 'AWS' || READ_OPERATIONS.has(operation) || ROTATION_OPERATIONS.has(operation)) return undefined;
  const service = SERVICE_OF_KEY.get(key);
  if (SERVICE_OPERATIONS.has(operation) && service && invokedBy === `${service.viaService}.amazonaws.com`) return undefined;
  return `User: ${principalArn} is not authorized to perform: kms:${operation} on resource: ${key.arn} because no resource-based policy allows the kms:${operation} action`;
}

/** AWS managed keys rotate every year (since May 2022); that cannot be changed. */
export const AWS_MANAGED_ROTATION_DAYS = 365;

/** The predefined AWS managed key service an alias name (or alias ARN) names, if any. */
export function awsManagedService(aliasText: string): ManagedKeyService | undefined {
  const name = aliasText.startsWith('arn:') ? aliasText.slice(aliasText.indexOf(':alias/') + 1) : aliasText;
  if (!name.startsWith('alias/aws/')) return undefined;
  return AWS_MANAGED_KEY_SERVICES.find((s) => `alias/aws/${s.alias}` === name);
}

/**
 * The AWS managed key policy: principals of the account may use the key only through its service
 * (`kms:ViaService`), and may read its metadata directly.
 */
export function awsManagedKeyPolicy(accountId: string, region: string, service: ManagedKeyService): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: `auto-${service.alias}-2`,
      Statement: [
        {
          Sid: `Allow access through ${service.protects.split(' ')[0]} for all principals in the account that are authorized to use it`,
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': `${service.viaService}.${region}.amazonaws.com` } },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

/**
 * Creates the AWS managed key behind a predefined alias, if it does not exist yet: KeyManager AWS,
 * yearly rotation, the AWS managed key policy, and the alias pointing at it.
 */
export function ensureAwsManagedKey(core: SimCore, region: RegionState, service: ManagedKeyService): KmsKey {
  const aliasName = `alias/aws/${service.alias}`;
  const existing = region.aliases.get(aliasName);
  const existingKey = existing && region.keys.get(existing.targetKeyId);
  if (existingKey) return existingKey;
  const now = core.clock.now();
  const key = new KmsKey({
    keyId: randomUUID(),
    region: region.name,
    accountId: core.accountId,
    creationDate: now,
    description: `Default key that protects my ${service.protects} when no other key is defined`,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    multiRegion: false,
    policy: awsManagedKeyPolicy(core.accountId, region.name, service),
    tags: new Map(),
    clock: core.clock,
    onRotationDue: automaticRotation(core, region),
  });
  const keyMaterialId = region.hsm.generateKeyMaterial(key.keyId);
  key.materials.push({ keyMaterialId, state: 'CURRENT' });
  key.enableRotation(AWS_MANAGED_ROTATION_DAYS);
  SERVICE_OF_KEY.set(key, service);
  region.keys.set(key.keyId, key);
  region.aliases.set(aliasName, { aliasName, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now });
  return key;
}

/** The ARN of a predefined alias in a Region. */
export function awsManagedAliasArn(region: string, accountId: string, service: ManagedKeyService): string {
  return aliasArn(region, accountId, `alias/aws/${service.alias}`);
}
