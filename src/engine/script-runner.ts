import { createSandbox, type SandboxOptions } from '../sim/index.js';
import { ConsoleSession, type ConsoleResult } from './console/console-session.js';
import { isConsoleError } from './console/console-error.js';
import { renderError, renderJson, toWire } from './console/format.js';

/** Where a script's output goes. */
export interface ScriptOutput {
  /** Standard output: outcomes. */
  out(text: string): void;
  /** Standard error: the reason a script stopped. */
  err(text: string): void;
}

/** Options of a script run. */
export interface ScriptOptions {
  /** One JSON object per command (JSON Lines) instead of the CLI-style text. */
  readonly json?: boolean;
  /** The file name used in error messages. */
  readonly fileName?: string;
  readonly sandbox?: SandboxOptions;
}

/** What a script run did. */
export interface ScriptRun {
  /** 0 when every line ran (KMS errors are outcomes); 1 when a malformed line stopped it. */
  readonly exitCode: number;
  readonly session: ConsoleSession;
}

/**
 * Runs a console script in a fresh sandbox: one command a line, `#` comments, named outputs
 * reusable by later lines. A malformed line stops the script with a message naming the line.
 */
export function runScript(source: string, output: ScriptOutput, options: ScriptOptions = {}): ScriptRun {
  const session = new ConsoleSession(createSandbox(options.sandbox));
  const fileName = options.fileName ?? 'script';
  const lines = source.split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    const lineNumber = index + 1;
    let result: ConsoleResult;
    try {
      result = session.execute(text);
    } catch (error) {
      if (!isConsoleError(error)) throw error;
      if (options.json) output.out(JSON.stringify({ line: lineNumber, command: text.trim(), ok: false, malformed: true, error: { message: error.message } }));
      output.err(`${fileName}:${lineNumber}: ${error.message}\n    ${text.trim()}`);
      return { exitCode: 1, session };
    }
    if (result.kind === 'empty') continue;
    output.out(options.json ? JSON.stringify(jsonRecord(lineNumber, text.trim(), result)) : plainRecord(text.trim(), result));
  }
  return { exitCode: 0, session };
}

function jsonRecord(line: number, command: string, result: Exclude<ConsoleResult, { kind: 'empty' }>): Record<string, unknown> {
  switch (result.kind) {
    case 'call':
      return {
        line,
        command,
        operation: result.operation,
        region: result.region,
        ...(result.name ? { name: result.name } : {}),
        ok: result.outcome.ok,
        ...(result.outcome.ok ? { output: toWire(result.outcome.output) } : { error: { code: result.outcome.error.code, message: result.outcome.error.message } }),
      };
    case 'verb':
      return { line, command, verb: result.verb, ok: true, output: toWire(result.output) };
    case 'help':
      return { line, command, ok: true, help: result.text };
  }
}

function plainRecord(command: string, result: Exclude<ConsoleResult, { kind: 'empty' }>): string {
  const header = `$ ${command}`;
  switch (result.kind) {
    case 'call':
      return `${header}\n${result.outcome.ok ? renderJson(result.outcome.output) : renderError(result.operation, result.outcome.error)}\n`;
    case 'verb':
      return `${header}\n${renderJson(result.output)}\n`;
    case 'help':
      return `${header}\n${result.text}\n`;
  }
}
