import type { Principal } from '../access/principal.js';

/** A KMS key named by an audit record. */
export interface AuditResource {
  readonly accountId: string;
  readonly type: 'AWS::KMS::Key';
  readonly ARN: string;
}

/**
 * A resource named by a simulated service's record: an S3 object or bucket, say (S3 names an
 * object without its account id).
 */
export interface ServiceAuditResource {
  readonly accountId?: string;
  readonly type: string;
  readonly ARN: string;
}

/** The first KMS key a record names, if any (a service's record may name only its own resources). */
export function auditedKeyArn(record: AuditRecord): string | undefined {
  return record.resources?.find((r) => r.type === 'AWS::KMS::Key')?.ARN;
}

/**
 * A CloudTrail-shaped record of one KMS call, successful or not. It never holds plaintext
 * or key material: blobs are dropped from request parameters and cryptographic responses
 * are not recorded, as CloudTrail does.
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
 */
export interface AuditRecord {
  readonly eventVersion: '1.11';
  readonly userIdentity: {
    readonly type: Principal['type'];
    readonly principalId: string;
    readonly arn: string;
    readonly accountId: string;
    readonly accessKeyId?: string;
    readonly userName?: string;
    readonly invokedBy?: string;
  };
  readonly eventTime: string;
  /** `kms.amazonaws.com` for KMS calls; a simulated service's host (`ec2.amazonaws.com`, …) for its own calls. */
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: Record<string, unknown> | null;
  readonly responseElements: Record<string, unknown> | null;
  readonly additionalEventData?: Record<string, unknown>;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  /** KMS keys for KMS's records; a simulated service's own resources for its records. */
  readonly resources?: readonly (AuditResource | ServiceAuditResource)[];
  readonly eventType: 'AwsApiCall' | 'AwsServiceEvent';
  /** KMS's records are management events; S3 object calls are data events. */
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly eventCategory: 'Management' | 'Data';
}

const IDENTITIES = new WeakMap<Principal, AuditRecord['userIdentity']>();

/** The CloudTrail `userIdentity` of a principal (one frozen object per principal, shared by its records). */
export function userIdentity(principal: Principal): AuditRecord['userIdentity'] {
  let identity = IDENTITIES.get(principal);
  if (!identity) IDENTITIES.set(principal, (identity = Object.freeze(buildIdentity(principal))));
  return identity;
}

function buildIdentity(principal: Principal): AuditRecord['userIdentity'] {
  const identity: { -readonly [K in keyof AuditRecord['userIdentity']]: AuditRecord['userIdentity'][K] } = {
    type: principal.type,
    principalId: principal.principalId,
    arn: principal.arn,
    accountId: principal.accountId,
  };
  if (principal.accessKeyId) identity.accessKeyId = principal.accessKeyId;
  if (principal.userName) identity.userName = principal.userName;
  if (principal.invokedBy) identity.invokedBy = principal.invokedBy;
  return identity;
}

/**
 * How an operation's request reads in CloudTrail: its members (AWS names) in the order AWS's
 * CloudTrail examples show them, each with the value KMS records when the caller leaves it out,
 * if KMS records one (Decrypt's `encryptionAlgorithm`, for one). Members not listed follow in
 * the caller's order.
 * https://docs.aws.amazon.com/kms/latest/developerguide/understanding-kms-entries.html
 */
export type AuditLayout<M extends string = string> = readonly (readonly [member: M, recordedDefault?: string])[];

/**
 * Turns an operation's input or output into CloudTrail parameters: camelCase names, dates as
 * ISO strings, and every blob (plaintext, ciphertext, data keys) dropped. A layout puts its
 * members first, in its order, and fills in the defaults KMS records.
 */
export function auditParameters(
  value: Readonly<Record<string, unknown>>,
  omit?: ReadonlySet<string>,
  layout?: AuditLayout,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let count = 0;
  let placed: ReadonlySet<string> | undefined;
  if (layout) {
    for (const [name, recordedDefault] of layout) if (addParameter(out, name, value[name] ?? recordedDefault, omit)) count += 1;
    placed = layoutMembers(layout);
  }
  for (const name of Object.keys(value)) {
    if (placed?.has(name)) continue;
    if (addParameter(out, name, value[name], omit)) count += 1;
  }
  return count > 0 ? out : null;
}

/** Adds one member under its CloudTrail name, unless it is omitted or has nothing to record. */
function addParameter(out: Record<string, unknown>, name: string, member: unknown, omit: ReadonlySet<string> | undefined): boolean {
  if (omit?.has(name)) return false;
  // Encryption contexts are maps: their keys are the caller's, kept as they are.
  const converted = name.endsWith('EncryptionContext') ? auditMap(member) : auditValue(member);
  if (converted === undefined) return false;
  out[camelName(name)] = converted;
  return true;
}

const LAYOUT_MEMBERS = new WeakMap<AuditLayout, ReadonlySet<string>>();

/** The member names a layout places (memoised: audit records are a hot path). */
function layoutMembers(layout: AuditLayout): ReadonlySet<string> {
  let names = LAYOUT_MEMBERS.get(layout);
  if (!names) LAYOUT_MEMBERS.set(layout, (names = new Set(layout.map(([name]) => name))));
  return names;
}

function auditValue(value: unknown): unknown {
  if (value === undefined || value === null || value instanceof Uint8Array) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditValue);
  if (typeof value === 'object') return auditParameters(value as Record<string, unknown>) ?? {};
  return value;
}

function auditMap(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return { ...(value as Record<string, unknown>) };
}

const CAMEL_NAMES = new Map<string, string>();

/** CloudTrail's parameter name for an AWS member name: `KeyId` → `keyId` (memoised: a hot path). */
function camelName(name: string): string {
  let camel = CAMEL_NAMES.get(name);
  if (camel === undefined) CAMEL_NAMES.set(name, (camel = name.charAt(0).toLowerCase() + name.slice(1)));
  return camel;
}

/** CloudTrail's eventTime form: ISO 8601 to the second, `2026-11-28T09:33:44Z`. */
export function cloudTrailTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
