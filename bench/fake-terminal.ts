/**
 * A fake terminal for timing frames in process: an Ink app rendered to a fake terminal (a stdout that records
 * when it is written, a stdin that takes key sequences), with Ink's own options as the binary
 * uses them. A frame's time runs from its trigger (a key written to stdin, or the sandbox
 * screen's refresh timer firing after calls) to the last write of the frame it causes.
 */
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

/** The bytes a terminal sends for the keys the benchmark presses. */
export const KEYS = { tab: '\t', escape: '\u001b', pageDown: '\u001b[6~', end: '\u001b[F', home: '\u001b[H', down: '\u001b[B', up: '\u001b[A' } as const;

/** Ink draws at most 30 frames a second by default: triggers are spaced wider than that (and apart
 * from the sandbox screen's 40 ms refresh, whose timer bench/tui-frames.ts watches). */
const FRAME_GAP_MS = 50;

/** Begin/end synchronized update: Ink writes them around each frame to a terminal. */
const SYNC_MARKERS: ReadonlySet<string> = new Set(['\u001b[?2026h', '\u001b[?2026l']);

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  writes = 0;
  lastWriteAt = 0;
  text = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(data: string): boolean {
    this.writes += 1;
    this.lastWriteAt = performance.now();
    if (!SYNC_MARKERS.has(data)) this.text = data; // the frame, not the markers around it
    this.emit('written');
    return true;
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  readonly #queue: string[] = [];
  write(data: string): void {
    this.#queue.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.#queue.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  ref(): void {}
  unref(): void {}
  resume(): void {}
  pause(): void {}
}

/** How long a frame took: wall-clock and CPU milliseconds. */
export interface FrameTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** An Ink app in a fake terminal, and the means to time its frames. */
export class FakeTerminal {
  readonly stdout: FakeStdout;
  readonly stdin = new FakeStdin();
  readonly #instance: Instance;
  /** Milliseconds from `render` to the first frame's last write. */
  readonly mounted: Promise<number>;

  constructor(element: ReactElement, size: { columns: number; rows: number }) {
    this.stdout = new FakeStdout(size.columns, size.rows);
    const started = performance.now();
    const stream = <T>(s: unknown) => s as T;
    this.#instance = render(element, {
      stdout: stream<NodeJS.WriteStream>(this.stdout),
      stderr: stream<NodeJS.WriteStream>(new FakeStdout(size.columns, size.rows)),
      stdin: stream<NodeJS.ReadStream>(this.stdin),
      exitOnCtrlC: false,
      patchConsole: false,
    });
    this.mounted = this.#settled(0).then((at) => at - started);
  }

  /** The last frame written (ANSI escapes and all). */
  get frame(): string {
    return this.stdout.text;
  }

  /**
   * Runs `trigger` and waits for the frame it causes. `wallMs` runs from the frame's start
   * (`startedAt()` read after the frame, or the trigger's own start) to its last write; `cpuMs` is
   * the process's CPU time from the trigger to the frame (less sensitive to a busy machine).
   */
  async time(trigger: () => void, startedAt?: () => number): Promise<FrameTime> {
    const gap = FRAME_GAP_MS - (performance.now() - this.stdout.lastWriteAt);
    if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
    const before = this.stdout.writes;
    const cpu = process.cpuUsage();
    const started = performance.now();
    trigger();
    const finished = await this.#settled(before);
    const used = process.cpuUsage(cpu);
    return { wallMs: finished - (startedAt?.() ?? started), cpuMs: (used.user + used.system) / 1000 };
  }

  /** Presses a key; resolves with its frame's time. */
  press(key: string): Promise<FrameTime> {
    return this.time(() => this.stdin.write(key));
  }

  unmount(): void {
    this.#instance.unmount();
  }

  /** Waits for a write past `before`, then for the writes of the same frame; returns the last one's time. */
  async #settled(before: number, timeoutMs = 10_000): Promise<number> {
    if (this.stdout.writes <= before) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms; last frame:\n${this.frame}`)), timeoutMs);
        this.stdout.once('written', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await new Promise((resolve) => setImmediate(resolve)); // the frame's closing sync marker
    return this.stdout.lastWriteAt;
  }
}

/** Median, 95th percentile (nearest rank) and maximum of some samples. */
export function summary(samples: readonly number[]): { median: number; p95: number; max: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: rank(0.5), p95: rank(0.95), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
}
