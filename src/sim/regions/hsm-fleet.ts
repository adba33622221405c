import { KmsError } from '../errors.js';

/** How many HSMs serve each Region's key material in the sandbox (AWS runs a fleet per Region). */
export const HSMS_PER_REGION = 3;

// The 13 operations whose API model lists KeyUnavailableException: the cryptographic ones.
const KEY_UNAVAILABLE_OPERATIONS: ReadonlySet<string> = new Set([
  'Decrypt', 'DeriveSharedSecret', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GetPublicKey', 'ReEncrypt', 'Sign', 'Verify', 'VerifyMac',
]);
// Operations whose model lists neither KeyUnavailableException nor DependencyTimeoutException.
const INTERNAL_ONLY_OPERATIONS: ReadonlySet<string> = new Set([
  'ReplicateKey', 'UpdatePrimaryRegion', 'TagResource', 'UntagResource', 'ListResourceTags', 'ListKeyRotations',
]);

/**
 * The HSM fleet of one Region, for failure drills: `hsm fail` takes HSMs out of service. While
 * at least one HSM of the Region is up, requests are served (AWS's fleets are redundant); when
 * all are down, the Region's KMS cannot reach key material and every request fails with the
 * server fault AWS models for that operation.
 */
export class HsmFleet {
  readonly #failed = new Set<number>();

  constructor(readonly region: string) {}

  /** Takes one HSM (1…HSMS_PER_REGION), or all of them, out of service. */
  fail(which: number | 'all'): void {
    for (const n of this.#which(which)) this.#failed.add(n);
  }

  /** Brings one HSM, or all of them, back. */
  recover(which: number | 'all'): void {
    for (const n of this.#which(which)) this.#failed.delete(n);
  }

  /** The HSMs in service and out of it. */
  get status(): { readonly up: readonly number[]; readonly down: readonly number[] } {
    const all = [...Array(HSMS_PER_REGION).keys()].map((i) => i + 1);
    return { up: all.filter((n) => !this.#failed.has(n)), down: all.filter((n) => this.#failed.has(n)) };
  }

  /** True when no HSM of the Region is in service. */
  get down(): boolean {
    return this.#failed.size === HSMS_PER_REGION;
  }

  /**
   * Refuses a request while the whole fleet is down, with the fault AWS's model lists for the
   * operation: KeyUnavailableException for cryptographic operations, DependencyTimeoutException
   * for the others, KMSInternalException where the model lists only that.
   * Fidelity: AWS does not document which fault an impaired Region returns; the model's lists
   * and texts are the best evidence (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
   */
  assertAvailable(operation: string): void {
    if (!this.down) return;
    if (KEY_UNAVAILABLE_OPERATIONS.has(operation))
      throw new KmsError('KeyUnavailableException', 'The request was rejected because the specified KMS key was not available. You can retry the request.');
    if (INTERNAL_ONLY_OPERATIONS.has(operation))
      throw new KmsError('KMSInternalException', 'The request was rejected because an internal exception occurred. The request can be retried.');
    throw new KmsError('DependencyTimeoutException', 'The system timed out while trying to fulfill the request. You can retry the request.');
  }

  #which(which: number | 'all'): number[] {
    if (which === 'all') return [...Array(HSMS_PER_REGION).keys()].map((i) => i + 1);
    if (!Number.isInteger(which) || which < 1 || which > HSMS_PER_REGION)
      throw new RangeError(`HSM ${which} does not exist: ${this.region} has HSMs 1 to ${HSMS_PER_REGION}.`);
    return [which];
  }
}
