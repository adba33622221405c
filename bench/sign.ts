/**
 * Benchmark: in-process Sign and Verify through the full pipeline (validation, key resolution,
 * lifecycle and usage checks, the signature in the Region HSM, audit record, metrics) next to
 * bare node:crypto `sign`/`verify` with a key object of the same spec and the same options
 * (hash, RSA padding, PSS salt length = digest length, DER ECDSA signatures), interleaved in one
 * run. Prints the median ops/s of each and their ratio, per key spec, algorithm and operation
 * (issue #6).
 *
 * Two DIGEST rows stand apart: KMS signs a caller's digest, which Node 20 cannot do for ECDSA
 * nor Ed25519ph, so the sandbox does those in pure JavaScript (@noble/curves). Their baseline is
 * bare node:crypto signing the same bytes RAW on the same curve; the ratio is the price of the
 * pure-JS path, not pipeline overhead.
 *
 * Quotas are off (Sign and Verify would otherwise be held to AWS's per-key-spec rates). A fresh
 * sandbox per round keeps one round's audit trail out of the next for the ECC and Ed25519 keys,
 * whose generation is cheap; the RSA keys (generating RSA_4096 takes a second or more) live in
 * one sandbox for the whole run, at a few tens of thousands of audit records at most.
 */
import { constants, createHash, generateKeyPairSync, randomBytes, sign, verify, type KeyObject, type SignKeyObjectInput, type VerifyKeyObjectInput } from 'node:crypto';
import { loadavg } from 'node:os';
import { createSandbox, type OperationInput, type Sandbox } from '../src/sim/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 200);
const REGION = 'us-east-1';

type KeySpec = NonNullable<OperationInput<'CreateKey'>['KeySpec']>;
type SignInput = OperationInput<'Sign'>;
type SigningAlgorithm = SignInput['SigningAlgorithm'];

/** One row pair of the table: a key spec and algorithm, signed and verified both ways. */
interface Case {
  readonly keySpec: KeySpec;
  readonly algorithm: SigningAlgorithm;
  readonly messageType: 'RAW' | 'DIGEST';
  readonly message: Buffer;
  /** node:crypto's digest name (null for Ed25519) and key options of the bare baseline. */
  readonly bareHash: string | null;
  readonly bareOptions: (key: KeyObject) => SignKeyObjectInput & VerifyKeyObjectInput;
  readonly note?: string;
}

const message = randomBytes(32); // a 32-byte message, signed RAW
const sha512Digest = createHash('sha512').update(message).digest(); // what ED25519_PH_SHA_512 signs
const pss = (saltLength: number) => (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
const pkcs1 = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_PADDING });
const der = (key: KeyObject) => ({ key, dsaEncoding: 'der' as const });
const plain = (key: KeyObject) => ({ key });

const CASES: readonly Case[] = [
  ...(['RSA_2048', 'RSA_3072', 'RSA_4096'] as const).flatMap((keySpec): Case[] => [
    { keySpec, algorithm: 'RSASSA_PSS_SHA_256', messageType: 'RAW', message, bareHash: 'sha256', bareOptions: pss(32) },
    { keySpec, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', messageType: 'RAW', message, bareHash: 'sha256', bareOptions: pkcs1 },
  ]),
  { keySpec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', messageType: 'RAW', message, bareHash: 'sha256', bareOptions: der },
  { keySpec: 'ECC_NIST_P384', algorithm: 'ECDSA_SHA_384', messageType: 'RAW', message, bareHash: 'sha384', bareOptions: der },
  { keySpec: 'ECC_NIST_P521', algorithm: 'ECDSA_SHA_512', messageType: 'RAW', message, bareHash: 'sha512', bareOptions: der },
  { keySpec: 'ECC_SECG_P256K1', algorithm: 'ECDSA_SHA_256', messageType: 'RAW', message, bareHash: 'sha256', bareOptions: der },
  { keySpec: 'ECC_NIST_EDWARDS25519', algorithm: 'ED25519_SHA_512', messageType: 'RAW', message, bareHash: null, bareOptions: plain },
  // The 32-byte message stands in for a SHA-256 digest; the baseline signs it RAW with node:crypto.
  { keySpec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', messageType: 'DIGEST', message, bareHash: 'sha256', bareOptions: der, note: 'noble' },
  { keySpec: 'ECC_NIST_EDWARDS25519', algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST', message: sha512Digest, bareHash: null, bareOptions: plain, note: 'noble' },
];

const isRsa = (spec: KeySpec) => spec.startsWith('RSA_');

/** node:crypto key pairs for the baseline, one per key spec. */
function bareKeyPair(spec: KeySpec): { privateKey: KeyObject; publicKey: KeyObject } {
  if (isRsa(spec)) return generateKeyPairSync('rsa', { modulusLength: Number(spec.slice(4)), publicExponent: 65537 });
  if (spec === 'ECC_NIST_EDWARDS25519') return generateKeyPairSync('ed25519');
  const namedCurve = { ECC_NIST_P256: 'prime256v1', ECC_NIST_P384: 'secp384r1', ECC_NIST_P521: 'secp521r1', ECC_SECG_P256K1: 'secp256k1' }[spec as string];
  if (!namedCurve) throw new Error(`no curve for ${spec}`);
  return generateKeyPairSync('ec', { namedCurve });
}

/** A sandbox holding one SIGN_VERIFY key per spec, keyed by spec. */
interface SandboxKeys {
  readonly sandbox: Sandbox;
  readonly keyIds: ReadonlyMap<KeySpec, string>;
}

function sandboxWithKeys(specs: readonly KeySpec[]): SandboxKeys {
  const sandbox = createSandbox({ quotas: { enforce: false } });
  const keyIds = new Map<KeySpec, string>();
  for (const spec of specs) {
    const created = sandbox.call(REGION, sandbox.admin, 'CreateKey', { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
    if (!created.ok) throw new Error(`CreateKey ${spec} failed: ${created.error.code}`);
    keyIds.set(spec, created.output.KeyMetadata.KeyId);
  }
  return { sandbox, keyIds };
}

/**
 * Runs `op` repeatedly for about `ms` milliseconds; returns operations per second of this
 * process's CPU time (user + system, every thread, so garbage collection counts). On a shared
 * machine wall time also counts the time other processes hold the cores, which hits whichever
 * side happens to be running; CPU time does not.
 */
function measure(op: () => void, ms: number): number {
  let count = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  do {
    op();
    count += 1;
  } while (performance.now() - start < ms);
  const cpu = process.cpuUsage(cpuStart);
  return (count * 1e6) / Math.max(1, cpu.user + cpu.system);
}

/** The four timed operations of a case: bare and sandbox, Sign and Verify. */
interface Ops {
  readonly bareSign: () => void;
  readonly bareVerify: () => void;
  readonly sandboxSign: () => void;
  readonly sandboxVerify: () => void;
}

const bareKeys = new Map<KeySpec, { privateKey: KeyObject; publicKey: KeyObject }>();
for (const c of CASES) if (!bareKeys.has(c.keySpec)) bareKeys.set(c.keySpec, bareKeyPair(c.keySpec));

function bareOps(c: Case): Pick<Ops, 'bareSign' | 'bareVerify'> {
  const keys = bareKeys.get(c.keySpec);
  if (!keys) throw new Error(`no bare key for ${c.keySpec}`);
  const signOptions = c.bareOptions(keys.privateKey);
  const verifyOptions = c.bareOptions(keys.publicKey);
  const signature = sign(c.bareHash, c.message, signOptions);
  if (!verify(c.bareHash, c.message, verifyOptions, signature)) throw new Error(`bare ${c.algorithm} does not verify`);
  return {
    bareSign: () => void sign(c.bareHash, c.message, signOptions),
    bareVerify: () => {
      if (!verify(c.bareHash, c.message, verifyOptions, signature)) throw new Error('bare verify failed');
    },
  };
}

function sandboxOps(c: Case, { sandbox, keyIds }: SandboxKeys): Pick<Ops, 'sandboxSign' | 'sandboxVerify'> {
  const keyId = keyIds.get(c.keySpec);
  if (!keyId) throw new Error(`no sandbox key for ${c.keySpec}`);
  const signInput: SignInput = { KeyId: keyId, Message: c.message, MessageType: c.messageType, SigningAlgorithm: c.algorithm };
  const signed = sandbox.call(REGION, sandbox.admin, 'Sign', signInput);
  if (!signed.ok) throw new Error(`Sign ${c.keySpec} ${c.algorithm} failed: ${signed.error.code}`);
  const verifyInput: OperationInput<'Verify'> = { ...signInput, Signature: signed.output.Signature };
  return {
    sandboxSign: () => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'Sign', signInput);
      if (!outcome.ok) throw new Error(`Sign failed: ${outcome.error.code}`);
    },
    sandboxVerify: () => {
      const outcome = sandbox.call(REGION, sandbox.admin, 'Verify', verifyInput);
      if (!outcome.ok) throw new Error(`Verify failed: ${outcome.error.code}`);
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const rsaSpecs = [...new Set(CASES.map((c) => c.keySpec).filter(isRsa))];
const otherSpecs = [...new Set(CASES.map((c) => c.keySpec).filter((s) => !isRsa(s)))];
const rsaSandbox = sandboxWithKeys(rsaSpecs);
const bare = CASES.map(bareOps);

/** Ops for every case, with a fresh sandbox for the non-RSA keys. */
function roundOps(): Ops[] {
  const fresh = sandboxWithKeys(otherSpecs);
  return CASES.map((c, i) => ({ ...(bare[i] as Ops), ...sandboxOps(c, isRsa(c.keySpec) ? rsaSandbox : fresh) }));
}

type Series = Record<keyof Ops, number[]>;
const results: Series[] = CASES.map(() => ({ bareSign: [], bareVerify: [], sandboxSign: [], sandboxVerify: [] }));

const load = loadavg().map((l) => l.toFixed(2)).join(' ');
const started = performance.now();
// Warm-up: every path once, so that the JIT has compiled them before measuring.
for (const ops of roundOps()) for (const op of Object.values(ops)) measure(op, ROUND_MS / 5);
for (let round = 0; round < ROUNDS; round += 1) {
  const ops = roundOps();
  // Alternate which side goes first, so that neither always runs right after the other's
  // garbage or in the same slot of a neighbour's noise.
  const order: (keyof Ops)[] =
    round % 2 === 0 ? ['bareSign', 'sandboxSign', 'bareVerify', 'sandboxVerify'] : ['sandboxSign', 'bareSign', 'sandboxVerify', 'bareVerify'];
  ops.forEach((o, i) => {
    for (const name of order) (results[i] as Series)[name].push(measure(o[name], ROUND_MS));
  });
}
const seconds = (performance.now() - started) / 1000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
const ratio = (sandbox: number, baseline: number) => (sandbox / baseline).toFixed(2).padStart(6);
const pad = (text: string) => text.padEnd(22 + 1 + 35);
console.log(`Sign and Verify of a 32-byte message, in process, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per path;`);
console.log(`median ops per CPU second (load average ${load} at the start):`);
console.log(`  ${pad('')}${'Sign'.padStart(15).padEnd(26)}${'Verify'.padStart(16)}`);
console.log(`  ${pad('key spec'.padEnd(23) + 'algorithm (message type)')}${'bare'.padStart(8)} ${'sandbox'.padStart(8)} ${'ratio'.padStart(6)}  ${'bare'.padStart(8)} ${'sandbox'.padStart(8)} ${'ratio'.padStart(6)}`);
CASES.forEach((c, i) => {
  const r = results[i] as Series;
  const label = `${c.keySpec.padEnd(22)} ${c.algorithm} (${c.messageType}${c.note ? `, ${c.note}` : ''})`;
  const [bs, ss, bv, sv] = [median(r.bareSign), median(r.sandboxSign), median(r.bareVerify), median(r.sandboxVerify)];
  console.log(`  ${pad(label)}${fmt(bs)} ${fmt(ss)} ${ratio(ss, bs)}  ${fmt(bv)} ${fmt(sv)} ${ratio(sv, bv)}`);
});
console.log('ratio = sandbox / bare node:crypto sign or verify with a key of the same spec and the same options.');
console.log('The (DIGEST, noble) rows sign and verify a given digest in pure JavaScript (@noble/curves), which');
console.log('Node cannot do for these; their baseline is node:crypto signing the same bytes RAW on the same curve.');
console.log(`${seconds.toFixed(0)} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end.`);
