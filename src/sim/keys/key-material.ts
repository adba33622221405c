/** AWS's `KeyMaterialState`. */
export type KeyMaterialState = 'CURRENT' | 'NON_CURRENT' | 'PENDING_ROTATION';

/** AWS's `ExpirationModelType`. */
export type ExpirationModel = 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';

/** AWS's `RotationType`. */
export type RotationType = 'AUTOMATIC' | 'ON_DEMAND';

/**
 * What KMS knows about one key material version of a key (never the material itself, which
 * lives in the HSM): its state, how it became current, and for imported material its import
 * state and expiry. ListKeyRotations reports these.
 */
export interface KeyMaterialRecord {
  readonly keyMaterialId: string;
  state: KeyMaterialState;
  /** When and how it became current; absent for the first material and pending imports. */
  rotationDate?: Date;
  rotationType?: RotationType;
  /** Imported material only: whether the HSM holds it now. */
  importState?: 'IMPORTED' | 'PENDING_IMPORT';
  expirationModel?: ExpirationModel;
  validTo?: Date;
  expiryTimerId?: number;
  description?: string;
}
