/**
 * SigV4 authentication at the endpoint: the AWS SDK v3 and raw signed requests with a wrong
 * secret, an unknown access key, no signature, a stale or future timestamp, or a request
 * altered after signing are refused with AWS's error codes, and never reach the simulator.
 */
import { CreateKeyCommand, ListKeysCommand, type KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sim/index.js';
import { createSdkKey, expectSdkError, kmsClient, rawRequest, startEndpoint, type Endpoint } from '../../helpers/endpoint.js';

const MINUTE_MS = 60_000;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

let endpoint: Endpoint;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { quotas: { enforce: false } } });
});

afterAll(async () => {
  await endpoint?.close();
});

/** Runs a test body with a client made for it, destroying the client afterwards. */
async function withClient(client: KMSClient, body: (kms: KMSClient) => Promise<void>): Promise<void> {
  try {
    await body(client);
  } finally {
    client.destroy();
  }
}

describe('SigV4 through the SDK', () => {
  it('accepts the default credentials test/test', async () => {
    await withClient(kmsClient(endpoint.url), async (kms) => {
      const output = await kms.send(new ListKeysCommand({}));

      expect(output.$metadata.httpStatusCode).toBe(200);
    });
  });

  it('refuses a wrong secret with InvalidSignatureException, creating nothing', async () => {
    const before = endpoint.sandbox.keys().length;
    const auditBefore = endpoint.sandbox.audit.size;

    await withClient(kmsClient(endpoint.url, 'us-east-1', { credentials: { accessKeyId: 'test', secretAccessKey: 'not-the-secret' } }), async (kms) => {
      const error = await expectSdkError(kms.send(new CreateKeyCommand({})), 'InvalidSignatureException');

      expect(error.message).toBe(SIGNATURE_MISMATCH);
    });
    expect(endpoint.sandbox.keys()).toHaveLength(before);
    expect(endpoint.sandbox.audit.size).toBe(auditBefore);
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    await withClient(kmsClient(endpoint.url, 'us-east-1', { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' } }), async (kms) => {
      const error = await expectSdkError(kms.send(new ListKeysCommand({})), 'UnrecognizedClientException');

      expect(error.message).toBe('The security token included in the request is invalid.');
    });
  });

  it('refuses a request signed 20 minutes ago with InvalidSignatureException "Signature expired"', async () => {
    await withClient(kmsClient(endpoint.url, 'us-east-1', { systemClockOffset: -20 * MINUTE_MS }), async (kms) => {
      const error = await expectSdkError(kms.send(new ListKeysCommand({})), 'InvalidSignatureException');

      expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    });
  });

  it('refuses a request signed 20 minutes in the future with InvalidSignatureException "Signature not yet current"', async () => {
    await withClient(kmsClient(endpoint.url, 'us-east-1', { systemClockOffset: 20 * MINUTE_MS }), async (kms) => {
      await expectSdkError(kms.send(new ListKeysCommand({})), 'InvalidSignatureException', /^Signature not yet current: /);
    });
  });

  it('accepts a request signed 4 minutes ago, inside the 5-minute skew AWS allows', async () => {
    await withClient(kmsClient(endpoint.url, 'us-east-1', { systemClockOffset: -4 * MINUTE_MS }), async (kms) => {
      const output = await kms.send(new ListKeysCommand({}));

      expect(output.Keys).toEqual(expect.any(Array));
    });
  });

  it('lets an extra access key configured on the server in, as the principal it names', async () => {
    const sandbox = createSandbox();
    const custom = await startEndpoint({
      sandbox,
      server: { credentials: [{ accessKeyId: 'AKIASANDBOXEXAMPLE01', secretAccessKey: 'custom-secret', principal: { ...sandbox.admin, accessKeyId: 'AKIASANDBOXEXAMPLE01' } }] },
    });
    try {
      await withClient(kmsClient(custom.url, 'us-east-1', { credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE01', secretAccessKey: 'custom-secret' } }), async (kms) => {
        const key = await createSdkKey(kms);
        expect(custom.sandbox.audit.items.at(-1)?.userIdentity).toMatchObject({ accessKeyId: 'AKIASANDBOXEXAMPLE01' });
        expect(key.arn).toContain(':us-east-1:');
      });
      await withClient(kmsClient(custom.url), async (kms) => {
        await expectSdkError(kms.send(new ListKeysCommand({})), 'UnrecognizedClientException');
      });
    } finally {
      await custom.close();
    }
  });
});

describe('SigV4 on raw requests', () => {
  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys', unsigned: true });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
  });

  it('refuses an Authorization header of another scheme with IncompleteSignatureException', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys', unsigned: true, headers: { authorization: 'Basic dGVzdDp0ZXN0' } });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ __type: 'IncompleteSignatureException', message: expect.stringContaining('AWS4-HMAC-SHA256') });
  });

  it('refuses a request signed with a date 20 minutes ago with "Signature expired"', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys', signingDate: new Date(Date.now() - 20 * MINUTE_MS) });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) });
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('refuses a body changed after signing (%s an X-Amz-Content-SHA256 header) with InvalidSignatureException, leaving the sandbox alone', async (_with, payloadHashHeader) => {
    const signed = JSON.stringify({ Description: 'signed' });
    const tampered = JSON.stringify({ Description: 'forged' });
    const before = endpoint.sandbox.keys().length;

    const reply = await rawRequest(endpoint.url, { target: 'TrentService.CreateKey', body: signed, sendBody: tampered, payloadHashHeader });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH });
    expect(endpoint.sandbox.keys()).toHaveLength(before);
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('accepts the request when the body is the one signed (%s an X-Amz-Content-SHA256 header)', async (_with, payloadHashHeader) => {
    const before = endpoint.sandbox.keys().length;

    const reply = await rawRequest(endpoint.url, { target: 'TrentService.CreateKey', body: { Description: 'signed' }, payloadHashHeader });

    expect(reply.status).toBe(200);
    expect(endpoint.sandbox.keys()).toHaveLength(before + 1);
  });

  it('refuses an X-Amz-Target changed after signing with InvalidSignatureException', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys', tamperHeaders: { 'x-amz-target': 'TrentService.CreateKey' } });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH });
  });

  it('refuses a signature scoped to another service with InvalidSignatureException', async () => {
    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys', service: 's3' });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'kms'. " });
  });

  it('checks the X-Amz-Date against the wall clock, not the virtual clock 400 days ahead', async () => {
    endpoint.sandbox.advanceClock(400 * 86_400_000);

    const reply = await rawRequest(endpoint.url, { target: 'TrentService.ListKeys' });

    expect(reply.status).toBe(200);
    expect(endpoint.sandbox.clock.nowMs - Date.now()).toBeGreaterThan(399 * 86_400_000);
  });
});
