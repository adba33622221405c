import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationInfo, Principal, Sandbox } from '../sim/index.js';
import { ControlError, runControl } from './control.js';
import { CredentialStore, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type Credential } from './credentials.js';
import { AuthError, verifySigV4 } from './sigv4.js';
import { decodeInput, encodeOutput, SerializationError } from './wire.js';

/** The default port of `kms-sandbox serve`. */
export const DEFAULT_PORT = 4599;
/** The default host: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/**
 * The largest request body accepted. Fidelity: AWS does not publish KMS's request size limit;
 * 1 MiB holds the largest valid request (a 128 KiB policy, a 6 KiB ciphertext) many times over.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One request the endpoint answered: what a TUI pane shows of remote calls. */
export interface RemoteCall {
  readonly requestId: string;
  readonly target: string;
  readonly region: string | undefined;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
}

/** Options of the endpoint. */
export interface KmsServerOptions {
  readonly sandbox: Sandbox;
  readonly host?: string;
  readonly port?: number;
  /** Accepted access keys; by default `test`/`test` as the account's administrator. */
  readonly credentials?: readonly Credential[];
  readonly maxBodyBytes?: number;
  /** Hears every answered request (the seam for showing remote calls live). */
  readonly onCall?: (call: RemoteCall) => void;
}

/** A running endpoint. */
export interface KmsServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly region?: string;
  readonly errorCode?: string;
  /** The request id of a dispatched call, which its audit record carries too. */
  readonly requestId?: string;
}

/**
 * Starts the KMS-compatible endpoint: AWS JSON 1.1 over HTTP for every operation in the
 * registry (`TrentService.<Operation>`) and the sandbox controls (`KmsSandbox.<Target>`).
 * The Region is the one in each request's SigV4 credential scope.
 */
export async function startKmsServer(options: KmsServerOptions): Promise<KmsServer> {
  const { sandbox } = options;
  const credentials = new CredentialStore(
    options.credentials ?? [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY, principal: sandbox.admin }],
  );
  const operations = new Map<string, OperationInfo>(sandbox.operations.map((op) => [op.name, op]));
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;

  // Plain callbacks rather than a promise chain: no promise and no microtask hops per request.
  const server: Server = createServer((req, res) => {
    readBody(req, maxBody, (failure, body) => {
      let reply: Reply;
      if (failure !== undefined) reply = failure instanceof BodyTooLarge ? tooLarge(failure.size, maxBody) : internalError(failure);
      else {
        try {
          reply = answer(req, body);
        } catch (caught) {
          reply = internalError(caught);
        }
      }
      send(req, res, reply);
    });
  });

  function answer(req: IncomingMessage, body: Buffer): Reply {
    if (req.method !== 'POST') return error(405, 'UnknownOperationException', `The endpoint takes POST / with an X-Amz-Target header; got ${req.method}.`);
    const target = headerText(req, 'x-amz-target');
    let principal: Principal;
    let region: string;
    try {
      const verified = verifySigV4({ method: req.method, url: req.url ?? '/', headers: req.headers, body }, (id) => credentials.get(id)?.secretAccessKey);
      principal = credentials.get(verified.accessKeyId)?.principal ?? sandbox.admin;
      region = verified.region;
    } catch (caught) {
      if (caught instanceof AuthError) return error(400, caught.code, caught.message);
      throw caught;
    }
    const dot = target?.indexOf('.') ?? -1;
    const service = target && dot > 0 ? target.slice(0, dot) : undefined;
    const name = target && dot > 0 ? target.slice(dot + 1) : '';
    let request: Record<string, unknown>;
    try {
      request = parseJsonObject(body);
    } catch (caught) {
      if (caught instanceof SerializationError) return { ...error(400, 'SerializationException', caught.message), region };
      throw caught;
    }
    if (service === 'KmsSandbox') {
      try {
        return { status: 200, body: encodeOutput(runControl(sandbox, name, request)), region };
      } catch (caught) {
        if (caught instanceof ControlError) return { ...error(400, caught.code, caught.message), region };
        throw caught;
      }
    }
    const operation = service === 'TrentService' ? operations.get(name) : undefined;
    if (!operation) return { ...error(400, 'UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target header)'}`), region };
    let input: Record<string, unknown>;
    try {
      input = decodeInput(operation.input, request);
    } catch (caught) {
      if (caught instanceof SerializationError) return { ...error(400, 'SerializationException', caught.message), region };
      throw caught;
    }
    const outcome = sandbox.call(region, principal, operation.name, input, {
      sourceIPAddress: interned(req.socket.remoteAddress ?? '127.0.0.1'),
      userAgent: interned(headerText(req, 'user-agent') ?? 'unknown'),
    });
    // The reply's x-amzn-RequestId is the audit record's requestID, as in CloudTrail.
    if (outcome.ok) return { status: 200, body: encodeOutput(outcome.output), region, requestId: outcome.requestId };
    // AWS's model: DependencyTimeoutException is a 503, the other faults 500, client errors 400.
    const status = !outcome.error.fault ? 400 : outcome.error.code === 'DependencyTimeoutException' ? 503 : 500;
    return { ...error(status, outcome.error.code, outcome.error.message), region, requestId: outcome.requestId };
  }

  function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    // A reply that no dispatched call answered (refused before dispatch) gets an id of its own.
    const requestId = reply.requestId ?? randomUUID();
    res.writeHead(reply.status, {
      'Content-Type': JSON_11,
      'Content-Length': Buffer.byteLength(reply.body),
      'x-amzn-RequestId': requestId,
    });
    res.end(reply.body);
    options.onCall?.({
      requestId,
      target: headerText(req, 'x-amz-target') ?? '',
      region: reply.region,
      status: reply.status,
      errorCode: reply.errorCode,
      sourceIp: req.socket.remoteAddress,
      userAgent: headerText(req, 'user-agent'),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

class BodyTooLarge extends Error {
  constructor(readonly size: number) {
    super('body too large');
  }
}

const JSON_11 = 'application/x-amz-json-1.1';
const NO_BODY = Buffer.alloc(0);

/**
 * Reads a request body of at most `max` bytes, then calls `done` once: with the body, or with
 * why it could not be read (BodyTooLarge, or the request's error).
 */
function readBody(req: IncomingMessage, max: number, done: (failure: unknown, body: Buffer) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    req.resume();
    done(new BodyTooLarge(declared), NO_BODY);
    return;
  }
  let settled = false;
  const settle = (failure: unknown, body: Buffer) => {
    if (settled) return;
    settled = true;
    done(failure, body);
  };
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) {
      req.removeAllListeners('data');
      req.resume();
      settle(new BodyTooLarge(size), NO_BODY);
      return;
    }
    if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on('end', () => settle(undefined, more ? Buffer.concat(more, size) : (first ?? NO_BODY)));
  req.on('error', (error) => settle(error, NO_BODY));
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (caught) {
    // Fidelity: AWS answers a malformed body with a bare SerializationException; the sandbox
    // says what is wrong with it.
    throw new SerializationError(`The request body is not valid JSON: ${(caught as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SerializationError(`The request body must be a JSON object; got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}.`);
  return parsed as Record<string, unknown>;
}

const INTERNED = new Map<string, string>();

/**
 * One string for each text seen before. Every audit record keeps its caller's address and user
 * agent, and node:http makes a fresh string of a header for every request: a client's records
 * share one instead of each keeping its own copy.
 */
function interned(text: string): string {
  const known = INTERNED.get(text);
  if (known !== undefined) return known;
  if (INTERNED.size >= 1000) INTERNED.clear();
  INTERNED.set(text, text);
  return text;
}

function headerText(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function error(status: number, code: string, message: string): Reply {
  // Errors AWS sends without a message (InvalidCiphertextException, KMSInvalidSignatureException,
  // KMSInvalidMacException, …) have no message member on the wire, as in AWS.
  return { status, body: JSON.stringify(message ? { __type: code, message } : { __type: code }), errorCode: code };
}

function tooLarge(size: number, max: number): Reply {
  // Fidelity: AWS's front end answers oversized requests itself; the sandbox names the limit.
  return error(413, 'RequestEntityTooLargeException', `The request body (${size} bytes) is larger than the endpoint accepts (${max} bytes).`);
}

function internalError(caught: unknown): Reply {
  // A bug in the sandbox: answered as KMS answers its own faults, with the reason for the log.
  const message = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  return error(500, 'KMSInternalException', `The sandbox failed unexpectedly: ${message}`);
}
