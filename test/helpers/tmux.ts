/**
 * A real terminal for end-to-end tests: a program run in a detached tmux session on a tmux
 * server of its own (`tmux -L <socket>`), typed at with `send-keys` and read with
 * `capture-pane`. Waiting polls the screen until it matches or a deadline passes, and a
 * timeout reports the last screen.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether a tmux binary answers `tmux -V`. */
export function tmuxInstalled(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** What `startInTmux` takes. */
export interface TmuxOptions {
  /** The program and its arguments, run from `cwd`. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly columns: number;
  readonly rows: number;
  /** Variables set for the program on top of a clean environment (see `cleanEnv`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A program running in tmux. */
export interface TmuxTerminal {
  /** The screen as text (`capture-pane -p`); with `escapes`, colours and attributes kept (`-e`). */
  screen(options?: { escapes?: boolean }): Promise<string>;
  /** Polls the screen until `test` holds; rejects after `timeoutMs` with `what` and the last screen. */
  waitFor(what: string, test: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Types `text` literally and presses Enter, in one tmux command (the keys arrive together). */
  enter(text: string): Promise<void>;
  /** Sends text (typed literally) and named keys (`{ key: 'Home' }`) in order, in one tmux command. */
  send(...steps: readonly (string | { readonly key: string })[]): Promise<void>;
  /** Presses tmux key names, e.g. `C-c`, `Tab`, `PageDown`. */
  press(...keys: string[]): Promise<void>;
  /** The program's exit code once it has exited; rejects after `timeoutMs` with the last screen. */
  exitCode(timeoutMs?: number): Promise<number>;
  /** Kills the tmux server (and the program with it) and removes the scratch folder. */
  close(): Promise<void>;
}

/** How long a wait lasts unless told: generous, for a busy machine running tests in parallel. */
export const DEFAULT_WAIT_MS = 30_000;
const POLL_MS = 50;

/**
 * The environment a user's terminal would give the program: the caller's, without anything
 * that changes how it draws (NO_COLOR, FORCE_COLOR; CI, which puts Ink into its
 * non-interactive mode that draws only the last frame) or nests tmux (TMUX).
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE']) delete env[name];
  return { ...env, SHELL: '/bin/sh', TERM: 'xterm-256color', ...extra };
}

/** Single-quotes a word for sh. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Starts `argv` in a fresh tmux server and session of `columns` × `rows`. */
export async function startInTmux(options: TmuxOptions): Promise<TmuxTerminal> {
  const socket = `kms-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const scratch = mkdtempSync(join(tmpdir(), 'kms-e2e-'));
  const exitFile = join(scratch, 'exit');
  const env = cleanEnv(options.env);
  // tmux gives panes its own TERM: set the one under test on the command itself.
  const assignments = Object.entries({ TERM: env.TERM ?? 'xterm-256color', ...options.env }).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const command = `cd ${shellQuote(options.cwd)} && env ${assignments.join(' ')} ${options.argv.map(shellQuote).join(' ')}; echo "exit:$?" > ${shellQuote(exitFile)}`;
  const tmux = (args: readonly string[]) => run('tmux', ['-L', socket, ...args], { env });
  const target = 'e2e';

  await tmux(['-f', '/dev/null', 'new-session', '-d', '-s', target, '-x', String(options.columns), '-y', String(options.rows), command]);
  // The server leaves its socket file behind when it exits: remember it, to remove it in close().
  const socketPath = (await tmux(['display-message', '-p', '#{socket_path}']).catch(() => ({ stdout: '' }))).stdout.trim();

  let last = '';
  const screen = async (opts: { escapes?: boolean } = {}) => {
    const { stdout } = await tmux(['capture-pane', '-p', ...(opts.escapes ? ['-e'] : []), '-t', target]);
    if (!opts.escapes) last = stdout;
    return stdout;
  };
  const readExit = (): number | undefined => {
    try {
      const match = /exit:(\d+)/.exec(readFileSync(exitFile, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  const poll = async <T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await attempt();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last screen (${options.columns}×${options.rows}):\n${last}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  return {
    screen,
    waitFor: (what, test, timeoutMs = DEFAULT_WAIT_MS) =>
      poll(
        what,
        async () => {
          if (readExit() !== undefined) throw new Error(`The program exited (${readExit()}) while waiting for ${what}. Last screen:\n${last}`);
          const current = await screen().catch(() => undefined);
          return current !== undefined && test(current) ? current : undefined;
        },
        timeoutMs,
      ),
    enter: async (text) => {
      await tmux(['send-keys', '-t', target, '-l', text, ';', 'send-keys', '-t', target, 'Enter']);
    },
    send: async (...steps) => {
      const commands = steps.map((step) => (typeof step === 'string' ? ['send-keys', '-t', target, '-l', step] : ['send-keys', '-t', target, step.key]));
      await tmux(commands.flatMap((command, i) => (i === 0 ? command : [';', ...command])));
    },
    press: async (...keys) => {
      await tmux(['send-keys', '-t', target, ...keys]);
    },
    exitCode: (timeoutMs = DEFAULT_WAIT_MS) =>
      poll(
        'the program to exit',
        async () => {
          const code = readExit();
          if (code === undefined) await screen().catch(() => undefined); // keep the last screen for the message
          return code;
        },
        timeoutMs,
      ),
    close: async () => {
      await tmux(['kill-server']).catch(() => undefined); // already gone when the program exited
      rmSync(scratch, { recursive: true, force: true });
      if (socketPath) rmSync(socketPath, { force: true });
    },
  };
}

/** The rows inside the pane titled `title` (`┌─ Title ─┐` … `└─┘`, `╔═` when focused), borders removed. */
export function paneRows(screen: string, title: string): string[] | undefined {
  const lines = screen.split('\n');
  for (let y = 0; y < lines.length; y += 1) {
    const line = lines[y] ?? '';
    for (const [corner, right, bottom] of [['┌─', '┐', '└'], ['╔═', '╗', '╚']] as const) {
      const x = line.indexOf(`${corner} ${title} `);
      if (x < 0) continue;
      const end = line.indexOf(right, x);
      const rows: string[] = [];
      for (let below = y + 1; below < lines.length && lines[below]?.[x] !== bottom; below += 1) rows.push((lines[below] ?? '').slice(x + 1, end));
      return rows;
    }
  }
  return undefined;
}

/** The pane titled `title` as text, one row a line; empty when it is not on the screen. */
export function paneText(screen: string, title: string): string {
  return (paneRows(screen, title) ?? []).join('\n');
}

/**
 * The foreground colours set by SGR sequences in `raw` (`\e[31m`, `\e[92m`, `\e[38;5;n m`,
 * `\e[38;2;r;g;b m`), as their parameters; default-colour resets (39) and backgrounds are not
 * colours and are left out.
 */
export function foregroundColours(raw: string): string[] {
  const found: string[] = [];
  // eslint-disable-next-line no-control-regex -- reading escape sequences is the point
  for (const match of raw.matchAll(/\u001b\[([0-9;]*)m/g)) {
    const params = (match[1] ?? '').split(';').map(Number);
    for (let i = 0; i < params.length; i += 1) {
      const p = params[i] ?? 0;
      if (p === 38 || p === 48) {
        const length = params[i + 1] === 5 ? 2 : params[i + 1] === 2 ? 4 : 0;
        if (p === 38) found.push(params.slice(i, i + 1 + length).join(';'));
        i += length;
      } else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) found.push(String(p));
    }
  }
  return found;
}
