import { ServiceError, type ServiceContext } from '../service.js';
import { openBlocks, sealBlocks } from './ebs-blocks.js';
import { AWS_MANAGED_EBS_ALIAS, type EbsBlocks, type EbsEncryption, type EbsRegion } from './ebs-state.js';

/**
 * The data key length EBS asks KMS for (`numberOfBytes: 64` in CloudTrail's GenerateDataKeyWithoutPlaintext).
 * https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2two.html
 */
export const EBS_DATA_KEY_BYTES = 64;

/** The encryption context EBS gives KMS: `{"aws:ebs:id": <volume or snapshot id>}`. */
export function ebsContext(contextId: string): Record<string, string> {
  return { 'aws:ebs:id': contextId };
}

/** The key EC2 uses when none is given: the Region's default KMS key for EBS (aws/ebs unless modified). */
export function defaultKeyId(state: EbsRegion): string {
  return state.defaultKmsKeyArn ?? AWS_MANAGED_EBS_ALIAS;
}

const ARN_REGION = /^arn:aws:kms:([a-z0-9-]+):/;

/**
 * Refuses a KMS key ARN (or alias ARN) of another Region: KMS keys never leave their Region, so a
 * volume or snapshot in `region` must be encrypted under a key of `region`.
 */
export function refuseKeyOutsideRegion(keyId: string | undefined, region: string): void {
  const keyRegion = keyId === undefined ? undefined : ARN_REGION.exec(keyId)?.[1];
  if (keyRegion === undefined || keyRegion === region) return;
  // Fidelity: no verbatim AWS error for this case was found; EC2's InvalidParameterValue is the
  // code its docs give for "a value that is not valid", and the KMS key "must exist in the
  // destination Region" (CopyImage). AWS may instead accept the call and fail the copy later.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html
  throw new ServiceError(
    'InvalidParameterValue',
    `The KMS key ${keyId} is in ${keyRegion}, not in ${region}. KMS keys cannot be used outside their Region: name a KMS key in ${region}.`,
  );
}

/**
 * Turns a failed KMS call of EBS into EC2's error, carrying KMS's message (the `cause` EC2 reports,
 * e.g. "arn:aws:kms:…:key/… is disabled.").
 */
export function kmsFailure(error: { readonly code: string; readonly message: string }): ServiceError {
  // Fidelity: AWS creates the volume or snapshot copy and fails it afterwards (an "EBS Volume
  // Notification" or "EBS Snapshot Notification" event with result "failed" and this cause); the
  // sandbox fails the call itself, with the code EC2 reports for an unusable key
  // (Client.InvalidKMSKey.InvalidState when an instance's encrypted volume cannot be created).
  // https://docs.aws.amazon.com/ebs/latest/userguide/ebs-cloud-watch-events.html
  if (error.code === 'InvalidKeyUsageException')
    return new ServiceError('InvalidParameterValue', `Amazon EBS supports only symmetric encryption KMS keys: ${error.message}`);
  if (error.code === 'KeyUnavailableException' || error.code === 'DependencyTimeoutException' || error.code === 'KMSInternalException')
    return new ServiceError('InternalError', `An internal error has occurred: ${error.message}`);
  return new ServiceError('InvalidKMSKey.InvalidState', error.message);
}

/**
 * Makes a new data key for a volume or snapshot: GenerateDataKeyWithoutPlaintext with the key as
 * the caller named it and the `aws:ebs:id` context, in the resource's Region.
 */
export function newDataKey(ctx: ServiceContext, keyId: string, contextId: string, region: string): EbsEncryption {
  const made = ctx.kms('GenerateDataKeyWithoutPlaintext', { KeyId: keyId, NumberOfBytes: EBS_DATA_KEY_BYTES, EncryptionContext: ebsContext(contextId) }, region);
  if (!made.ok) throw kmsFailure(made.error);
  return { keyArn: made.output.KeyId, region, encryptedDataKey: made.output.CiphertextBlob, contextId };
}

/**
 * Decrypts a data key with KMS (in the key's Region, with its context), lends the plaintext to
 * `use`, and wipes it afterwards: the plaintext data key is never kept.
 */
export function withDataKey<T>(ctx: ServiceContext, encryption: EbsEncryption, use: (dataKey: Uint8Array) => T): T {
  const opened = ctx.kms('Decrypt', { CiphertextBlob: encryption.encryptedDataKey, EncryptionContext: ebsContext(encryption.contextId) }, encryption.region);
  if (!opened.ok) throw kmsFailure(opened.error);
  const dataKey = opened.output.Plaintext;
  try {
    return use(dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/** The plaintext of a volume's or snapshot's blocks (decrypting its data key when encrypted). */
export function readBlocks(ctx: ServiceContext, encryption: EbsEncryption | undefined, blocks: EbsBlocks): EbsBlocks {
  if (!encryption) return blocks;
  return withDataKey(ctx, encryption, (dataKey) => openBlocks(dataKey, encryption.contextId, blocks));
}

/** Encrypts plaintext blocks under a new data key made under `keyId` with context `contextId`. */
export function encryptUnderNewKey(
  ctx: ServiceContext,
  keyId: string,
  contextId: string,
  region: string,
  plaintext: EbsBlocks,
): { encryption: EbsEncryption; blocks: EbsBlocks } {
  const encryption = newDataKey(ctx, keyId, contextId, region);
  const blocks = withDataKey(ctx, encryption, (dataKey) => sealBlocks(dataKey, contextId, plaintext));
  return { encryption, blocks };
}
