import type { Principal } from '../access/principal.js';
import type { QuotaRule } from '../access/request-quotas.js';
import type { SimCore } from '../core.js';
import type { LifecycleRule } from '../keys/key-state-table.js';
import type { KeyReference } from '../keys/resolve-key.js';
import type { KmsKey } from '../keys/kms-key.js';
import type { RegionState } from '../regions/region-state.js';
import type { AuditLayout } from '../telemetry/audit-record.js';
import type { InputOf, Shape } from './schema.js';

/** What a handler can reach: the Region, the caller, the clock and key resolution. */
export interface OperationContext {
  readonly core: SimCore;
  readonly region: RegionState;
  readonly principal: Principal;
  /** The virtual time of the call. */
  readonly now: Date;
  /** The key the operation's `key.field` named, already resolved and checked. */
  readonly key: KmsKey;
  /** Resolves a key id or key ARN (and, where `accepts` allows, an alias), then applies a lifecycle rule. */
  resolveKey(text: string, rule: LifecycleRule, accepts: KeyReference): KmsKey;
  /** Records a key the call used (audit `resources`) and, for crypto, its key material id. */
  touch(key: KmsKey, keyMaterialId?: string): void;
  /** Throws DryRunOperationException when the request is a dry run that would have succeeded. */
  checkDryRun(dryRun: boolean | undefined): void;
}

/** The definition of one KMS operation: the single place it is described. */
export interface OperationDef<S extends Shape = Shape, O = unknown, N extends string = string> {
  /** The AWS operation name, e.g. `Encrypt`. */
  readonly name: N;
  /** One line for help and completion. */
  readonly summary: string;
  /** The AWS API reference page. */
  readonly docUrl: string;
  readonly input: S;
  /** CloudTrail's `readOnly`: true for reads and cryptographic calls. */
  readonly readOnly: boolean;
  /** Cryptographic operations record no response elements and carry the key material id. */
  readonly cryptographic: boolean;
  readonly quota: QuotaRule;
  /**
   * The input member naming the key that the dispatcher resolves, the forms it accepts (per the
   * operation's API reference), and the lifecycle rule it applies.
   */
  readonly key?: { readonly field: keyof S & string; readonly rule: LifecycleRule; readonly accepts: KeyReference };
  /** Cross-member rules that the schema cannot express; throws KmsError. */
  readonly validate?: (input: InputOf<S>) => void;
  readonly handler: (ctx: OperationContext, input: InputOf<S>) => O;
  /**
   * CloudTrail's order of the request members and the defaults KMS records for omitted ones, as
   * the operation's CloudTrail example in the KMS Developer Guide shows them.
   */
  readonly auditLayout?: AuditLayout<keyof S & string>;
  /** CloudTrail request parameters, when they differ from the input without blobs (overrides auditLayout). */
  readonly auditRequest?: (input: InputOf<S>) => Record<string, unknown> | null;
}

/** Defines an operation, keeping the input shape's types for the handler. */
export function defineOperation<const N extends string, S extends Shape, O>(def: OperationDef<S, O, N>): OperationDef<S, O, N> {
  return def;
}
