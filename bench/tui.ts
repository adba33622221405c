/**
 * Benchmark of the terminal UI (issue #4), each figure next to an empty Ink app in the same run:
 * (a) time to first frame of `kms-sandbox sandbox`, the real binary in a tmux pseudo-terminal,
 *     against bench/empty-ink-app (`ready`), runs interleaved; goal: within 2× of the empty app;
 * (b) frame time with 100,000 audit records: the sandbox screen rendered in process to a fake
 *     120×40 terminal, re-rendering on keys in the Audit pane (PageDown, End, Home) and on new
 *     calls, against a counter app re-rendering on keys; goal: frames under 16 ms.
 */
import { fileURLToPath } from 'node:url';
import { openFirstFrameTimer, type FirstFrameSubject } from './tui-first-frame.js';

const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../..' : '..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SIZE = { columns: 120, rows: 40 } as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

async function firstFrame(): Promise<void> {
  const sandbox: FirstFrameSubject = { name: 'kms-sandbox sandbox', argv: ['node', 'bin/kms-sandbox.js', 'sandbox'], marker: /[┌╔][─═] Console / };
  const empty: FirstFrameSubject = { name: 'empty Ink app', argv: ['node', 'dist/bench/empty-ink-app.js'], marker: /ready/ };
  const timer = await openFirstFrameTimer({ cwd: ROOT, ...SIZE });
  const times = new Map<FirstFrameSubject, number[]>([
    [empty, []],
    [sandbox, []],
  ]);
  try {
    // One unmeasured run each warms the file cache; then the two alternate, run by run.
    for (const subject of times.keys()) await timer.time(subject);
    for (let run = 0; run < RUNS; run += 1) {
      for (const [subject, list] of run % 2 ? [...times].reverse() : times) list.push(await timer.time(subject));
    }
  } finally {
    await timer.close();
  }
  const [emptyMedian, sandboxMedian] = [median(times.get(empty) ?? []), median(times.get(sandbox) ?? [])];
  const best = (s: FirstFrameSubject) => Math.min(...(times.get(s) ?? []));
  console.log(`Time to first frame in tmux at ${SIZE.columns}×${SIZE.rows}, ${RUNS} interleaved runs each (spawn → marker on the screen, capture-pane polled back to back):`);
  console.log('                                   median       best');
  console.log(`  empty Ink app (ready)         ${ms(emptyMedian)} ${ms(best(empty))}`);
  console.log(`  kms-sandbox sandbox (Console) ${ms(sandboxMedian)} ${ms(best(sandbox))}`);
  console.log(`  ratio sandbox / empty         ${(sandboxMedian / emptyMedian).toFixed(2).padStart(7)}    ${(best(sandbox) / best(empty)).toFixed(2).padStart(7)}      (goal ≤ 2.00)`);
}

async function frameTimes(): Promise<void> {
  // Ink reads CI once, when it is loaded, and then draws only the last frame: load it without.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // React as the binary loads it (src/ui/run-tui.ts): its production build unless NODE_ENV says
  // otherwise. The baselines below share the process, so they get the same build.
  await import('../src/ui/react-mode.js');
  const { measureFrames } = await import('./tui-frames.js');
  await measureFrames({ records: RECORDS, size: SIZE });
}

// `node dist/bench/tui.js first-frame` or `… frames` runs one part; no argument runs both.
const part = process.argv[2];
if (part !== undefined && part !== 'first-frame' && part !== 'frames') throw new Error(`unknown part ${part}: first-frame or frames`);
if (part !== 'frames') await firstFrame();
if (part === undefined) console.log('');
if (part !== 'first-frame') await frameTimes();
