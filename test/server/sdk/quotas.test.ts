/**
 * Request quotas seen through the AWS SDK v3: the default sandbox enforces KMS's control-plane
 * rates (CreateKey: 5 per second, per Region, on the wall clock), and a client that does not
 * retry sees the throttled calls as ThrottlingException.
 */
import { CreateKeyCommand, KMSServiceException, type KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkKey, kmsClient, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';

const BURST = 30;
const THROTTLED = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';

let endpoint: Endpoint;
let virginia: KMSClient;
let ireland: KMSClient;

beforeAll(async () => {
  // The default sandbox: quotas enforced, as in AWS.
  endpoint = await startEndpoint();
  virginia = kmsClient(endpoint.url, 'us-east-1');
  ireland = kmsClient(endpoint.url, 'eu-west-1');
});

afterAll(async () => {
  virginia?.destroy();
  ireland?.destroy();
  await endpoint?.close();
});

describe('CreateKey quota', () => {
  it('throttles a burst of CreateKey calls with ThrottlingException through the SDK, in us-east-1 only', async () => {
    // Given a burst far above CreateKey's 5 requests per second
    const settled = await Promise.allSettled(Array.from({ length: BURST }, () => virginia.send(new CreateKeyCommand({}))));

    // Then some calls succeed and the rest are throttled with AWS's code, status and wording
    const succeeded = settled.filter((s) => s.status === 'fulfilled');
    const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const error of failed) {
      expect(error).toBeInstanceOf(KMSServiceException);
      expect(error).toMatchObject({ name: 'ThrottlingException', message: THROTTLED, $metadata: { httpStatusCode: 400, attempts: 1 } });
    }
    expect(endpoint.sandbox.keys('us-east-1')).toHaveLength(succeeded.length);

    // And another Region's quota is untouched
    const west = await createSdkKey(ireland);
    expect(west.arn).toContain(':eu-west-1:');
  });
});
