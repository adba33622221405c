import { randomBytes } from 'node:crypto';
import { keyArn } from '../keys/kms-key.js';

/**
 * One multi-Region key set: a primary key and its replicas, one per Region, sharing a key id
 * (`mrk-…`), key material, key spec, usage, origin and automatic rotation. Aliases, policies, tags,
 * descriptions and enabled state stay each Region's own.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
export class MultiRegionKeySet {
  /** The Regions that hold a key of the set (primary included), in the order they joined. */
  readonly regions: string[];

  constructor(
    readonly keyId: string,
    readonly accountId: string,
    public primaryRegion: string,
  ) {
    this.regions = [primaryRegion];
  }

  /** The replica Regions (every Region but the primary's). */
  get replicaRegions(): string[] {
    return this.regions.filter((r) => r !== this.primaryRegion);
  }

  isPrimary(region: string): boolean {
    return region === this.primaryRegion;
  }

  /** AWS's `MultiRegionConfiguration` as DescribeKey shows it from `region`. */
  configuration(region: string): MultiRegionConfiguration {
    const entry = (r: string) => ({ Arn: keyArn(r, this.accountId, this.keyId), Region: r });
    return {
      MultiRegionKeyType: this.isPrimary(region) ? 'PRIMARY' : 'REPLICA',
      PrimaryKey: entry(this.primaryRegion),
      ReplicaKeys: this.replicaRegions.map(entry),
    };
  }
}

/** AWS's `MultiRegionConfiguration` structure. */
export interface MultiRegionConfiguration {
  MultiRegionKeyType: 'PRIMARY' | 'REPLICA';
  PrimaryKey: { Arn: string; Region: string };
  ReplicaKeys: { Arn: string; Region: string }[];
}

/** A new multi-Region key id: `mrk-` and 32 hex digits. */
export function multiRegionKeyId(): string {
  return `mrk-${randomBytes(16).toString('hex')}`;
}
