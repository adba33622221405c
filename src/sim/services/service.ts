import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { dispatch } from '../api/dispatcher.js';
import type { OperationInput, OperationName, OperationOutput } from '../api/registry.js';
import { checkShape, validationMessage, type InputOf, type Shape } from '../api/schema.js';
import type { SimCore } from '../core.js';
import { isKmsError, type KmsError } from '../errors.js';
import type { RegionState } from '../regions/region-state.js';
import { auditParameters, cloudTrailTime, userIdentity, type AuditRecord, type ServiceAuditResource } from '../telemetry/audit-record.js';

/** The simulated AWS services that use KMS, by their AWS CLI command names. */
export type ServiceName = 'ec2' | 's3api' | 'rds' | 'ssm';

/** The endpoint host of each service (CloudTrail's eventSource, KMS's invokedBy). */
export const SERVICE_HOSTS: Readonly<Record<ServiceName, string>> = {
  ec2: 'ec2.amazonaws.com',
  s3api: 's3.amazonaws.com',
  rds: 'rds.amazonaws.com',
  ssm: 'ssm.amazonaws.com',
};

/** An error of a simulated service, with the service's own code (InvalidParameterValue, …). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** What one service call gives: the service's output, or its error. */
export type ServiceOutcome =
  | { readonly ok: true; readonly output: Record<string, unknown>; readonly requestId: string }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string }; readonly requestId: string };

/** What a service operation's handler can reach. */
export interface ServiceContext {
  readonly core: SimCore;
  /** The Region the service call was made in. */
  readonly region: RegionState;
  /** Who called the service. */
  readonly caller: Principal;
  readonly now: Date;
  /**
   * Calls KMS as this service on the caller's behalf, through the one dispatch pipeline: the audit
   * record shows the caller with `invokedBy` the service, from the service's address. Returns the
   * KMS outcome; `kmsOrThrow` turns a KMS error into the service's error.
   */
  kms<N extends OperationName>(operation: N, input: OperationInput<N>, region?: string): KmsCallResult<N>;
}

/** A KMS call made by a service: its output, or the KMS error (for the service to translate). */
export type KmsCallResult<N extends OperationName> =
  | { readonly ok: true; readonly output: OperationOutput<N> }
  | { readonly ok: false; readonly error: KmsError | { readonly code: string; readonly message: string } };

/** The definition of one operation of a simulated service. */
export interface ServiceOperationDef<S extends Shape = Shape, O = unknown> {
  readonly service: ServiceName;
  /** The AWS operation name, e.g. `CopySnapshot`. */
  readonly name: string;
  readonly summary: string;
  readonly docUrl: string;
  readonly input: S;
  /**
   * Members whose values CloudTrail records as `HIDDEN_DUE_TO_SECURITY_REASONS` wherever they
   * appear in the request or the response (AWS's `sensitive` trait), e.g. SSM's parameter `Value`.
   */
  readonly sensitive?: readonly string[];
  /**
   * How CloudTrail records the operation, for a service that does not record its API members
   * camel-cased or whose operation is a data event (S3). Absent: the input and output camel-cased
   * (`KmsKeyId` → `kmsKeyId`), a management event.
   */
  readonly cloudTrail?: ServiceCloudTrail;
  /** The error code of input that breaks the schema: `InvalidParameterValue` unless given (SSM: `ValidationException`). */
  readonly validationErrorCode?: string;
  /** Cross-member rules the schema cannot express; throws ServiceError. */
  readonly validate?: (input: InputOf<S>) => void;
  readonly handler: (ctx: ServiceContext, input: InputOf<S>) => O;
}

/** Where a service call was made: what a CloudTrail mapping may name besides the input. */
export interface ServiceCall {
  /** The Region of the endpoint the call was sent to. */
  readonly region: string;
  readonly accountId: string;
}


/** A service operation's own CloudTrail record contents, where the framework's defaults are wrong. */
export interface ServiceCloudTrail {
  /** `requestParameters` from the input as sent: it may have failed validation, so members are unknown. */
  readonly requestParameters: (input: Readonly<Record<string, unknown>>, call: ServiceCall) => Record<string, unknown> | null;
  /** `responseElements` of a successful call; absent, the record has `null`. */
  readonly responseElements?: (output: Readonly<Record<string, unknown>>) => Record<string, unknown> | null;
  /**
   * Present for a data event (`managementEvent: false`, `eventCategory: "Data"`): the resources
   * the record names, e.g. an object and its bucket (none when the input names none).
   */
  readonly dataResources?: (input: Readonly<Record<string, unknown>>, call: ServiceCall) => readonly ServiceAuditResource[];
}


/** CloudTrail's `readOnly` of a service operation: it only reads (Get, Describe, List, and S3's Head). */
export function isServiceRead(operation: string): boolean {
  return /^(Get|Describe|List|Head)/.test(operation);
}

/** Defines a service operation, keeping the input shape's types for the handler. */
export function defineServiceOperation<S extends Shape, O>(def: ServiceOperationDef<S, O>): ServiceOperationDef<S, O> {
  return def;
}

/**
 * Runs one service operation: validates the input (the service's ValidationError wording is its
 * own; the sandbox uses InvalidParameterValue for EC2/RDS/SSM-style services), runs the handler,
 * and records one CloudTrail event with the service as its source: a management event, or a data
 * event for an operation whose `cloudTrail` names data resources (S3 object calls). KMS calls the
 * handler makes are audited by the KMS dispatcher as the calls of the service.
 */
export function dispatchService(
  core: SimCore,
  regionName: string,
  caller: Principal,
  def: ServiceOperationDef,
  input: unknown,
): ServiceOutcome {
  const requestId = randomUUID();
  let output: Record<string, unknown> | undefined;
  let error: { code: string; message: string } | undefined;
  try {
    const region = core.region(regionName);
    const request = validateServiceInput(def, input);
    output = def.handler(serviceContext(core, region, caller, def.service), request as never) as Record<string, unknown>;
  } catch (caught) {
    if (caught instanceof ServiceError) error = { code: caught.code, message: caught.message };
    else if (isKmsError(caught)) error = { code: caught.code, message: caught.message };
    else throw caught;
  }
  const contents = recordContents(def, input, output, { region: regionName, accountId: core.accountId });
  const record: AuditRecord = {
    eventVersion: '1.11',
    userIdentity: userIdentity(caller),
    eventTime: cloudTrailTime(core.clock.now()),
    eventSource: SERVICE_HOSTS[def.service],
    eventName: def.name,
    awsRegion: regionName,
    sourceIPAddress: '127.0.0.1',
    userAgent: 'kms-sandbox',
    requestParameters: contents.requestParameters,
    responseElements: contents.responseElements,
    requestID: requestId,
    eventID: randomUUID(),
    readOnly: isServiceRead(def.name),
    ...(contents.resources.length > 0 ? { resources: contents.resources } : {}),
    eventType: 'AwsApiCall',
    managementEvent: !contents.dataEvent,
    recipientAccountId: core.accountId,
    eventCategory: contents.dataEvent ? 'Data' : 'Management',
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
  };
  core.appendToTrail(record);
  if (error) return { ok: false, error, requestId };
  return { ok: true, output: output ?? {}, requestId };
}

function validateServiceInput(def: ServiceOperationDef, input: unknown): Record<string, unknown> {
  const code = def.validationErrorCode ?? 'InvalidParameterValue';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ServiceError(code, `The input of ${def.name} must be an object.`);
  const problems: string[] = [];
  checkShape(def.input, input as Record<string, unknown>, problems);
  if (problems.length > 0) throw new ServiceError(code, validationMessage(problems));
  def.validate?.(input as never);
  return input as Record<string, unknown>;
}

/** CloudTrail parameters of a service call: no blobs (object bodies), sensitive members hidden. */
function safeParameters(value: unknown, sensitive: readonly string[] = []): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  try {
    const hidden = sensitive.length > 0 ? (hideSensitive(value, new Set(sensitive)) as Record<string, unknown>) : (value as Record<string, unknown>);
    return auditParameters(hidden);
  } catch {
    return null;
  }
}

/**
 * What a service call's record says of the request, the response and the resources: the
 * operation's own CloudTrail mapping when it has one, else its members camel-cased.
 */
function recordContents(
  def: ServiceOperationDef,
  input: unknown,
  output: Record<string, unknown> | undefined,
  call: ServiceCall,
): { requestParameters: Record<string, unknown> | null; responseElements: Record<string, unknown> | null; resources: readonly ServiceAuditResource[]; dataEvent: boolean } {
  const trail = def.cloudTrail;
  if (!trail) {
    const responseElements = output ? safeParameters(output, def.sensitive) : null;
    return { requestParameters: safeParameters(input, def.sensitive), responseElements, resources: [], dataEvent: false };
  }
  const given = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  const hide = (parameters: Record<string, unknown> | null) =>
    parameters && def.sensitive?.length ? (hideSensitive(parameters, new Set(def.sensitive)) as Record<string, unknown>) : parameters;
  return {
    requestParameters: given ? hide(trail.requestParameters(given, call)) : null,
    responseElements: output && trail.responseElements ? hide(trail.responseElements(output)) : null,
    resources: given && trail.dataResources ? trail.dataResources(given, call) : [],
    dataEvent: trail.dataResources !== undefined,
  };
}

/** CloudTrail's mark for a sensitive value it does not record. */
export const HIDDEN_VALUE = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** A copy of `value` with every member named in `names` (at any depth) replaced by HIDDEN_VALUE. */
function hideSensitive(value: unknown, names: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => hideSensitive(v, names));
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, names.has(k) && v !== undefined && v !== null ? HIDDEN_VALUE : hideSensitive(v, names)]),
  );
}

function serviceContext(core: SimCore, region: RegionState, caller: Principal, service: ServiceName): ServiceContext {
  const host = SERVICE_HOSTS[service];
  const onBehalf: Principal = { ...caller, invokedBy: host };
  return {
    core,
    region,
    caller,
    now: core.clock.now(),
    kms(operation, input, inRegion) {
      const outcome = dispatch(core, inRegion ?? region.name, onBehalf, operation, input, { sourceIPAddress: host, userAgent: host });
      return outcome.ok ? { ok: true, output: outcome.output as never } : { ok: false, error: outcome.error };
    },
  };
}

/** A resource id in EC2's style: a prefix and 17 hex digits (`vol-0abc…`, `snap-…`). */
export function resourceId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex').slice(0, 16)}`;
}
