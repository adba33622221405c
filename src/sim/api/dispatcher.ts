import { randomUUID } from 'node:crypto';
import { assert } from '../../lib/assert.js';
import type { Principal } from '../access/principal.js';
import type { SimCore } from '../core.js';
import { isKmsError, KmsError, type KmsErrorCode } from '../errors.js';
import type { LifecycleRule } from '../keys/key-state-table.js';
import type { KmsKey } from '../keys/kms-key.js';
import { awsManagedKeyDenial, awsManagedService, ensureAwsManagedKey } from '../keys/aws-managed-keys.js';
import { KEY_SPEC_INFO } from '../keys/key-specs.js';
import { resolveKey, type KeyReference } from '../keys/resolve-key.js';
import type { RegionState } from '../regions/region-state.js';
import { auditParameters, cloudTrailTime, userIdentity, type AuditRecord, type AuditResource } from '../telemetry/audit-record.js';
import type { OperationContext, OperationDef } from './operation.js';
import { findOperation } from './registry.js';
import { checkShape, validationMessage } from './schema.js';

/** The error half of an outcome, as AWS reports it. */
export interface OutcomeError {
  readonly code: KmsErrorCode;
  readonly message: string;
  /** True for server faults (HTTP 5xx). */
  readonly fault: boolean;
}

/** The one result type of every call: AWS's output, or AWS's error. */
export type Outcome<O = Record<string, unknown>> =
  | { readonly ok: true; readonly output: O; readonly requestId: string }
  | { readonly ok: false; readonly error: OutcomeError; readonly requestId: string };

/** Where a call came from, for the audit record. */
export interface CallOrigin {
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
}

/**
 * The single dispatch pipeline: authenticate → validate → quota → resolve the key and
 * authorize → lifecycle check → handler → one audit record and metrics, success or not.
 * Handlers throw KmsError; this is the only place that catches it.
 */
export function dispatch(
  core: SimCore,
  regionName: string,
  principal: Principal,
  operation: string,
  input: unknown,
  origin: CallOrigin = {},
): Outcome {
  const started = performance.now();
  const requestId = flatUuid();
  const def = findOperation(operation);
  const call = new CallContext(core, principal, def?.name ?? operation);
  let output: Record<string, unknown> | undefined;
  let error: KmsError | undefined;
  try {
    if (!def) throw new KmsError('UnknownOperationException', `Unknown operation ${operation}`);
    const region = core.region(regionName);
    call.bindRegion(region);
    authenticate(core, principal);
    region.fleet.assertAvailable(def.name);
    const request = validate(def, input);
    const quota = def.quota;
    core.quotas.take(regionName, def.name, quota, 'byKeyPairSpec' in quota ? (request.KeyPairSpec as string | undefined) : undefined);
    call.chargesKeySpecQuota = 'byKeySpec' in quota;
    if (def.key) {
      const keyText = request[def.key.field];
      assert(typeof keyText === 'string', `${def.name}.${def.key.field} passed validation but is not a string`);
      call.primaryKey = call.resolveKey(keyText, def.key.rule, def.key.accepts);
    }
    output = def.handler(call, request as never) as Record<string, unknown>;
  } catch (caught) {
    if (!isKmsError(caught)) throw caught;
    error = caught;
  }
  const name = def?.name ?? operation;
  const now = isoTime(call.nowMs);
  const record: AuditRecord = {
    eventVersion: '1.11',
    userIdentity: userIdentity(principal),
    eventTime: now,
    eventSource: 'kms.amazonaws.com',
    eventName: name,
    awsRegion: regionName,
    sourceIPAddress: origin.sourceIPAddress ?? principal.invokedBy ?? '127.0.0.1',
    userAgent: origin.userAgent ?? principal.invokedBy ?? 'kms-sandbox',
    requestParameters: safeRequestParameters(def, input),
    responseElements: !error && output && def && !def.readOnly && !def.cryptographic ? auditParameters(output) : null,
    requestID: requestId,
    eventID: flatUuid(),
    readOnly: def?.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: core.accountId,
    eventCategory: 'Management',
    // The members a record may lack are in the literal too (undefined: JSON leaves them out),
    // so every record has one shape, without a second object holding members added later.
    errorCode: error?.code,
    errorMessage: error?.message,
    additionalEventData: call.keyMaterialId ? materialEventData(call.keyMaterialId) : undefined,
    resources: call.resources.length === 0 ? undefined : call.resources.length === 1 ? soleResource(call.resources[0] as AuditResource) : call.resources,
  };
  if (core.appendToTrail(record))
    core.metrics.recordCall({
      operation: name,
      region: regionName,
      timestamp: now,
      keyId: call.primaryKey?.keyId ?? call.firstKeyId,
      errorCode: error?.code,
      latencyMs: performance.now() - started,
    });
  if (error) return { ok: false, error: { code: error.code, message: error.message, fault: error.fault }, requestId };
  assert(output !== undefined, `${name} returned nothing`);
  return { ok: true, output, requestId };
}

function authenticate(core: SimCore, principal: Principal): void {
  // Fidelity: the sandbox has one account; principals of other accounts are refused as
  // AWS refuses unknown credentials. Signature checks happen in the HTTP endpoint.
  if (principal.accountId !== core.accountId)
    throw new KmsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

function validate(def: OperationDef, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Uint8Array)
    throw new KmsError('ValidationException', `The input of ${def.name} must be a JSON object.`);
  const request = input as Record<string, unknown>;
  const problems: string[] = [];
  checkShape(def.input, request, problems);
  if (problems.length > 0) throw new KmsError('ValidationException', validationMessage(problems));
  def.validate?.(request as never);
  return request;
}

function safeRequestParameters(def: OperationDef | undefined, input: unknown): Record<string, unknown> | null {
  if (!def || typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Uint8Array) return null;
  // Blob members (plaintext, ciphertext) never reach the trail, even when mistyped as text.
  const blobs = blobMembers(def);
  try {
    if (!def.auditRequest) return auditParameters(input as Record<string, unknown>, blobs, def.auditLayout);
    const request = Object.fromEntries(Object.entries(input).filter(([name]) => !blobs.has(name)));
    return def.auditRequest(request as never);
  } catch {
    return null; // input too malformed to describe; the errorCode says why
  }
}

const BLOB_MEMBERS = new WeakMap<OperationDef, ReadonlySet<string>>();

/** The names of an operation's blob members (memoised: audit records are a hot path). */
function blobMembers(def: OperationDef): ReadonlySet<string> {
  let names = BLOB_MEMBERS.get(def);
  if (!names) {
    names = new Set(Object.entries(def.input).filter(([, field]) => field.kind === 'blob').map(([name]) => name));
    BLOB_MEMBERS.set(def, names);
  }
  return names;
}

/**
 * A fresh UUID as one flat string. randomUUID builds its text by concatenation, a tree of some
 * thirty string pieces; every audit record keeps two ids for the life of the trail, and those
 * trees were half its memory and most of the objects the garbage collector copied and marked.
 * Reading a character flattens the tree in place (V8), and the collector then keeps only the
 * flat text.
 */
function flatUuid(): string {
  const id = randomUUID();
  if (id.charCodeAt(0) === 0) throw new Error('unreachable: a UUID starts with a hex digit');
  return id;
}

// Audit records share their immutable parts, as they share userIdentity and each key's
// resource: one frozen additionalEventData per key material, one frozen resources list per key.
const MATERIAL_EVENT_DATA = new Map<string, Readonly<Record<string, unknown>>>();
const SOLE_RESOURCES = new WeakMap<AuditResource, readonly AuditResource[]>();

function materialEventData(keyMaterialId: string): Readonly<Record<string, unknown>> {
  let data = MATERIAL_EVENT_DATA.get(keyMaterialId);
  if (!data) {
    if (MATERIAL_EVENT_DATA.size >= 1000) MATERIAL_EVENT_DATA.clear();
    MATERIAL_EVENT_DATA.set(keyMaterialId, (data = Object.freeze({ keyMaterialId })));
  }
  return data;
}

function soleResource(resource: AuditResource): readonly AuditResource[] {
  let list = SOLE_RESOURCES.get(resource);
  if (!list) SOLE_RESOURCES.set(resource, (list = Object.freeze([resource])));
  return list;
}

let isoTimeMs = Number.NaN;
let isoTimeText = '';

/**
 * The ISO text of a virtual time. The virtual clock stands still between advances, so calls in a
 * row share one time: the text is made once per time, not once per call.
 */
function isoTime(ms: number): string {
  if (ms !== isoTimeMs) {
    isoTimeText = cloudTrailTime(new Date(ms));
    isoTimeMs = ms;
  }
  return isoTimeText;
}

/** The context handed to a handler: one per call. */
class CallContext implements OperationContext {
  /** The virtual time of the call, in milliseconds since the epoch. */
  readonly nowMs: number;
  #now: Date | undefined;
  readonly resources: AuditResource[] = [];
  primaryKey: KmsKey | undefined;
  firstKeyId: string | undefined;
  keyMaterialId: string | undefined;
  /** The operation counts against the quota of the first key it resolves (its spec's). */
  chargesKeySpecQuota = false;
  #region: RegionState | undefined;

  constructor(
    readonly core: SimCore,
    readonly principal: Principal,
    readonly operation: string,
  ) {
    this.nowMs = core.clock.nowMs;
  }

  /** The virtual time of the call (made when a handler first asks: most never do). */
  get now(): Date {
    return (this.#now ??= new Date(this.nowMs));
  }

  bindRegion(region: RegionState): void {
    this.#region = region;
  }

  get region(): RegionState {
    assert(this.#region, 'operation context used before its Region was bound');
    return this.#region;
  }

  get key(): KmsKey {
    assert(this.primaryKey, 'operation uses ctx.key but declares no key field');
    return this.primaryKey;
  }

  resolveKey(text: string, rule: LifecycleRule, accepts: KeyReference): KmsKey {
    // A predefined alias/aws/* alias creates its AWS managed key on first use, as AWS does.
    const service = accepts === 'keyOrAlias' ? awsManagedService(text) : undefined;
    if (service) ensureAwsManagedKey(this.core, this.region, service);
    const key = resolveKey(this.region, this.core.accountId, text, accepts);
    this.touch(key);
    if (this.chargesKeySpecQuota) {
      // Fidelity: an operation whose key is never resolved (a ciphertext naming no key) is
      // not counted against any quota.
      this.chargesKeySpecQuota = false;
      this.core.quotas.takeShared(this.region.name, KEY_SPEC_INFO[key.keySpec].quota);
    }
    // Authorization. AWS managed keys follow their fixed key policy. Customer managed keys have
    // the default key policy, which lets the account do kms:*.
    // Fidelity: custom key policies and grants are stored but not yet evaluated.
    const denial = awsManagedKeyDenial(key, this.operation, this.principal.invokedBy, this.principal.arn);
    if (denial) throw new KmsError('AccessDeniedException', denial);
    key.assertAllowed(rule);
    return key;
  }

  touch(key: KmsKey, keyMaterialId?: string): void {
    if (!this.resources.includes(key.auditResource)) this.resources.push(key.auditResource);
    this.firstKeyId ??= key.keyId;
    if (keyMaterialId) this.keyMaterialId ??= keyMaterialId;
  }

  checkDryRun(dryRun: boolean | undefined): void {
    if (dryRun) throw new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
  }
}
