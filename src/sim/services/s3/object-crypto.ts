import { randomBytes } from 'node:crypto';
import type { Principal } from '../../access/principal.js';
import { dispatch } from '../../api/dispatcher.js';
import type { OperationInput, OperationName } from '../../api/registry.js';
import type { SimCore } from '../../core.js';
import { resolveKey } from '../../keys/resolve-key.js';
import { ServiceError, SERVICE_HOSTS, type KmsCallResult, type ServiceContext } from '../service.js';
import { deriveObjectKey, open, seal, wipe } from './crypto.js';
import { bucketArn, masterKey, objectArn, type Bucket, type CachedBucketKey, type ObjectKeyring, type S3ObjectVersion, type S3State, type SealedBody, type SseAlgorithm } from './state.js';

/** Calls KMS in a Region as S3 on someone's behalf (the caller, or the replication role). */
export type KmsInvoker = <N extends OperationName>(operation: N, input: OperationInput<N>, region: string) => KmsCallResult<N>;

/** The AWS managed key S3 uses when SSE-KMS names no key. */
export const DEFAULT_S3_KEY = 'alias/aws/s3';

/**
 * How long S3 keeps using a Bucket Key (for new objects) or a decrypted Bucket Key (for reads)
 * before asking KMS again: one hour of virtual time.
 */
// Fidelity: AWS says a Bucket Key is "time-limited" and used "for a time-limited period" but does not
// publish the period; the sandbox picks one hour on the virtual clock, so that `clock advance 1h`
// shows the next KMS call. While a Bucket Key is cached, S3 does not call KMS, so disabling the KMS
// key affects new objects only when the cached key expires (AWS also applies a disable with a delay).
export const BUCKET_KEY_LIFETIME_MS = 60 * 60 * 1000;

/** The KMS calls made as the caller, through the service context. */
export function callerInvoker(ctx: ServiceContext): KmsInvoker {
  return (operation, input, region) => ctx.kms(operation, input, region);
}

/**
 * The KMS calls of cross-Region replication, made by S3 as the replication role (an assumed role
 * with the session name `s3-replication`), through the one dispatcher.
 */
// Fidelity: CloudTrail shows replication's KMS calls as the replication role's session; the
// session name AWS uses is not documented (the sandbox uses `s3-replication`).
export function roleInvoker(core: SimCore, roleArn: string): KmsInvoker {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  const accountId = match?.[1] ?? '';
  const roleName = match?.[2] ?? 'unknown';
  const host = SERVICE_HOSTS.s3api;
  const principal: Principal = {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/s3-replication`,
    accountId,
    principalId: `AROA${Buffer.from(roleName).toString('hex').toUpperCase().slice(0, 17).padEnd(17, '0')}:s3-replication`,
    invokedBy: host,
  };
  return ((operation: OperationName, input: unknown, region: string) => {
    const outcome = dispatch(core, region, principal, operation, input, { sourceIPAddress: host, userAgent: host });
    return outcome.ok ? { ok: true, output: outcome.output } : { ok: false, error: outcome.error };
  }) as KmsInvoker;
}

/**
 * A KMS error as S3 reports it: AccessDenied for a denied KMS call, otherwise the KMS error code
 * prefixed with `KMS.` and KMS's own message (`KMS.DisabledException: <key ARN> is disabled.`).
 */
// REPORTED (LocalStack's AWS-validated tests): KMS.DisabledException, KMS.KMSInvalidStateException and
// KMS.NotFoundException carry the KMS message. GUESS: other KMS errors (KMS.InvalidKeyUsageException for
// an asymmetric key, KMS.KeyUnavailableException …) follow the same pattern. AccessDenied carries the KMS
// message as recent S3 responses do (older reports show a bare "Access Denied").
export function s3KmsError(error: { readonly code: string; readonly message: string }): ServiceError {
  if (error.code === 'AccessDeniedException') return new ServiceError('AccessDenied', error.message || 'Access Denied');
  return new ServiceError(`KMS.${error.code}`, error.message);
}

/** What an SSE-KMS or SSE-S3 PutObject needs to encrypt one object. */
export interface EncryptRequest {
  readonly sse: SseAlgorithm;
  /** SSE-KMS: the key as the request (or the bucket default) names it; aws/s3 when absent. */
  readonly kmsKeyId?: string;
  /** SSE-KMS: the caller's extra context pairs. */
  readonly callerContext?: Readonly<Record<string, string>>;
  readonly bucketKeyEnabled: boolean;
}

/** An object encrypted at rest. */
export interface EncryptedObject {
  readonly body: SealedBody;
  readonly keyring: ObjectKeyring;
  readonly kmsKeyArn?: string;
  readonly encryptionContext?: Readonly<Record<string, string>>;
}

/**
 * Encrypts an object's bytes for a bucket. SSE-KMS: a data key from GenerateDataKey (AES_256) with
 * the object's ARN as context, or with a Bucket Key a bucket-level data key (the bucket's ARN as
 * context, one KMS call per lifetime) from which S3 derives the object's key. SSE-S3: a data key
 * under S3's own Region master key, no KMS call. Plaintext keys are wiped after use.
 */
export function encryptObject(core: SimCore, state: S3State, kms: KmsInvoker, bucket: Bucket, key: string, plaintext: Uint8Array, request: EncryptRequest): EncryptedObject {
  const arn = objectArn(bucket.name, key);
  if (request.sse === 'AES256') {
    const dataKey = randomBytes(32);
    try {
      return { body: seal(dataKey, plaintext, arn), keyring: { kind: 'sse-s3', sealedDataKey: seal(masterKey(state, bucket.region), dataKey, arn) } };
    } finally {
      wipe(dataKey);
    }
  }
  const keyId = request.kmsKeyId ?? DEFAULT_S3_KEY;
  if (request.bucketKeyEnabled) {
    const context = { ...request.callerContext, 'aws:s3:arn': bucketArn(bucket.name) };
    const bucketKey = encryptionBucketKey(core, state, kms, bucket, keyId, context);
    const salt = randomBytes(32);
    const objectKey = deriveObjectKey(bucketKey.plaintext, salt, arn);
    try {
      return {
        body: seal(objectKey, plaintext, arn),
        keyring: { kind: 'bucket-key', encryptedBucketKey: bucketKey.encryptedBucketKey, salt },
        kmsKeyArn: bucketKey.kmsKeyArn,
        encryptionContext: context,
      };
    } finally {
      wipe(objectKey);
    }
  }
  const context = { ...request.callerContext, 'aws:s3:arn': arn };
  const result = kms('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }, bucket.region);
  if (!result.ok) throw s3KmsError(result.error);
  const dataKey = result.output.Plaintext;
  try {
    return {
      body: seal(dataKey, plaintext, arn),
      keyring: { kind: 'kms', encryptedDataKey: result.output.CiphertextBlob },
      kmsKeyArn: result.output.KeyId,
      encryptionContext: context,
    };
  } finally {
    wipe(dataKey);
  }
}

/** The Bucket Key for new objects: the cached one while it lives, else a new one from GenerateDataKey. */
function encryptionBucketKey(core: SimCore, state: S3State, kms: KmsInvoker, bucket: Bucket, keyId: string, context: Record<string, string>): CachedBucketKey {
  const now = core.clock.now().getTime();
  // A Bucket Key is shared only among objects under the same KMS key (and context), so the cache
  // is keyed by the key the name resolves to now (an alias may have moved).
  const cacheKey = JSON.stringify([bucket.name, resolvedKeyArn(core, bucket.region, keyId), Object.entries(context).sort()]);
  const cached = state.encryptCache.get(cacheKey);
  if (cached && cached.expiresAt > now) return cached;
  if (cached) wipe(cached.plaintext);
  state.encryptCache.delete(cacheKey);
  const result = kms('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }, bucket.region);
  if (!result.ok) throw s3KmsError(result.error);
  const entry: CachedBucketKey = {
    plaintext: Buffer.from(result.output.Plaintext),
    encryptedBucketKey: result.output.CiphertextBlob,
    kmsKeyArn: result.output.KeyId,
    expiresAt: now + BUCKET_KEY_LIFETIME_MS,
  };
  wipe(result.output.Plaintext);
  state.encryptCache.set(cacheKey, entry);
  return entry;
}

/** The ARN a key name resolves to in a Region now, or the name itself when it does not resolve (KMS will say why). */
function resolvedKeyArn(core: SimCore, region: string, keyId: string): string {
  try {
    return resolveKey(core.region(region), core.accountId, keyId, 'keyOrAlias').arn;
  } catch {
    return keyId;
  }
}

/**
 * Decrypts a stored object: SSE-KMS calls KMS Decrypt with the context it was encrypted under
 * (the object's ARN, or the bucket's ARN for a Bucket Key, whose plaintext S3 then caches for its
 * lifetime); SSE-S3 uses S3's own master key. The caller gets the plaintext body.
 */
export function decryptObject(core: SimCore, state: S3State, kms: KmsInvoker, bucket: Bucket, version: S3ObjectVersion): Buffer {
  const arn = objectArn(bucket.name, version.key);
  const keyring = version.keyring;
  switch (keyring.kind) {
    case 'sse-s3': {
      const dataKey = open(masterKey(state, bucket.region), keyring.sealedDataKey, arn);
      try {
        return open(dataKey, version.body, arn);
      } finally {
        wipe(dataKey);
      }
    }
    case 'kms': {
      const result = kms('Decrypt', { CiphertextBlob: keyring.encryptedDataKey, EncryptionContext: { ...version.encryptionContext } }, bucket.region);
      if (!result.ok) throw s3KmsError(result.error);
      const dataKey = result.output.Plaintext;
      try {
        return open(dataKey, version.body, arn);
      } finally {
        wipe(dataKey);
      }
    }
    case 'bucket-key': {
      const bucketKey = decryptionBucketKey(core, state, kms, bucket, keyring.encryptedBucketKey, version.encryptionContext ?? {});
      const objectKey = deriveObjectKey(bucketKey, keyring.salt, arn);
      try {
        return open(objectKey, version.body, arn);
      } finally {
        wipe(objectKey);
      }
    }
  }
}

function decryptionBucketKey(core: SimCore, state: S3State, kms: KmsInvoker, bucket: Bucket, encrypted: Uint8Array, context: Readonly<Record<string, string>>): Buffer {
  const now = core.clock.now().getTime();
  const cacheKey = `${bucket.region}:${Buffer.from(encrypted).toString('base64')}`;
  const cached = state.decryptCache.get(cacheKey);
  if (cached && cached.expiresAt > now) return cached.plaintext;
  if (cached) wipe(cached.plaintext);
  state.decryptCache.delete(cacheKey);
  const result = kms('Decrypt', { CiphertextBlob: encrypted, EncryptionContext: { ...context } }, bucket.region);
  if (!result.ok) throw s3KmsError(result.error);
  const plaintext = Buffer.from(result.output.Plaintext);
  wipe(result.output.Plaintext);
  state.decryptCache.set(cacheKey, { plaintext, encryptedBucketKey: encrypted, kmsKeyArn: result.output.KeyId, expiresAt: now + BUCKET_KEY_LIFETIME_MS });
  return plaintext;
}
