import { randomUUID } from 'node:crypto';
import type { RegionState } from '../regions/region-state.js';

/**
 * The AWS owned key a service uses in a Region, created on first use. AWS owned keys live in AWS
 * service accounts, not yours: they are not in ListKeys, DescribeKey cannot see them, their use is
 * not in your CloudTrail and they count against no quota. Only simulated services (which call the
 * HSM directly, as AWS services do with their own keys) use them. Returns the key's id in the
 * Region's HSM. https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-owned-key
 */
export function awsOwnedKey(region: RegionState, service: string): string {
  let keyId = region.awsOwnedKeys.get(service);
  if (!keyId) {
    keyId = randomUUID();
    region.hsm.generateKeyMaterial(keyId);
    region.awsOwnedKeys.set(service, keyId);
  }
  return keyId;
}
