import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Why a request's SigV4 authentication failed, with AWS's error code and message. */
export class AuthError extends Error {
  override name = 'AuthError' as const;

  constructor(
    readonly code:
      | 'MissingAuthenticationTokenException'
      | 'IncompleteSignatureException'
      | 'InvalidSignatureException'
      | 'UnrecognizedClientException',
    message: string,
  ) {
    super(message);
  }
}

/** What verification needs from an HTTP request. */
export interface SignedRequest {
  readonly method: string;
  /** The raw request target: path and query string. */
  readonly url: string;
  /** Header names lower-cased; repeated headers joined by commas (as node:http does). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** The parts of a verified request that matter to the caller. */
export interface VerifiedRequest {
  readonly accessKeyId: string;
  /** The Region of the credential scope: the Region the request is for. */
  readonly region: string;
}

/** The most a request's X-Amz-Date may differ from the server's clock: AWS allows 5 minutes. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const AUTH = /^AWS4-HMAC-SHA256\s+(.*)$/s;

/**
 * Verifies an AWS Signature Version 4 `Authorization` header for the `kms` service.
 * `secretFor` returns the secret of an access key, or undefined for an unknown key.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 *
 * Fidelity: the request time is checked against the wall clock, not the sandbox's virtual
 * clock: SDKs sign with the real time, whatever the sandbox's date.
 */
export function verifySigV4(request: SignedRequest, secretFor: (accessKeyId: string) => string | undefined, nowMs = Date.now()): VerifiedRequest {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) throw new AuthError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  const match = AUTH.exec(authorization.trim());
  if (!match) throw new AuthError('IncompleteSignatureException', `Authorization header requires the AWS4-HMAC-SHA256 algorithm. Authorization=${authorization.split(/\s/)[0] ?? ''}`);
  const parts = parseAuthParameters(match[1] ?? '');
  const credential = parts.get('Credential');
  const signedHeadersText = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signedHeadersText || !signature) {
    const missing = [['Credential', credential], ['SignedHeaders', signedHeadersText], ['Signature', signature]].filter(([, v]) => !v).map(([k]) => k);
    throw new AuthError('IncompleteSignatureException', `Authorization header requires ${missing.map((m) => `'${m}'`).join(', ')} parameter(s). Authorization=${authorization}`);
  }

  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = credential.split('/');
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || terminator !== 'aws4_request')
    throw new AuthError('IncompleteSignatureException', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  if (service !== 'kms') throw new AuthError('InvalidSignatureException', "Credential should be scoped to correct service: 'kms'. ");

  const amzDate = header(request, 'x-amz-date') ?? header(request, 'date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate))
    throw new AuthError('IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  if (!amzDate.startsWith(date)) throw new AuthError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  checkSkew(amzDate, nowMs);

  const secret = secretFor(accessKeyId);
  if (secret === undefined) throw new AuthError('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const signedHeaders = signedHeadersText.split(';');
  if (!signedHeaders.includes('host')) throw new AuthError('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const canonical = canonicalRequest(request, signedHeaders);
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
  const expected = createHmac('sha256', signingKey(secret, date, region, service)).update(stringToSign).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AuthError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  return { accessKeyId, region };
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAuthParameters(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const piece of text.split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  return parts;
}

function checkSkew(amzDate: string, nowMs: number): void {
  const when = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  if (Number.isNaN(when)) throw new AuthError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
  if (when < nowMs - MAX_CLOCK_SKEW_MS)
    throw new AuthError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${stamp(nowMs - MAX_CLOCK_SKEW_MS)} (${stamp(nowMs)} - 5 min.)`);
  if (when > nowMs + MAX_CLOCK_SKEW_MS)
    throw new AuthError('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${stamp(nowMs + MAX_CLOCK_SKEW_MS)} (${stamp(nowMs)} + 5 min.)`);
}

/** The SigV4 canonical request of an HTTP request. */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const queryAt = request.url.indexOf('?');
  const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const headers = signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  // The payload hash is always that of the body received: trusting a declared
  // X-Amz-Content-SHA256 would let a body be changed after signing.
  const payloadHash = sha256Hex(request.body);
  return [request.method, canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function canonicalPath(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? '' : pair.slice(eq + 1);
      return [uriEncode(safeDecode(key)), uriEncode(safeDecode(value))] as const;
    })
    .sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** crypto.hash (Node 20.12+): a one-shot digest without a Hash object per call. */
const oneShotHash = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

function sha256Hex(data: string | Buffer): string {
  return oneShotHash ? oneShotHash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

const SIGNING_KEYS = new Map<string, Buffer>();

/** The SigV4 signing key for a secret, date, Region and service (cached: it changes daily). */
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\u0000${date}\u0000${region}\u0000${service}`;
  let key = SIGNING_KEYS.get(id);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (SIGNING_KEYS.size > 1000) SIGNING_KEYS.clear();
    SIGNING_KEYS.set(id, key);
  }
  return key;
}
