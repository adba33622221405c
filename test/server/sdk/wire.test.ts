/**
 * Wire fidelity of the endpoint, checked with raw SigV4-signed HTTP requests: the AWS JSON 1.1
 * shapes of replies and errors, the request id header, and how malformed requests are refused.
 */
import { createPublicKey, randomUUID, verify as cryptoVerify } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { GenerateRandomCommand, KMSInternalException, KMSServiceException } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Outcome, type Sandbox } from '../../../src/sim/index.js';
import { expectSdkError, kmsClient, rawRequest, startEndpoint, type Endpoint, type RawRequest, type RawResponse } from '../../helpers/endpoint.js';

const START = new Date('2030-01-01T00:00:00.250Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const JSON_11 = 'application/x-amz-json-1.1';
const ONE_MIB = 1024 * 1024;

let endpoint: Endpoint;

beforeAll(async () => {
  endpoint = await startEndpoint({ sandboxOptions: { start: START, quotas: { enforce: false } } });
});

afterAll(async () => {
  await endpoint?.close();
});

function trent(operation: string, body: unknown, extra: Partial<RawRequest> = {}) {
  return rawRequest(endpoint.url, { target: `TrentService.${operation}`, body, ...extra });
}

async function createRawKey(): Promise<{ KeyId: string; Arn: string; CreationDate: unknown }> {
  const reply = await trent('CreateKey', {});
  expect(reply.status).toBe(200);
  return (reply.json as { KeyMetadata: { KeyId: string; Arn: string; CreationDate: unknown } }).KeyMetadata;
}

/** Sends an unsigned body in chunks, without Content-Length, as a streaming client would. */
function sendChunked(chunks: readonly Buffer[]): Promise<{ status: number; requestId: unknown; json: unknown }> {
  const target = new URL(endpoint.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: 'POST', path: '/', headers: { 'content-type': JSON_11, 'x-amz-target': 'TrentService.ListKeys', 'transfer-encoding': 'chunked' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: res.headers['x-amzn-requestid'], json: JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown }));
        res.on('error', reject);
      },
    );
    // The server may answer and stop reading before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('x-amzn-RequestId', () => {
  it.each<[string, RawRequest]>([
    ['a success', { target: 'TrentService.ListKeys', body: {} }],
    ['an AWS error', { target: 'TrentService.DescribeKey', body: { KeyId: 'not-a-key' } }],
    ['an unknown target', { target: 'TrentService.FlyToTheMoon', body: {} }],
    ['malformed JSON', { target: 'TrentService.ListKeys', body: '{"Limit": ' }],
    ['an unsigned request', { target: 'TrentService.ListKeys', body: {}, unsigned: true }],
    ['a wrong secret', { target: 'TrentService.ListKeys', body: {}, credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' } }],
    ['a control target', { target: 'KmsSandbox.GetClock', body: {} }],
    ['a GET', { target: 'TrentService.ListKeys', body: '', method: 'GET' }],
    ['an oversized body', { target: 'TrentService.ListKeys', body: Buffer.alloc(ONE_MIB + 1, 0x20) }],
  ])('is a fresh UUID on the reply to %s', async (_case, request) => {
    const first = await rawRequest(endpoint.url, request);
    const second = await rawRequest(endpoint.url, request);

    expect(first.headers['x-amzn-requestid']).toMatch(UUID);
    expect(second.headers['x-amzn-requestid']).toMatch(UUID);
    expect(first.headers['x-amzn-requestid']).not.toBe(second.headers['x-amzn-requestid']);
    expect(first.headers['content-type']).toBe(JSON_11);
  });

  it("is the requestID of the call's CloudTrail record", async () => {
    const reply = await trent('DescribeKey', { KeyId: 'not-a-key' });

    expect(endpoint.sandbox.audit.items.at(-1)).toMatchObject({ eventName: 'DescribeKey', requestID: reply.headers['x-amzn-requestid'] });
  });
});

describe('Errors', () => {
  it('are HTTP 400 with a body of exactly __type and message', async () => {
    const reply = await trent('DescribeKey', { KeyId: 'not-a-key' });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'NotFoundException', message: "Invalid keyId 'not-a-key'" });
  });

  it.each([
    ['an operation the registry lacks', 'TrentService.FlyToTheMoon', 'Unknown operation TrentService.FlyToTheMoon'],
    ['a target of another service', 'DynamoDB_20120810.ListTables', 'Unknown operation DynamoDB_20120810.ListTables'],
    ['a target without a service prefix', 'ListKeys', 'Unknown operation ListKeys'],
    ['no X-Amz-Target header', undefined, 'Unknown operation (no X-Amz-Target header)'],
  ])('answer %s with UnknownOperationException', async (_case, target, message) => {
    const reply = await rawRequest(endpoint.url, { ...(target === undefined ? {} : { target }), body: {} });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'UnknownOperationException', message });
  });

  it('answer a method other than POST with HTTP 405 UnknownOperationException', async () => {
    const reply = await trent('ListKeys', '', { method: 'GET' });

    expect(reply.status).toBe(405);
    expect(reply.json).toEqual({ __type: 'UnknownOperationException', message: 'The endpoint takes POST / with an X-Amz-Target header; got GET.' });
  });
});

describe('Request bodies', () => {
  it('refuses malformed JSON with SerializationException', async () => {
    const reply = await trent('ListKeys', '{"Limit": ');

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ __type: 'SerializationException', message: expect.stringContaining('The request body is not valid JSON') });
  });

  it.each([
    ['a JSON array', '[]', 'The request body must be a JSON object; got an array.'],
    ['JSON null', 'null', 'The request body must be a JSON object; got null.'],
    ['a JSON string', '"ListKeys"', 'The request body must be a JSON object; got string.'],
    ['a JSON number', '5', 'The request body must be a JSON object; got number.'],
  ])('refuses %s as the body with SerializationException', async (_case, body, message) => {
    const reply = await trent('ListKeys', body);

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'SerializationException', message });
  });

  it('takes an empty body as an empty request', async () => {
    const reply = await trent('GenerateRandom', '');

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining("at 'numberOfBytes'") });
  });

  it.each([
    ['DescribeKey', { KeyId: 5 }, "Value '5' at 'keyId' failed to satisfy constraint: Member must be of type string"],
    ['GenerateRandom', { NumberOfBytes: 'x' }, "Value 'x' at 'numberOfBytes' failed to satisfy constraint: Member must be of type integer"],
    ['ListKeys', { Limit: 1.5 }, "Value '1.5' at 'limit' failed to satisfy constraint: Member must be of type integer"],
    ['CreateKey', { Tags: 'team' }, "Value 'team' at 'tags' failed to satisfy constraint: Member must be of type list"],
    ['CreateKey', { Tags: [{ TagKey: 1, TagValue: 'x' }] }, "Value '1' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must be of type string"],
    ['Decrypt', { CiphertextBlob: 5 }, "Value at 'ciphertextBlob' failed to satisfy constraint: Member must be of type blob"],
  ])('refuses a wrongly typed field of %s with a ValidationException naming it: %j', async (operation, body, detail) => {
    const reply = await trent(operation, body);

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'ValidationException', message: `1 validation error detected: ${detail}` });
  });

  it.each([
    ['Decrypt', { CiphertextBlob: '!!!not base64' }, 'CiphertextBlob'],
    ['Encrypt', { KeyId: 'alias/any', Plaintext: 'aGk=\n' }, 'Plaintext'],
    ['Encrypt', { KeyId: 'alias/any', Plaintext: 'a' }, 'Plaintext'],
  ])('refuses invalid base64 in a blob of %s with SerializationException naming it', async (operation, body, member) => {
    const reply = await trent(operation, body);

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'SerializationException', message: `Value of ${member} is not valid base64.` });
  });

  it('ignores members the operation does not have', async () => {
    const reply = await trent('GenerateRandom', { NumberOfBytes: 8, NotAMember: true });

    expect(reply.status).toBe(200);
    expect(Buffer.from((reply.json as { Plaintext: string }).Plaintext, 'base64')).toHaveLength(8);
  });

  it('refuses a body over 1 MiB with HTTP 413 naming the size and the limit', async () => {
    const reply = await trent('Encrypt', Buffer.alloc(ONE_MIB + 1, 0x20));

    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({
      __type: 'RequestEntityTooLargeException',
      message: `The request body (${ONE_MIB + 1} bytes) is larger than the endpoint accepts (${ONE_MIB} bytes).`,
    });
  });

  it('refuses a chunked body that grows past 1 MiB with HTTP 413', async () => {
    const reply = await sendChunked([Buffer.alloc(ONE_MIB / 2, 0x20), Buffer.alloc(ONE_MIB / 2, 0x20), Buffer.alloc(1024, 0x20)]);

    expect(reply.status).toBe(413);
    expect(reply.requestId).toMatch(UUID);
    expect(reply.json).toMatchObject({ __type: 'RequestEntityTooLargeException', message: expect.stringContaining(`(${ONE_MIB} bytes)`) });
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const padded = Buffer.alloc(ONE_MIB, 0x20);
    Buffer.from('{"NumberOfBytes": 4}').copy(padded);

    const reply = await trent('GenerateRandom', padded);

    expect(reply.status).toBe(200);
  });
});

describe('Replies', () => {
  it('give timestamps as epoch-second numbers', async () => {
    const key = await createRawKey();

    const scheduled = await trent('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 });

    expect(key.CreationDate).toBe(START.getTime() / 1000);
    expect(typeof key.CreationDate).toBe('number');
    expect((scheduled.json as { DeletionDate: unknown }).DeletionDate).toBe(START.getTime() / 1000 + 7 * 86_400);
  });

  it('give blobs as base64 strings that round-trip Encrypt and Decrypt', async () => {
    const key = await createRawKey();
    const plaintext = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);

    const encrypted = await trent('Encrypt', { KeyId: key.KeyId, Plaintext: plaintext.toString('base64') });
    const { CiphertextBlob, KeyId } = encrypted.json as { CiphertextBlob: string; KeyId: string };
    const decrypted = await trent('Decrypt', { CiphertextBlob });

    expect(encrypted.status).toBe(200);
    expect(KeyId).toBe(key.Arn);
    expect(CiphertextBlob).toEqual(expect.any(String));
    expect(CiphertextBlob).toMatch(BASE64);
    expect(decrypted.json).toMatchObject({ KeyId: key.Arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('give a GenerateDataKey Plaintext as base64 of the requested length', async () => {
    const key = await createRawKey();

    const reply = await trent('GenerateDataKey', { KeyId: key.KeyId, NumberOfBytes: 24 });

    const { Plaintext, CiphertextBlob } = reply.json as { Plaintext: string; CiphertextBlob: string };
    expect(Plaintext).toMatch(BASE64);
    expect(Buffer.from(Plaintext, 'base64')).toHaveLength(24);
    expect(CiphertextBlob).toMatch(BASE64);
  });

  it('leave out members that have no value rather than sending null', async () => {
    const key = await createRawKey();

    const reply = await trent('DescribeKey', { KeyId: key.KeyId });

    expect(reply.text).not.toContain('null');
    expect(reply.json).not.toHaveProperty('KeyMetadata.DeletionDate');
  });
});

async function createRawAsymmetricKey(KeySpec: string, KeyUsage: string): Promise<{ KeyId: string; Arn: string }> {
  const reply = await trent('CreateKey', { KeySpec, KeyUsage });
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as { KeyMetadata: { KeyId: string; Arn: string } }).KeyMetadata;
}

describe('Asymmetric and HMAC replies', () => {
  const message = Buffer.from('signed on the wire').toString('base64');

  it('give a Sign Signature as base64 (a DER ECDSA signature that node:crypto verifies), with the key ARN and the algorithm', async () => {
    const key = await createRawAsymmetricKey('ECC_NIST_P256', 'SIGN_VERIFY');

    const reply = await trent('Sign', { KeyId: key.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' });
    const publicKey = await trent('GetPublicKey', { KeyId: key.KeyId });

    expect(reply.status).toBe(200);
    const body = reply.json as { KeyId: string; Signature: string; SigningAlgorithm: string };
    expect(Object.keys(body).sort()).toEqual(['KeyId', 'Signature', 'SigningAlgorithm']);
    expect(body).toMatchObject({ KeyId: key.Arn, SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(body.Signature).toMatch(BASE64);
    const spki = (publicKey.json as { PublicKey: string }).PublicKey;
    expect(spki).toMatch(BASE64);
    const verifier = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    expect(cryptoVerify('sha256', Buffer.from(message, 'base64'), verifier, Buffer.from(body.Signature, 'base64'))).toBe(true);
  });

  it('answer a Verify that succeeds with SignatureValid true and the key ARN', async () => {
    const key = await createRawAsymmetricKey('ECC_NIST_P256', 'SIGN_VERIFY');
    const { Signature } = (await trent('Sign', { KeyId: key.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })).json as { Signature: string };

    const reply = await trent('Verify', { KeyId: key.KeyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' });

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ KeyId: key.Arn, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' });
  });

  it('answer a failed Verify with HTTP 400 and a body of exactly {"__type":"KMSInvalidSignatureException"}, with no message member', async () => {
    const key = await createRawAsymmetricKey('ECC_NIST_P256', 'SIGN_VERIFY');
    const { Signature } = (await trent('Sign', { KeyId: key.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })).json as { Signature: string };

    const reply = await trent('Verify', { KeyId: key.KeyId, Message: Buffer.from('another message').toString('base64'), Signature, SigningAlgorithm: 'ECDSA_SHA_256' });

    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe(JSON_11);
    expect(reply.headers['x-amzn-requestid']).toMatch(UUID);
    expect(reply.text).toBe('{"__type":"KMSInvalidSignatureException"}');
  });

  it.each<[string, string, () => Promise<RawResponse>]>([
    [
      'a failed VerifyMac',
      'KMSInvalidMacException',
      async () => {
        const key = await createRawAsymmetricKey('HMAC_256', 'GENERATE_VERIFY_MAC');
        return trent('VerifyMac', { KeyId: key.KeyId, Message: message, Mac: Buffer.alloc(32).toString('base64'), MacAlgorithm: 'HMAC_SHA_256' });
      },
    ],
    ['GetPublicKey of a symmetric key', 'UnsupportedOperationException', async () => trent('GetPublicKey', { KeyId: (await createRawKey()).KeyId })],
    [
      'a Decrypt of a garbage RSA ciphertext',
      'InvalidCiphertextException',
      async () => {
        const key = await createRawAsymmetricKey('RSA_2048', 'ENCRYPT_DECRYPT');
        return trent('Decrypt', { KeyId: key.KeyId, CiphertextBlob: Buffer.alloc(256, 1).toString('base64'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
      },
    ],
  ])('answer %s with HTTP 400 and a body of only __type (%s)', async (_case, code, send) => {
    const reply = await send();

    expect(reply.status).toBe(400);
    expect(reply.text).toBe(JSON.stringify({ __type: code }));
  });

  it('keep the message of an error that has one (InvalidKeyUsageException)', async () => {
    const key = await createRawAsymmetricKey('HMAC_224', 'GENERATE_VERIFY_MAC');

    const reply = await trent('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' });

    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ __type: 'InvalidKeyUsageException', message: 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.' });
  });
});

/** A real sandbox whose one operation fails as a server fault does, or throws like a bug. */
function sandboxWithFault(sandbox: Sandbox, operation: string, how: 'fault outcome' | 'bug'): Sandbox {
  const call = (region: string, principal: Sandbox['admin'], name: string, input: unknown, origin?: unknown): Outcome => {
    if (name !== operation) return sandbox.call(region, principal, name, input, origin as never);
    if (how === 'bug') throw new Error('the HSM cluster vanished');
    return { ok: false, error: { code: 'KMSInternalException', message: 'An internal error occurred.', fault: true }, requestId: randomUUID() };
  };
  return new Proxy(sandbox, { get: (target, prop) => (prop === 'call' ? call : Reflect.get(target, prop, target)) });
}

describe('Server faults', () => {
  it.each([
    ['a fault outcome of the simulator', 'fault outcome', 'An internal error occurred.'],
    ['an unexpected error in the sandbox', 'bug', 'The sandbox failed unexpectedly: Error: the HSM cluster vanished'],
  ] as const)('answer %s with HTTP 500 KMSInternalException, which the SDK reports as a server fault', async (_case, how, message) => {
    const faulty = await startEndpoint({ sandbox: sandboxWithFault(createSandbox(), 'GenerateRandom', how) });
    const kms = kmsClient(faulty.url);
    try {
      const raw = await rawRequest(faulty.url, { target: 'TrentService.GenerateRandom', body: { NumberOfBytes: 8 } });
      const error = await expectSdkError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 })), 'KMSInternalException', message, 500);

      expect(raw.status).toBe(500);
      expect(raw.json).toEqual({ __type: 'KMSInternalException', message });
      expect(raw.headers['x-amzn-requestid']).toMatch(UUID);
      expect(error).toBeInstanceOf(KMSInternalException);
      expect(error).toBeInstanceOf(KMSServiceException);
      expect(error.$fault).toBe('server');
      expect(error.$metadata.attempts).toBe(1);
    } finally {
      kms.destroy();
      await faulty.close();
    }
  });
});
