import { RegionHsm } from '../hsm/region-hsm.js';
import { HsmFleet } from './hsm-fleet.js';
import type { KmsKey } from '../keys/kms-key.js';

/** An alias in one Region. */
export interface AliasEntry {
  readonly aliasName: string;
  targetKeyId: string;
  readonly creationDate: Date;
  lastUpdatedDate: Date;
}

/** Everything KMS holds in one Region: its keys, aliases and HSM fleet. */
export class RegionState {
  /** Keys by key id, in creation order. */
  readonly keys = new Map<string, KmsKey>();
  /** Aliases by alias name (`alias/…`), in creation order. */
  readonly aliases = new Map<string, AliasEntry>();
  readonly hsm: RegionHsm;
  /** The Region's HSMs, which failure drills take out of service. */
  readonly fleet: HsmFleet;
  /** The key ids of AWS owned keys in this Region's HSM, by the service that owns them. */
  readonly awsOwnedKeys = new Map<string, string>();

  constructor(readonly name: string) {
    this.hsm = new RegionHsm(name);
    this.fleet = new HsmFleet(name);
  }

  /** The aliases that point at a key. */
  aliasesOf(keyId: string): AliasEntry[] {
    return [...this.aliases.values()].filter((a) => a.targetKeyId === keyId);
  }
}
