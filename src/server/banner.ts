import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from './credentials.js';

/** What `kms-sandbox serve` prints on start: the URL, the credentials and how to point clients at it. */
export function serveBanner(url: string, region = 'us-east-1'): string {
  return `kms-sandbox: a local AWS KMS endpoint is listening on ${url}

Credentials: access key "${DEFAULT_ACCESS_KEY_ID}", secret "${DEFAULT_SECRET_ACCESS_KEY}" (the account 111122223333's administrator).
The Region is the one each request is signed for; every Region of the catalog is served.

AWS CLI:
  export AWS_ACCESS_KEY_ID=${DEFAULT_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${DEFAULT_SECRET_ACCESS_KEY} AWS_DEFAULT_REGION=${region}
  aws kms create-key --description demo --endpoint-url ${url}

AWS SDK for JavaScript v3:
  import { KMSClient, CreateKeyCommand } from '@aws-sdk/client-kms';
  const kms = new KMSClient({ region: '${region}', endpoint: '${url}',
    credentials: { accessKeyId: '${DEFAULT_ACCESS_KEY_ID}', secretAccessKey: '${DEFAULT_SECRET_ACCESS_KEY}' } });
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'demo' }));

Sandbox controls (same endpoint, X-Amz-Target KmsSandbox.<Target>): GetClock, AdvanceClock, Reset, ListAuditEvents.
Press Ctrl-C to stop.`;
}
