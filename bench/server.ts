/**
 * Benchmark: Encrypt (4 KiB plaintext) requests per second through the KMS endpoint with SigV4
 * verification on, next to a bare node:http server answering a fixed JSON body (Node's ceiling
 * on this machine), both driven by the same autocannon load in one run, rounds interleaved.
 * Each server runs in its own child process, so that neither shares an event loop with the load
 * generator; both are measured the same way. Prints both rates, their ratio, and the CPU time
 * each server spent per request (which does not depend on how fast the load generator is).
 * Goal (issue #3): the endpoint reaches at least 40% of the bare ceiling.
 *
 * Every request is the same SigV4-signed Encrypt request, replayed: the endpoint verifies its
 * signature (and the body's hash) each time. A signature is good for 5 minutes, so it is
 * re-signed before each round.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes, type Hash, type Hmac } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { startKmsServer } from '../src/server/kms-server.js';
import { createSandbox, DEFAULT_REGION } from '../src/sim/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 24);
const REGION = DEFAULT_REGION;
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The environment variable that hands the bare server its reply. */
const BARE_BODY_VARIABLE = 'KMS_SANDBOX_BENCH_BARE_BODY';

/** Messages from a server child to the benchmark. */
type ChildMessage =
  | { readonly type: 'listening'; readonly url: string }
  | { readonly type: 'key'; readonly arn: string }
  | { readonly type: 'cpu'; readonly micros: number };
/** Messages from the benchmark to a server child. */
type ParentMessage = { readonly type: 'freshKey' } | { readonly type: 'cpu' };

// ---------------------------------------------------------------------------------------------
// The server children. Both report the CPU time they have used when asked.

/** The endpoint child: a sandbox whose quotas never throttle, behind `startKmsServer`. */
async function runEndpointChild(): Promise<void> {
  const sandbox = createSandbox({ quotas: { overrides: { 'symmetric-cryptographic': 1e12 } } });
  const server = await startKmsServer({ sandbox, host: '127.0.0.1', port: 0 });
  answerParent((message) => {
    if (message.type !== 'freshKey') return;
    // A fresh sandbox per round keeps the audit trail's growth from one round out of the next.
    sandbox.reset();
    const created = sandbox.call(REGION, sandbox.admin, 'CreateKey', {});
    if (!created.ok) throw new Error(`CreateKey failed: ${created.error.code}: ${created.error.message}`);
    send({ type: 'key', arn: created.output.KeyMetadata.Arn });
  });
  send({ type: 'listening', url: server.url });
}

/**
 * The bare child: node:http reading each request body and answering a fixed JSON body (a real
 * Encrypt reply, so both servers put the same bytes on the wire).
 */
async function runBareChild(): Promise<void> {
  const body = Buffer.from(process.env[BARE_BODY_VARIABLE] ?? '');
  if (body.length === 0) throw new Error(`the bare server needs its reply in ${BARE_BODY_VARIABLE}`);
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Content-Length': body.length, 'x-amzn-RequestId': 'bare' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerParent(() => undefined);
  send({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/** Handles the benchmark's messages: `cpu` here, the rest in `handle`; exits when the benchmark goes. */
function answerParent(handle: (message: ParentMessage) => void): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'cpu') return handle(message);
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', micros: user + system });
  });
  process.once('disconnect', () => process.exit(0));
}

function send(message: ChildMessage): void {
  if (!process.send) throw new Error('a server child must be started by the benchmark (with an IPC channel)');
  process.send(message);
}

// ---------------------------------------------------------------------------------------------
// The load generator.

/** The parts of autocannon's options and results this benchmark uses (the package has no types). */
interface LoadOptions {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly connections: number;
  readonly duration: number;
}
interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly duration: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodeStats: Record<string, { readonly count: number }>;
}
type Autocannon = (options: LoadOptions) => Promise<LoadResult>;

/** SHA-256 (or HMAC-SHA-256 given a secret) over node:crypto, in the shape SignatureV4 wants. */
class NodeSha256 {
  #hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    return createHmac('sha256', typeof this.secret === 'string' ? this.secret : bytes(this.secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.#hash.update(data, 'utf8');
    else this.#hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = this.#fresh();
  }
}

function bytes(data: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** A request autocannon replays: signed headers and the body they sign. */
interface ReplayedRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A server child under test. */
interface ServerChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
}

/** What one round measured. */
interface RoundResult {
  readonly rate: number;
  /** The server's CPU time per request, in microseconds. */
  readonly cpuPerRequest: number;
  /** The server's CPU use over the round, as a share of one core. */
  readonly serverCpu: number;
  /** The load generator's CPU use over the round, as a share of one core. */
  readonly loadCpu: number;
  readonly latency: LoadResult['latency'];
}

/** Starts this file again as a server child of a role; resolves once it listens. */
function startChild(role: 'endpoint' | 'bare', env: NodeJS.ProcessEnv = process.env): Promise<ServerChild> {
  const child = fork(fileURLToPath(import.meta.url), [role], { stdio: 'inherit', env });
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the ${role} server exited (${code}) before listening`));
    child.once('error', reject);
    child.once('exit', exited);
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'listening') return;
      child.off('exit', exited);
      resolve({ name: role, child, url: message.url });
    });
  });
}

/** Sends a child a message and resolves with its first reply of a type. */
function ask<T extends ChildMessage['type']>(server: ServerChild, message: ParentMessage, replyType: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the ${server.name} server exited (${code}) instead of answering ${message.type}`));
    const listen = (reply: ChildMessage) => {
      if (reply.type !== replyType) return;
      server.child.off('message', listen);
      server.child.off('exit', exited);
      resolve(reply as Extract<ChildMessage, { type: T }>);
    };
    server.child.on('message', listen);
    server.child.once('exit', exited);
    server.child.send(message);
  });
}

/** Sends one request with node:http: the check of a signed request before a round. */
function probe(url: string, request: ReplayedRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: request.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function runBenchmark(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const signer = new SignatureV4({ service: 'kms', region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: NodeSha256 });
  const plaintext = randomBytes(4096).toString('base64');

  /** An Encrypt request for a key, signed now. */
  async function signedEncrypt(url: string, keyArn: string): Promise<ReplayedRequest> {
    const { hostname, port, host } = new URL(url);
    const body = JSON.stringify({ KeyId: keyArn, Plaintext: plaintext, EncryptionContext: { purpose: 'bench', tenant: 'acme' } });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/',
      query: {},
      headers: { host, 'content-type': CONTENT_TYPE, 'x-amz-target': 'TrentService.Encrypt' },
      body,
    });
    return { headers: signed.headers, body };
  }

  /** One round against a server; fails loudly on any error or non-2xx reply. */
  async function round(server: ServerChild, request: ReplayedRequest, seconds: number): Promise<RoundResult> {
    const cpuBefore = (await ask(server, { type: 'cpu' }, 'cpu')).micros;
    const loadBefore = process.cpuUsage();
    const started = performance.now();
    const result = await autocannon({ url: server.url, method: 'POST', headers: request.headers, body: request.body, connections: CONNECTIONS, duration: seconds });
    const elapsedMicros = (performance.now() - started) * 1000;
    const load = process.cpuUsage(loadBefore);
    const cpuAfter = (await ask(server, { type: 'cpu' }, 'cpu')).micros;
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.requests.total === 0)
      throw new Error(
        `${server.name}: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; status codes ${JSON.stringify(result.statusCodeStats)}`,
      );
    return {
      rate: result.requests.average,
      cpuPerRequest: (cpuAfter - cpuBefore) / result.requests.total,
      serverCpu: (cpuAfter - cpuBefore) / elapsedMicros,
      loadCpu: (load.user + load.system) / elapsedMicros,
      latency: result.latency,
    };
  }

  const endpoint = await startChild('endpoint');
  let bare: ServerChild | undefined;
  try {
    // A round against the endpoint: a fresh key, a freshly signed request, checked, then measured.
    const endpointRequest = async () => {
      const request = await signedEncrypt(endpoint.url, (await ask(endpoint, { type: 'freshKey' }, 'key')).arn);
      const checked = await probe(endpoint.url, request);
      if (checked.status !== 200) throw new Error(`the signed Encrypt request failed: ${checked.status} ${checked.body}`);
      return { request, reply: checked.body };
    };
    // The endpoint's reply to a real Encrypt is the bare server's fixed body.
    const { reply } = await endpointRequest();
    bare = await startChild('bare', { ...process.env, [BARE_BODY_VARIABLE]: reply });
    const bareServer = bare;
    const bareRequest = async () => {
      const request = await signedEncrypt(bareServer.url, 'arn:aws:kms:us-east-1:111122223333:key/bare');
      if ((await probe(bareServer.url, request)).body !== reply) throw new Error('the bare server does not answer with the Encrypt reply');
      return request;
    };

    // Warm both servers (and the load generator) so the JIT has compiled the hot paths.
    await round(bareServer, await bareRequest(), 1);
    await round(endpoint, (await endpointRequest()).request, 1);
    const bareRounds: RoundResult[] = [];
    const endpointRounds: RoundResult[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      bareRounds.push(await round(bareServer, await bareRequest(), ROUND_SECONDS));
      endpointRounds.push(await round(endpoint, (await endpointRequest()).request, ROUND_SECONDS));
    }
    report(bareRounds, endpointRounds);
  } finally {
    endpoint.child.disconnect();
    bare?.child.disconnect();
  }
}

function report(bare: readonly RoundResult[], endpoint: readonly RoundResult[]): void {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const line = (label: string, rounds: readonly RoundResult[]) => {
    const rate = median(rounds.map((r) => r.rate));
    const cpu = median(rounds.map((r) => r.cpuPerRequest));
    const last = rounds[rounds.length - 1];
    return `  ${label.padEnd(34)}${int(rate).padStart(8)}   ${cpu.toFixed(1).padStart(6)} µs   ${pct(median(rounds.map((r) => r.serverCpu))).padStart(5)} / ${pct(median(rounds.map((r) => r.loadCpu))).padStart(4)}   ${last?.latency.p50 ?? 0} / ${last?.latency.p99 ?? 0} ms   ${rounds.map((r) => int(r.rate)).join(', ')}`;
  };
  const bareRate = median(bare.map((r) => r.rate));
  const endpointRate = median(endpoint.map((r) => r.rate));
  const bareCpu = median(bare.map((r) => r.cpuPerRequest));
  const endpointCpu = median(endpoint.map((r) => r.cpuPerRequest));
  console.log(
    `Encrypt 4 KiB over HTTP, SigV4 verified on every request; autocannon with ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s; each server in its own process; every reply 200.`,
  );
  console.log('                                    median      server CPU   CPU use:        latency        rounds');
  console.log('                                     req/s     per request   server / load   p50 / p99      req/s');
  console.log(line('bare node:http, fixed JSON reply', bare));
  console.log(line('kms-sandbox endpoint, Encrypt', endpoint));
  console.log(`  ratio endpoint / bare             ${(endpointRate / bareRate).toFixed(2).padStart(8)}   (goal ≥ 0.40; by server CPU per request: ${(bareCpu / endpointCpu).toFixed(2)})`);
}

const role = process.argv[2];
if (role === 'endpoint') await runEndpointChild();
else if (role === 'bare') await runBareChild();
else await runBenchmark();
