import { randomUUID } from 'node:crypto';

/** The EventBridge detail types KMS emits. */
export type KmsEventDetailType = 'KMS CMK Rotation' | 'KMS Imported Key Material Expiration' | 'KMS CMK Deletion';

/**
 * An EventBridge-shaped event from `aws.kms`.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-events.html
 */
export interface KmsEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': KmsEventDetailType;
  readonly source: 'aws.kms';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, string>>;
}

/** Builds a KMS EventBridge event about one key. */
export function kmsEvent(
  detailType: KmsEventDetailType,
  key: { readonly arn: string; readonly accountId: string; readonly region: string },
  time: Date,
  detail: Readonly<Record<string, string>>,
): KmsEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.kms',
    account: key.accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: key.region,
    resources: [key.arn],
    detail,
  };
}
