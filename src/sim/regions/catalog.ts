/** A commercial AWS Region the sandbox simulates. */
export interface RegionInfo {
  /** The Region code, e.g. `us-east-1`. */
  readonly name: string;
  /** The Region's display name, e.g. `US East (N. Virginia)`. */
  readonly displayName: string;
}

/** The Regions of the sandbox: real AWS Region codes and names. */
export const REGION_CATALOG: readonly RegionInfo[] = [
  { name: 'us-east-1', displayName: 'US East (N. Virginia)' },
  { name: 'us-east-2', displayName: 'US East (Ohio)' },
  { name: 'us-west-1', displayName: 'US West (N. California)' },
  { name: 'us-west-2', displayName: 'US West (Oregon)' },
  { name: 'ca-central-1', displayName: 'Canada (Central)' },
  { name: 'sa-east-1', displayName: 'South America (São Paulo)' },
  { name: 'eu-west-1', displayName: 'Europe (Ireland)' },
  { name: 'eu-west-2', displayName: 'Europe (London)' },
  { name: 'eu-central-1', displayName: 'Europe (Frankfurt)' },
  { name: 'eu-north-1', displayName: 'Europe (Stockholm)' },
  { name: 'ap-south-1', displayName: 'Asia Pacific (Mumbai)' },
  { name: 'ap-northeast-1', displayName: 'Asia Pacific (Tokyo)' },
  { name: 'ap-southeast-1', displayName: 'Asia Pacific (Singapore)' },
  { name: 'ap-southeast-2', displayName: 'Asia Pacific (Sydney)' },
];

/** The Region a fresh sandbox starts in. */
export const DEFAULT_REGION = 'us-east-1';

/** Tells whether `name` is a Region of the catalog. */
export function isKnownRegion(name: string): boolean {
  return REGION_CATALOG.some((r) => r.name === name);
}
