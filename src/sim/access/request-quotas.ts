import { KmsError } from '../errors.js';

/** The shared quotas of cryptographic operations, one per kind of key. */
export type CryptographicQuota =
  | 'symmetric-cryptographic'
  | 'rsa-cryptographic'
  | 'ecc-cryptographic'
  | 'sm2-cryptographic'
  | 'ml-dsa-cryptographic';

/**
 * How an operation counts against KMS request quotas: a shared cryptographic quota; the shared
 * quota of the key's spec, known once the key is resolved (symmetric and HMAC keys: symmetric;
 * RSA; ECC); a quota per data key pair spec (GenerateDataKeyPair*, read from KeyPairSpec); or a
 * per-operation rate in requests per second.
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
 */
export type QuotaRule =
  | { readonly shared: CryptographicQuota }
  | { readonly byKeySpec: true }
  | { readonly byKeyPairSpec: true }
  | { readonly rps: number };

// The asymmetric quotas AWS lists (requests per second, shared by every operation on such keys).
// Fidelity: AWS lists an ML-DSA quota of its own without a figure we could confirm; it is set
// to the ECC figure here.
const SHARED_RPS: Readonly<Record<Exclude<CryptographicQuota, 'symmetric-cryptographic'>, number>> = {
  'rsa-cryptographic': 500,
  'ecc-cryptographic': 300,
  'sm2-cryptographic': 300,
  'ml-dsa-cryptographic': 300,
};

// GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext, per key pair spec.
// Fidelity: AWS lists no figure for ECC_NIST_EDWARDS25519 (added in 2025); it gets ECC_NIST_P256's.
const KEY_PAIR_RPS: Readonly<Record<string, number>> = {
  ECC_NIST_P256: 25,
  ECC_NIST_P384: 10,
  ECC_NIST_P521: 5,
  ECC_SECG_P256K1: 25,
  ECC_NIST_EDWARDS25519: 25,
  RSA_2048: 1,
  RSA_3072: 0.5,
  RSA_4096: 0.1,
  SM2: 25,
};

/** Whether quotas are enforced, and any per-quota rate overrides (requests per second). */
export interface QuotaOptions {
  readonly enforce?: boolean;
  readonly overrides?: Readonly<Record<string, number>>;
}

// Fidelity: defaults as AWS lists them in late 2026; us-east-1, us-west-2 and eu-west-1 have
// higher defaults that AWS publishes per Region, shown here as 100,000.
const SYMMETRIC_RPS_BY_REGION: Readonly<Record<string, number>> = {
  'us-east-1': 100_000,
  'us-west-2': 100_000,
  'eu-west-1': 100_000,
  'us-east-2': 20_000,
  'ap-southeast-1': 20_000,
  'ap-southeast-2': 20_000,
  'ap-northeast-1': 20_000,
  'eu-central-1': 20_000,
  'eu-west-2': 20_000,
};
const SYMMETRIC_RPS_DEFAULT = 10_000;

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Token buckets per Region and quota. A bucket holds one second's worth of requests.
 *
 * Fidelity: rates are measured on the wall clock, not the virtual clock, because virtual time
 * stands still between `clock advance`s; a request rate only means something in real time.
 */
export class RequestQuotas {
  readonly #buckets = new Map<string, Bucket>();

  constructor(readonly options: QuotaOptions = {}) {}

  /**
   * Takes one request from the quota of an operation, or throws AWS's ThrottlingException.
   * `byKeySpec` rules are taken later, with `takeShared`, once the key is known; `byKeyPairSpec`
   * rules need the request's KeyPairSpec.
   */
  take(region: string, operation: string, rule: QuotaRule, keyPairSpec?: string): void {
    if (this.options.enforce === false) return;
    if ('byKeySpec' in rule) return;
    if ('shared' in rule) return this.takeShared(region, rule.shared);
    if ('byKeyPairSpec' in rule) {
      const name = `GenerateDataKeyPair (${keyPairSpec ?? 'unknown'})`;
      return this.#take(region, name, KEY_PAIR_RPS[keyPairSpec ?? ''] ?? 1);
    }
    this.#take(region, operation, rule.rps);
  }

  /** Takes one request from a shared cryptographic quota. */
  takeShared(region: string, quota: CryptographicQuota): void {
    if (this.options.enforce === false) return;
    const rps = quota === 'symmetric-cryptographic' ? (SYMMETRIC_RPS_BY_REGION[region] ?? SYMMETRIC_RPS_DEFAULT) : SHARED_RPS[quota];
    this.#take(region, quota, rps);
  }

  #take(region: string, name: string, defaultRps: number): void {
    const rps = this.options.overrides?.[name] ?? defaultRps;
    const id = `${region}/${name}`;
    const now = performance.now();
    let bucket = this.#buckets.get(id);
    // A bucket holds a second's worth of requests, and at least one (GetParametersForImport's
    // quota is 0.25 per second: one request, then one more every 4 seconds).
    const capacity = Math.max(1, rps);
    if (!bucket) this.#buckets.set(id, (bucket = { tokens: capacity, refilledAt: now }));
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.refilledAt) / 1000) * rps);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) {
      throw new KmsError(
        'ThrottlingException',
        'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
      );
    }
    bucket.tokens -= 1;
  }
}
