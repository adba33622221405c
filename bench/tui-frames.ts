/**
 * Frame time of the sandbox screen with a long audit trail (part b of bench/tui.ts): the real
 * App on a sandbox holding `records` audit records, in a fake terminal, next to a counter app.
 * Frames are triggered by keys in the Audit pane and by new calls; samples alternate between the
 * two apps so both see the same machine.
 */
import { Box, Text, useInput } from 'ink';
import { createElement, useState, type ReactElement } from 'react';
import { createSandbox, type Sandbox } from '../src/sim/index.js';
import { App } from '../src/ui/App.js';
import { stripAnsi } from '../src/ui/markdown.js';
import { REFRESH_MS } from '../src/ui/hooks/use-sandbox-version.js';
import { FakeTerminal, KEYS, summary, type FrameTime } from './fake-terminal.js';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 6);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 40);
const CALLS_PER_APPEND = 10;

/** The baseline: the smallest Ink app that re-renders, a counter bumped by any key. */
function Counter(): ReactElement {
  const [count, setCount] = useState(0);
  useInput(() => setCount((n) => n + 1));
  return createElement(Text, null, `count ${count}`);
}

/**
 * A second baseline: no sandbox, but a full screen of Ink, the floor of Ink's own cost for a
 * frame this size (Ink composes every cell of the screen on each frame): bordered, coloured
 * boxes in two columns, filled with lines of text, and a counter bumped by any key.
 */
function FullScreen(props: { columns: number; rows: number }): ReactElement {
  const [count, setCount] = useState(0);
  useInput(() => setCount((n) => n + 1));
  const half = Math.floor(props.columns / 2);
  const column = (side: number) =>
    createElement(
      Box,
      { key: side, flexDirection: 'column', width: half, height: props.rows - 1, borderStyle: 'single', borderColor: side ? 'gray' : 'cyan' },
      ...Array.from({ length: props.rows - 3 }, (_, i) =>
        createElement(Text, { key: i, wrap: 'truncate', color: i % 3 ? undefined : 'green' }, `${String(i).padStart(2)} ${'lorem ipsum dolor sit amet '.repeat(3)} ${count}`),
      ),
    );
  return createElement(Box, { flexDirection: 'column' }, createElement(Box, { flexDirection: 'row' }, column(0), column(1)), createElement(Text, { inverse: true }, ` count ${count} `));
}

/** A sandbox with one key and `records` audit records from cheap calls (quotas off). */
function sandboxWithTrail(records: number): { sandbox: Sandbox; call: (i: number) => void } {
  const sandbox = createSandbox({ quotas: { enforce: false } });
  const created = sandbox.call('us-east-1', sandbox.admin, 'CreateKey', { Description: 'bench' });
  if (!created.ok) throw new Error(`CreateKey failed: ${created.error.code}`);
  const KeyId = created.output.KeyMetadata.KeyId;
  const call = (i: number) => {
    if (i % 10 === 0) sandbox.call('us-east-1', sandbox.admin, 'ListKeys', {});
    else if (i % 100 === 1) sandbox.call('us-east-1', sandbox.admin, 'Encrypt', { KeyId, Plaintext: Buffer.from('bench') });
    else sandbox.call('us-east-1', sandbox.admin, 'DescribeKey', { KeyId });
  };
  for (let i = 1; sandbox.audit.size < records; i += 1) call(i);
  return { sandbox, call };
}

/**
 * Records when the sandbox screen's refresh timer fires: calls only schedule a refresh
 * (REFRESH_MS later, gathering a burst into one render), and the frame they cause starts then.
 */
function watchRefreshTimer(): { firedAt: () => number; restore: () => void } {
  const original = globalThis.setTimeout;
  let firedAt = 0;
  const watching = (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) =>
    original(
      (...callArgs: unknown[]) => {
        if (delay === REFRESH_MS) firedAt = performance.now();
        callback(...callArgs);
      },
      delay,
      ...args,
    );
  globalThis.setTimeout = watching as unknown as typeof setTimeout;
  return { firedAt: () => firedAt, restore: () => (globalThis.setTimeout = original) };
}

function expectFrame(terminal: FakeTerminal, pattern: RegExp, what: string): void {
  if (!pattern.test(stripAnsi(terminal.frame))) throw new Error(`expected ${what}; the frame is:\n${terminal.frame}`);
}

/** Builds the trail, renders both apps, times their frames and prints the figures. */
export async function measureFrames(options: { records: number; size: { columns: number; rows: number } }): Promise<void> {
  const built = performance.now();
  const { sandbox, call } = sandboxWithTrail(options.records);
  const buildMs = performance.now() - built;

  const screen = new FakeTerminal(createElement(App, { sandbox, start: 'sandbox', color: true }), options.size);
  const mountMs = await screen.mounted;
  const counter = new FakeTerminal(createElement(Counter), options.size);
  await counter.mounted;
  const full = new FakeTerminal(createElement(FullScreen, options.size), options.size);
  await full.mounted;

  // Focus the Audit pane: Esc leaves the console input, then Tab, Tab (Console → Keys → Audit).
  await screen.press(KEYS.escape);
  expectFrame(screen, /Enter to type/, 'the console input left');
  await screen.press(KEYS.tab);
  await screen.press(KEYS.tab);
  expectFrame(screen, /╔═ Audit /, 'the Audit pane focused');

  const counterFrames: FrameTime[] = [];
  const fullFrames: FrameTime[] = [];
  const keyFrames: FrameTime[] = [];
  const keys = [...Array<string>(6).fill(KEYS.pageDown), KEYS.end, KEYS.home];
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    for (const key of keys) {
      counterFrames.push(await counter.press('x'));
      fullFrames.push(await full.press('x'));
      keyFrames.push(await screen.press(key));
    }
  }

  const refresh = watchRefreshTimer();
  const appendFrames: FrameTime[] = [];
  try {
    for (let append = 0; append < APPENDS; append += 1) {
      counterFrames.push(await counter.press('x'));
      const before = performance.now();
      appendFrames.push(await screen.time(() => Array.from({ length: CALLS_PER_APPEND }, (_, i) => call(append * CALLS_PER_APPEND + i)), refresh.firedAt));
      if (refresh.firedAt() < before) throw new Error('a frame came without the refresh timer firing');
    }
  } finally {
    refresh.restore();
  }
  expectFrame(screen, new RegExp(`═ Audit ═+ ${sandbox.audit.size} ╗`), `the Audit pane counting ${sandbox.audit.size} records`);
  for (const terminal of [screen, counter, full]) terminal.unmount();

  const row = (name: string, frames: readonly FrameTime[]) => {
    const [wall, cpu] = [summary(frames.map((f) => f.wallMs)), summary(frames.map((f) => f.cpuMs))];
    const n = (v: number) => v.toFixed(2).padStart(7);
    return `  ${name.padEnd(52)} ${n(wall.median)} ${n(wall.p95)} ${n(wall.max)}   ${n(cpu.median)} ${n(cpu.p95)} ${String(wall.count).padStart(6)}`;
  };
  const worstP95 = Math.max(...[keyFrames, appendFrames].map((frames) => summary(frames.map((f) => f.wallMs)).p95));
  console.log(`Frame time at ${options.size.columns}×${options.size.rows} with ${sandbox.audit.size.toLocaleString('en-US')} audit records (trigger → frame written, in ms; trail built in ${(buildMs / 1000).toFixed(1)} s; React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build):`);
  console.log(`  ${''.padEnd(52)}  wall: median     p95     max    cpu: median     p95 frames`);
  console.log(row('empty Ink app: counter, one key', counterFrames));
  console.log(row(`full-screen Ink app (${options.size.columns}×${options.size.rows} boxes of text), one key`, fullFrames));
  console.log(row('sandbox: Audit pane, PageDown / End / Home', keyFrames));
  console.log(row(`sandbox: ${CALLS_PER_APPEND} new calls (from the refresh timer)`, appendFrames));
  console.log(`  first frame of the sandbox screen (mount): ${mountMs.toFixed(1)} ms`);
  console.log(`  goal: frames under 16 ms: ${worstP95 < 16 ? 'met' : 'NOT met'} (worst p95 ${worstP95.toFixed(2)} ms)`);
}
