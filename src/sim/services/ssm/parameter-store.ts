import { open, seal } from '../sealing.js';
import type { OperationName, OperationOutput } from '../../api/registry.js';
import type { SimCore } from '../../core.js';
import { ServiceError, type KmsCallResult, type ServiceContext } from '../service.js';
import { PerRegion, serviceState } from '../service-state.js';

/** A parameter's type, as SSM names it. */
export type ParameterType = 'String' | 'StringList' | 'SecureString';
/** A parameter's tier (Intelligent-Tiering picks one of the two when the parameter is written). */
export type ParameterTier = 'Standard' | 'Advanced';

/** How a parameter's value is kept. */
export type StoredValue =
  /** String and StringList values: as given. */
  | { readonly kind: 'plain'; readonly value: string }
  /** A standard SecureString: the KMS ciphertext of the value itself (KMS Encrypt). */
  | { readonly kind: 'kms'; readonly ciphertext: Uint8Array }
  /** An advanced SecureString: the sandbox's envelope (a data key from KMS, AES-256-GCM here). */
  | { readonly kind: 'envelope'; readonly message: Uint8Array };

/** One parameter of Parameter Store, in one Region. */
export interface StoredParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly tier: ParameterTier;
  /** The KMS key a SecureString was encrypted under, as SSM shows it (the caller's text or `alias/aws/ssm`). */
  readonly keyId: string | undefined;
  readonly description: string | undefined;
  readonly version: number;
  readonly lastModifiedDate: Date;
  readonly lastModifiedUser: string;
  readonly value: StoredValue;
  /** The earlier versions, oldest first (each under the key it was encrypted with). */
  readonly previous: readonly StoredParameter[];
}

/** Parameter Store keeps a parameter's last 100 versions (the oldest goes when a new one comes). */
export const MAX_VERSIONS = 100;

/** The parameters of each Region, by name. */
export function parameters(core: SimCore, region: string): Map<string, StoredParameter> {
  return serviceState(core, 'ssm', () => new PerRegion(() => new Map<string, StoredParameter>())).in(region);
}

/** The AWS managed key SSM uses when a SecureString names none. */
export const DEFAULT_SSM_KEY = 'alias/aws/ssm';

/** Standard parameters hold up to 4 KB, advanced ones 8 KB. */
export const STANDARD_VALUE_LIMIT = 4096;
export const ADVANCED_VALUE_LIMIT = 8192;

/**
 * A parameter's ARN: the name's leading slash is dropped (`/app/db` → `parameter/app/db`,
 * `db` → `parameter/db`). It is also the PARAMETER_ARN encryption context of a SecureString.
 * https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html
 */
export function parameterArn(ctx: Pick<ServiceContext, 'core' | 'region'>, name: string): string {
  return `arn:aws:ssm:${ctx.region.name}:${ctx.core.accountId}:parameter/${name.replace(/^\//, '')}`;
}

/** The encryption context Parameter Store uses for a SecureString. */
export function encryptionContext(arn: string): Record<string, string> {
  return { PARAMETER_ARN: arn };
}

const NAME_RULE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/** Checks a name PutParameter is to create, with SSM's ValidationException wording. */
export function checkNewName(name: string): void {
  if (name.includes('/') && !name.startsWith('/')) throw new ServiceError('ValidationException', 'Parameter name must be a fully qualified name.');
  const segments = name.replace(/^\//, '').split('/');
  if (/^(aws|ssm)/i.test(segments[0] ?? '') || segments.some((s) => !/^[a-zA-Z0-9_.-]+$/.test(s))) throw new ServiceError('ValidationException', NAME_RULE);
}

/**
 * The parameter a Name names: its name or its ARN (GetParameter and DeleteParameter take both).
 * Returns the name and the parameter, if it exists.
 */
export function lookUp(ctx: ServiceContext, nameOrArn: string): { readonly name: string; readonly parameter: StoredParameter | undefined } {
  const prefix = `arn:aws:ssm:${ctx.region.name}:${ctx.core.accountId}:parameter`;
  let name = nameOrArn;
  if (name.startsWith('arn:') && !name.startsWith(prefix)) return { name, parameter: undefined };
  if (nameOrArn.startsWith(prefix)) {
    const rest = nameOrArn.slice(prefix.length);
    // The ARN drops a name's leading slash; names with a path begin with one.
    name = rest.slice(1).includes('/') ? rest : rest.slice(1);
    if (!parameters(ctx.core, ctx.region.name).has(name) && parameters(ctx.core, ctx.region.name).has(rest)) name = rest;
  }
  return { name, parameter: parameters(ctx.core, ctx.region.name).get(name) };
}

/**
 * The version a GetParameter Name selects (`/app/p:2`; names never contain a colon, and an ARN's
 * last colon is before `parameter/…`). Throws ParameterNotFound or ParameterVersionNotFound.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-versions.html
 */
// Fidelity: labels (`/app/p:prod`) are not supported: the sandbox has no LabelParameterVersion.
export function selectVersion(ctx: ServiceContext, text: string): { readonly parameter: StoredParameter; readonly selector: string | undefined } {
  const selected = /^(.*):(\d+)$/.exec(text);
  const { name, parameter } = lookUp(ctx, selected?.[1] ?? text);
  if (!parameter) throw parameterNotFound();
  if (!selected) return { parameter, selector: undefined };
  const version = Number(selected[2]);
  const found = version === parameter.version ? parameter : parameter.previous.find((p) => p.version === version);
  if (!found) throw new ServiceError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
  return { parameter: found, selector: `:${version}` };
}

/** SSM's ParameterNotFound: AWS sends it with an empty message. */
export function parameterNotFound(): ServiceError {
  return new ServiceError('ParameterNotFound', '');
}

/**
 * A KMS error as Parameter Store reports it: a key KMS cannot use (unknown, disabled, pending
 * deletion or import, not for encryption) is InvalidKeyId with KMS's own message; a denial is
 * AccessDeniedException quoting KMS. Other failures keep KMS's code.
 * https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html
 */
export function kmsFailure(error: { readonly code: string; readonly message: string }): ServiceError {
  const { code, message } = error;
  if (code === 'AccessDeniedException') return new ServiceError('AccessDeniedException', message);
  if (['NotFoundException', 'DisabledException', 'KMSInvalidStateException', 'InvalidKeyUsageException', 'ValidationException', 'InvalidArnException'].includes(code))
    return new ServiceError('InvalidKeyId', message);
  return new ServiceError(code, message);
}

/** Throws the service's error for a failed KMS call; returns the output otherwise. */
export function kmsOutput<N extends OperationName>(result: KmsCallResult<N>): OperationOutput<N> {
  if (!result.ok) throw kmsFailure(result.error);
  return result.output;
}

const MAGIC = Buffer.from('KSP1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Fidelity: AWS stores an advanced SecureString as an AWS Encryption SDK message (a data key from
// GenerateDataKey, the value under AES-GCM with a key derived from it, a signature). The sandbox
// keeps its own, smaller envelope: "KSP1", the encrypted data key's length (2 bytes) and bytes,
// a 12-byte IV, the 16-byte GCM tag and the body, with the parameter's ARN as AAD. The KMS calls
// (GenerateDataKey on put, Decrypt of the data key on get, with PARAMETER_ARN) are AWS's.

/** Seals a value under a plaintext data key (which the caller zeroes after). */
export function sealEnvelope(value: string, dataKey: Uint8Array, encryptedDataKey: Uint8Array, arn: string): Uint8Array {
  const { iv, tag, ciphertext } = seal(dataKey, value, arn);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(encryptedDataKey.byteLength);
  return Buffer.concat([MAGIC, length, encryptedDataKey, iv, tag, ciphertext]);
}

/** The encrypted data key inside an envelope. */
export function envelopeDataKey(message: Uint8Array): Uint8Array {
  const bytes = Buffer.from(message);
  return bytes.subarray(MAGIC.length + 2, MAGIC.length + 2 + bytes.readUInt16BE(MAGIC.length));
}

/** Opens an envelope with its plaintext data key. */
export function openEnvelope(message: Uint8Array, dataKey: Uint8Array, arn: string): string {
  const bytes = Buffer.from(message);
  const start = MAGIC.length + 2 + bytes.readUInt16BE(MAGIC.length);
  const iv = bytes.subarray(start, start + IV_BYTES);
  const tag = bytes.subarray(start + IV_BYTES, start + IV_BYTES + TAG_BYTES);
  return open(dataKey, { iv, tag, ciphertext: bytes.subarray(start + IV_BYTES + TAG_BYTES) }, arn).toString('utf8');
}

/** The Value GetParameter returns without decryption: a SecureString's stored bytes in base64. */
export function storedText(value: StoredValue): string {
  switch (value.kind) {
    case 'plain':
      return value.value;
    case 'kms':
      return Buffer.from(value.ciphertext).toString('base64');
    case 'envelope':
      return Buffer.from(value.message).toString('base64');
  }
}

/**
 * A parameter's value in the clear: a standard SecureString is decrypted by KMS, an advanced
 * one's data key is; both with the PARAMETER_ARN context, in the parameter's Region.
 */
export function decryptedValue(ctx: ServiceContext, parameter: StoredParameter): string {
  const arn = parameterArn(ctx, parameter.name);
  const value = parameter.value;
  switch (value.kind) {
    case 'plain':
      return value.value;
    case 'kms': {
      const { Plaintext } = kmsOutput(ctx.kms('Decrypt', { CiphertextBlob: value.ciphertext, EncryptionContext: encryptionContext(arn) }));
      const text = Buffer.from(Plaintext ?? new Uint8Array()).toString('utf8');
      Plaintext?.fill(0);
      return text;
    }
    case 'envelope': {
      const { Plaintext } = kmsOutput(ctx.kms('Decrypt', { CiphertextBlob: envelopeDataKey(value.message), EncryptionContext: encryptionContext(arn) }));
      const dataKey = Plaintext ?? new Uint8Array();
      try {
        return openEnvelope(value.message, dataKey, arn);
      } finally {
        dataKey.fill(0);
      }
    }
  }
}

/** The Parameter member of GetParameter and GetParameters. */
export function parameterOutput(ctx: ServiceContext, parameter: StoredParameter, withDecryption: boolean, selector?: string): Record<string, unknown> {
  const secure = parameter.type === 'SecureString';
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: secure && withDecryption ? decryptedValue(ctx, parameter) : storedText(parameter.value),
    Version: parameter.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: parameter.lastModifiedDate,
    ARN: parameterArn(ctx, parameter.name),
    DataType: 'text',
  };
}
