import { KmsError } from '../errors.js';

/**
 * How an operation counts against KMS request quotas: the shared symmetric cryptographic
 * quota, or a per-operation rate in requests per second.
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
 */
export type QuotaRule = { readonly shared: 'symmetric-cryptographic' } | { readonly rps: number };

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

  /** Takes one request from the quota, or throws AWS's ThrottlingException. */
  take(region: string, operation: string, rule: QuotaRule): void {
    if (this.options.enforce === false) return;
    const name = 'shared' in rule ? rule.shared : operation;
    const rps = this.options.overrides?.[name] ?? this.#defaultRps(region, rule);
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

  #defaultRps(region: string, rule: QuotaRule): number {
    if ('rps' in rule) return rule.rps;
    return SYMMETRIC_RPS_BY_REGION[region] ?? SYMMETRIC_RPS_DEFAULT;
  }
}
