/**
 * Shared helpers for endpoint tests: a KMS endpoint on a free port over a fresh sandbox, an
 * AWS SDK v3 client pointed at it, and raw SigV4-signed requests for what the SDK cannot send
 * (the KmsSandbox control targets, malformed bodies, tampered signatures).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { CreateKeyCommand, KMSClient, KMSServiceException, type CreateKeyCommandInput, type KMSClientConfig } from '@aws-sdk/client-kms';
import { SignatureV4 } from '@smithy/signature-v4';
import { expect } from 'vitest';
import { startKmsServer, type KmsServerOptions } from '../../src/server/kms-server.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sim/index.js';

/** The endpoint's default credentials: access key `test`, secret `test`. */
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** The Region endpoint tests use unless they are about Regions. */
export const ENDPOINT_REGION = 'us-east-1';

/** What `startEndpoint` takes; everything is optional. */
export interface EndpointOptions {
  /** The sandbox to serve; a fresh `createSandbox(sandboxOptions)` when omitted. */
  readonly sandbox?: Sandbox;
  /** Options of the fresh sandbox, e.g. `{ quotas: { enforce: false } }` for files that make many keys. */
  readonly sandboxOptions?: SandboxOptions;
  /** Further server options (credentials, maxBodyBytes, onCall). */
  readonly server?: Partial<Omit<KmsServerOptions, 'sandbox' | 'host' | 'port'>>;
}

/** A running endpoint: its URL, the sandbox behind it, and the function that stops it. */
export interface Endpoint {
  readonly url: string;
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

/** Starts the KMS endpoint on 127.0.0.1 and a free port. */
export async function startEndpoint(options: EndpointOptions = {}): Promise<Endpoint> {
  const sandbox = options.sandbox ?? createSandbox(options.sandboxOptions);
  const server = await startKmsServer({ ...options.server, sandbox, host: '127.0.0.1', port: 0 });
  return { url: server.url, sandbox, close: () => server.close() };
}

/**
 * An AWS SDK v3 KMS client for the endpoint in a Region, with the test credentials and no
 * retries (so a throttled or failed call surfaces at once).
 */
export function kmsClient(url: string, region: string = ENDPOINT_REGION, overrides: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({ region, endpoint: url, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1, ...overrides });
}

/** A key made through the SDK: its id and ARN. */
export interface SdkKey {
  readonly keyId: string;
  readonly arn: string;
}

/** Creates a symmetric encryption key through the SDK (CreateKey); returns its id and ARN. */
export async function createSdkKey(kms: KMSClient, input: CreateKeyCommandInput = {}): Promise<SdkKey> {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand(input));
  if (!KeyMetadata?.KeyId || !KeyMetadata.Arn) return expect.fail(`CreateKey returned no KeyMetadata: ${JSON.stringify(KeyMetadata)}`);
  return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
}

/**
 * The error an SDK call failed with, checked against an AWS error code (the SDK's `name`), the
 * HTTP status (400 unless given) and, when given, a message part (a string the message
 * contains, or a pattern it matches). Fails the test when the call succeeded.
 */
export async function expectSdkError(call: Promise<unknown>, code: string, message?: string | RegExp, status = 400): Promise<KMSServiceException> {
  const settled = await call.then(
    (output: unknown) => ({ ok: true as const, output }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (settled.ok) return expect.fail(`expected ${code}, got ${JSON.stringify(settled.output)}`);
  const error = settled.error;
  if (!(error instanceof KMSServiceException)) return expect.fail(`expected a KMSServiceException ${code}, got ${String(error)}`);
  expect(error.name, error.message).toBe(code);
  expect(error.$metadata.httpStatusCode).toBe(status);
  if (typeof message === 'string') expect(error.message).toContain(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/** SHA-256 (or HMAC-SHA-256 given a secret) over node:crypto, in the shape SignatureV4 wants. */
class NodeSha256 {
  #hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : ArrayBuffer.isView(this.secret) ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.#hash.update(data, 'utf8');
    else if (ArrayBuffer.isView(data)) this.#hash.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    else this.#hash.update(Buffer.from(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = this.#fresh();
  }
}

/** A request sent with `rawRequest`. */
export interface RawRequest {
  /** The X-Amz-Target header, e.g. `TrentService.CreateKey` or `KmsSandbox.GetClock`; omitted when undefined. */
  readonly target?: string;
  /** The body: an object or array is sent as JSON, a string or Buffer as is. `{}` when omitted. */
  readonly body?: unknown;
  /** The Region of the SigV4 credential scope. */
  readonly region?: string;
  /** The credentials to sign with; the test credentials unless given. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Send the request unsigned (no Authorization header). */
  readonly unsigned?: boolean;
  /** The signing time; now unless given (a past date makes a stale signature). */
  readonly signingDate?: Date;
  /** A body to send in place of the signed one, to tamper with a signed request. */
  readonly sendBody?: string | Buffer;
  /** Extra headers, added before signing. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Headers set after signing, to tamper with a signed request. */
  readonly tamperHeaders?: Readonly<Record<string, string>>;
  /** The service of the SigV4 credential scope; `kms` unless given. */
  readonly service?: string;
  /** Whether the signer adds an X-Amz-Content-SHA256 header, as @smithy/signature-v4 does by default; true unless given. */
  readonly payloadHashHeader?: boolean;
  /** The HTTP method; POST unless given. */
  readonly method?: string;
}

/** The reply to a raw request. */
export interface RawResponse {
  readonly status: number;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined) return Buffer.from('{}');
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/**
 * Sends one AWS JSON 1.1 request to the endpoint over node:http, signed with SigV4 by
 * `@smithy/signature-v4` (the SDK's own signer) unless `unsigned` is set.
 */
export async function rawRequest(url: string, request: RawRequest): Promise<RawResponse> {
  const endpoint = new URL(url);
  const body = bodyBytes(request.body);
  const headers: Record<string, string> = {
    host: endpoint.host,
    'content-type': 'application/x-amz-json-1.1',
    ...(request.target === undefined ? {} : { 'x-amz-target': request.target }),
    ...request.headers,
  };
  let sentHeaders = headers;
  if (!request.unsigned) {
    const signer = new SignatureV4({
      service: request.service ?? 'kms',
      region: request.region ?? ENDPOINT_REGION,
      credentials: { ...(request.credentials ?? TEST_CREDENTIALS) },
      sha256: NodeSha256,
      applyChecksum: request.payloadHashHeader ?? true,
    });
    const signed = await signer.sign(
      { method: request.method ?? 'POST', protocol: endpoint.protocol, hostname: endpoint.hostname, port: Number(endpoint.port), path: '/', query: {}, headers, body },
      request.signingDate ? { signingDate: request.signingDate } : {},
    );
    sentHeaders = signed.headers;
  }
  sentHeaders = { ...sentHeaders, ...request.tamperHeaders };
  const payload = request.sendBody === undefined ? body : Buffer.from(request.sendBody);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: endpoint.hostname, port: endpoint.port, method: request.method ?? 'POST', path: '/', headers: { ...sentHeaders, 'content-length': String(payload.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Calls a `KmsSandbox.<Target>` control (GetClock, AdvanceClock, Reset, ListAuditEvents) with
 * a signed request and returns its JSON reply; fails on any status but 200.
 */
export async function sandboxControl<T = Record<string, unknown>>(url: string, target: string, body: Record<string, unknown> = {}, region?: string): Promise<T> {
  const reply = await rawRequest(url, { target: `KmsSandbox.${target}`, body, ...(region ? { region } : {}) });
  if (reply.status !== 200) throw new Error(`KmsSandbox.${target} answered ${reply.status}: ${reply.text}`);
  return reply.json as T;
}
