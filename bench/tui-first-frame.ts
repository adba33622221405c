/**
 * Time to first frame of a terminal program: each run starts the program in a new session of
 * one tmux server (a real pseudo-terminal) and polls `capture-pane` until the frame's marker
 * is on the screen; the time is from the spawn to that moment. The session is then killed and
 * the program's exit awaited, so runs never overlap.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A program to time: how to start it and what its first frame shows. */
export interface FirstFrameSubject {
  readonly name: string;
  readonly argv: readonly string[];
  readonly marker: RegExp;
}

/** A tmux server that runs one program at a time and times its first frame. */
export interface FirstFrameTimer {
  /** Milliseconds from spawning `subject` to its marker on the screen. */
  time(subject: FirstFrameSubject): Promise<number>;
  close(): Promise<void>;
}

/** The environment of a plain interactive terminal: nothing that changes how Ink draws. */
export function terminalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SHELL: '/bin/sh', TERM: 'xterm-256color' };
  // CI makes Ink draw only the last frame, at exit; NO_COLOR and FORCE_COLOR change the output.
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'TMUX', 'TMUX_PANE']) delete env[name];
  return env;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a tmux server (kept up by an idle session) whose sessions are `columns` × `rows`. */
export async function openFirstFrameTimer(options: { cwd: string; columns: number; rows: number; timeoutMs?: number }): Promise<FirstFrameTimer> {
  const socket = `kms-bench-${process.pid}-${randomBytes(4).toString('hex')}`;
  const env = terminalEnv();
  const tmux = async (args: readonly string[]) => (await run('tmux', ['-L', socket, ...args], { env })).stdout;
  const size = ['-x', String(options.columns), '-y', String(options.rows)];
  await tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'idle', ...size, 'sleep 86400']);
  const socketPath = (await tmux(['display-message', '-p', '#{socket_path}'])).trim(); // left behind by the server
  let runs = 0;

  return {
    async time(subject) {
      const session = `run${(runs += 1)}`;
      // exec: the pane's process is the program itself, so its exit can be awaited by pid.
      const command = `cd ${shellQuote(options.cwd)} && exec env TERM=xterm-256color ${subject.argv.map(shellQuote).join(' ')}`;
      const deadline = Date.now() + (options.timeoutMs ?? 30_000);
      const started = performance.now();
      await tmux(['new-session', '-d', '-s', session, ...size, command]);
      let screen = '';
      let shownAt: number | undefined;
      while (shownAt === undefined) {
        screen = await tmux(['capture-pane', '-p', '-t', session]).catch((error: Error) => {
          throw new Error(`${subject.name} ended before its first frame (${error.message.trim()})`);
        });
        if (subject.marker.test(screen)) shownAt = performance.now();
        else if (Date.now() > deadline) throw new Error(`${subject.name}: no ${subject.marker} on the screen in time. Last screen:\n${screen}`);
      }
      const pid = Number((await tmux(['display-message', '-p', '-t', session, '#{pane_pid}'])).trim());
      await tmux(['kill-session', '-t', session]);
      while (pid > 0 && isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 5));
      return shownAt - started;
    },
    async close() {
      await tmux(['kill-server']).catch(() => undefined);
      rmSync(socketPath, { force: true });
    },
  };
}
