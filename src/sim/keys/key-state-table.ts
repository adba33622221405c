import { KmsError } from '../errors.js';
import type { KeyState } from './key-types.js';

/**
 * The groups of operations that the KeyState × operation table distinguishes.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
export type LifecycleRule =
  /** Encrypt, Decrypt, ReEncrypt, GenerateDataKey* */
  | 'cryptographic'
  /** EnableKey, DisableKey */
  | 'enableDisable'
  | 'scheduleDeletion'
  | 'cancelDeletion'
  /** CreateAlias, TagResource, UntagResource, UpdateKeyDescription */
  | 'manageMetadata'
  /** UpdateAlias, for the key the alias moves to */
  | 'updateAliasTarget'
  /** EnableKeyRotation, DisableKeyRotation */
  | 'rotationConfig'
  /** GetKeyRotationStatus */
  | 'rotationStatus'
  /** RotateKeyOnDemand */
  | 'rotateOnDemand'
  /** GetParametersForImport */
  | 'importParameters'
  /** ImportKeyMaterial */
  | 'importMaterial'
  /** DeleteImportedKeyMaterial */
  | 'deleteImportedMaterial'
  /** GetPublicKey */
  | 'publicKey'
  /** ReplicateKey */
  | 'replicate'
  /** UpdatePrimaryRegion */
  | 'updatePrimaryRegion'
  /** DescribeKey, Get/PutKeyPolicy, ListKeyPolicies, ListResourceTags, DeleteAlias, ListAliases, ListKeyRotations */
  | 'anyState';

/** Builds AWS's error for a refused key, from its ARN. */
type Refusal = (arn: string) => KmsError;

const disabled: Refusal = (arn) => new KmsError('DisabledException', `${arn} is disabled.`);
const invalidState =
  (what: string): Refusal =>
  (arn) =>
    new KmsError('KMSInvalidStateException', `${arn} is ${what}.`);

const pendingDeletion = invalidState('pending deletion');
const pendingReplicaDeletion = invalidState('pending replica deletion');
const pendingImport = invalidState('pending import');
const unavailable = invalidState('unavailable');
const creating = invalidState('creating');
const updating = invalidState('updating');
const notPendingDeletion = invalidState('not pending deletion');
const externalOrigin: Refusal = (arn) => new KmsError('UnsupportedOperationException', `${arn} origin is EXTERNAL which is not valid for this operation.`);

/**
 * The KeyState × operation table: for each rule, the states that refuse and AWS's error.
 * A state absent from a row allows the operation. Footnote numbers follow AWS's table.
 */
export const KeyStateTable: Readonly<Record<LifecycleRule, Partial<Record<KeyState, Refusal>>>> = {
  cryptographic: {
    Disabled: disabled, // [1]
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion, // [3]
    PendingImport: pendingImport, // [5]
    Unavailable: unavailable, // [11]
    Creating: creating, // [14]
  },
  enableDisable: {
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion, // [3]
    PendingImport: pendingImport, // [5]
    Creating: creating, // [14]
    Updating: updating, // [15]
  },
  scheduleDeletion: {
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion, // [3]
    Updating: updating, // [15]
  },
  cancelDeletion: {
    Enabled: notPendingDeletion, // [4]
    Disabled: notPendingDeletion,
    PendingImport: notPendingDeletion,
    Unavailable: notPendingDeletion,
    Creating: notPendingDeletion,
    Updating: notPendingDeletion,
  },
  manageMetadata: {
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion,
  },
  updateAliasTarget: {
    PendingDeletion: pendingDeletion, // [10]
    PendingReplicaDeletion: pendingReplicaDeletion,
  },
  rotationConfig: {
    Disabled: disabled, // [1]
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: externalOrigin, // [6]
    Unavailable: unavailable, // [7]
    Creating: creating, // [14]
  },
  rotationStatus: {
    PendingImport: externalOrigin, // [6]
  },
  rotateOnDemand: {
    // Not in AWS's 2023 table; these follow the cryptographic row, as AWS's validated responses do.
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport,
    Unavailable: unavailable,
    Creating: creating,
    Updating: updating,
  },
  importParameters: {
    PendingDeletion: pendingDeletion, // [8]
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: creating, // [14]
    Updating: updating, // [15]
  },
  importMaterial: {
    PendingDeletion: pendingDeletion, // [8]
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: creating, // [14]
  },
  deleteImportedMaterial: {
    Creating: creating, // [14]
    Updating: updating, // [15]
  },
  publicKey: {
    // AWS's table marks GetPublicKey on a disabled key X[1], but AWS answers it (measured
    // against AWS by the floci project's integration tests): only these states refuse.
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport, // [5]
    Unavailable: unavailable,
    Creating: creating, // [14]
  },
  replicate: {
    Disabled: disabled, // [1]
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport, // [5]
    Creating: creating, // [14]
    Updating: updating, // [15]
  },
  updatePrimaryRegion: {
    Disabled: disabled, // [1]
    PendingDeletion: pendingDeletion, // [3]
    PendingReplicaDeletion: pendingReplicaDeletion,
    PendingImport: pendingImport, // [5]
    Creating: creating, // [14]
  },
  anyState: {},
};

/** Throws AWS's error when `rule` refuses a key in `state`; returns quietly when it allows. */
export function assertAllowed(rule: LifecycleRule, state: KeyState, arn: string): void {
  const refusal = KeyStateTable[rule][state];
  if (refusal) throw refusal(arn);
}
