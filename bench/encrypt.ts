/**
 * Benchmark: in-process Encrypt of 4 KiB plaintexts through the full pipeline (validation,
 * quota check, key resolution, lifecycle check, AES-256-GCM in the Region HSM, audit record,
 * metrics) next to bare node:crypto doing the same primitive work (fresh IV, AES-256-GCM with
 * the same AAD, blob assembly), interleaved in one run. Prints both rates and their ratio.
 * Goal (issue #2): the pipeline reaches at least 60% of the baseline.
 *
 * Both take their IVs from the same source, the HSM's pooled CSPRNG (`freshIv`), so that the
 * ratio keeps comparing the same primitive work: a cheaper IV in the pipeline alone would
 * flatter it.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { freshIv } from '../src/sim/hsm/region-hsm.js';
import { createSandbox } from '../src/sim/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const plaintext = randomBytes(4096);
const context = { purpose: 'bench', tenant: 'acme' };

/** Runs `op` repeatedly for about `ms` milliseconds; returns operations per second. */
function measure(op: () => void, ms: number): number {
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i += 1) op();
    count += 64;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

function pipelineRound(): number {
  // A fresh sandbox per round keeps the audit trail's growth from one round out of the next.
  const sandbox = createSandbox({ quotas: { overrides: { 'symmetric-cryptographic': 1e12 } } });
  const created = sandbox.call('us-east-1', sandbox.admin, 'CreateKey', {});
  if (!created.ok) throw new Error(`CreateKey failed: ${created.error.code}`);
  const input = { KeyId: created.output.KeyMetadata.KeyId, Plaintext: plaintext, EncryptionContext: context };
  return measure(() => {
    const outcome = sandbox.call('us-east-1', sandbox.admin, 'Encrypt', input);
    if (!outcome.ok) throw new Error(`Encrypt failed: ${outcome.error.code}`);
  }, ROUND_MS);
}

function baselineRound(): number {
  const key = randomBytes(32);
  const header = Buffer.alloc(2 + 36 + 32); // same header size as the sandbox's blob
  const aadContext = Buffer.from(JSON.stringify(context));
  return measure(() => {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.concat([header, iv, aadContext]));
    const body = cipher.update(plaintext);
    Buffer.concat([header, iv, body, cipher.final(), cipher.getAuthTag()]);
  }, ROUND_MS);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// On a shared, noisy machine the best round is the least disturbed one; both paths get the
// same treatment, interleaved, so their ratio is fair. Medians are printed beside it.
function best(values: number[]): number {
  return Math.max(...values);
}

// Warm up both paths so the JIT has compiled them before measuring.
pipelineRound();
baselineRound();
const pipeline: number[] = [];
const baseline: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  baseline.push(baselineRound());
  pipeline.push(pipelineRound());
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
console.log(`Encrypt 4 KiB, in process, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms each:`);
console.log('                                          best round    median');
console.log(`  bare node:crypto AES-256-GCM baseline  ${fmt(best(baseline))} ops/s ${fmt(median(baseline))} ops/s`);
console.log(`  kms-sandbox full pipeline              ${fmt(best(pipeline))} ops/s ${fmt(median(pipeline))} ops/s`);
console.log(`  ratio pipeline / baseline              ${(best(pipeline) / best(baseline)).toFixed(2)}           ${(median(pipeline) / median(baseline)).toFixed(2)}   (goal ≥ 0.60)`);
