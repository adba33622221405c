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

Sandbox controls (same endpoint, X-Amz-Target KmsSandbox.<Target>): ${CONTROLS}.
Press Ctrl-C to stop.`;
}

const CONTROLS = 'GetClock, AdvanceClock, Reset, ListAuditEvents, FailHsm, RecoverHsm, GetHsmStatus';

/**
 * The Guide of `kms-sandbox serve --tui`: the banner's facts as Markdown, for the sandbox screen
 * whose panes show the endpoint's calls as they come.
 */
export function serveGuide(url: string, region = 'us-east-1'): string {
  return `# A local AWS KMS endpoint

Listening on **${url}**. Point the AWS CLI or an SDK at it: every call it answers appears in
**Audit**, **Keys** and **Metrics** as it happens, next to what you type in the **Console** (the
same sandbox answers both).

Credentials: access key \`${DEFAULT_ACCESS_KEY_ID}\`, secret \`${DEFAULT_SECRET_ACCESS_KEY}\` (the account 111122223333's
administrator). The Region is the one each request is signed for.

## AWS CLI, in another terminal

\`\`\`
export AWS_ACCESS_KEY_ID=${DEFAULT_ACCESS_KEY_ID}
export AWS_SECRET_ACCESS_KEY=${DEFAULT_SECRET_ACCESS_KEY}
export AWS_DEFAULT_REGION=${region}
aws kms create-key \\
  --endpoint-url ${url}
\`\`\`

## AWS SDK for JavaScript v3

\`\`\`
const kms = new KMSClient({
  region: '${region}',
  endpoint: '${url}',
  credentials: { accessKeyId: '${DEFAULT_ACCESS_KEY_ID}',
    secretAccessKey: '${DEFAULT_SECRET_ACCESS_KEY}' },
});
\`\`\`

A remote call's Audit record carries its caller's address and user agent (Enter on a record
shows it whole). Sandbox controls (X-Amz-Target \`KmsSandbox.<Target>\`): ${CONTROLS}.
Request quotas are enforced, as AWS does. Ctrl-C stops the endpoint and the sandbox.`;
}
