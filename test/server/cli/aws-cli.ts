/**
 * The real AWS CLI, as a user runs it against `kms-sandbox serve`: finding the installed
 * versions, and running one command with an isolated environment (no profile, credentials,
 * proxy or pager from the machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startKmsServer, type KmsServer } from '../../../src/server/kms-server.js';
import type { Sandbox } from '../../../src/sim/index.js';
import { testSandbox } from '../../helpers/sim.js';

/** An installed AWS CLI: its major version, path and the exit code it gives for a service error. */
export interface AwsCli {
  readonly major: 1 | 2;
  readonly path: string;
  /** The full version line, e.g. `aws-cli/2.9.19 Python/3.11.2 …`. */
  readonly version: string;
  /** CLI v2 exits 254 when the service answers with an error; CLI v1 exits 255. */
  readonly serviceErrorExitCode: 254 | 255;
}

/** What one CLI run printed, and how it ended. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Debian's `awscli` package installs v2 as /usr/bin/aws; pip (here, a pyenv shim) puts v1 on PATH.
const WELL_KNOWN_PATHS = ['/usr/bin/aws', '/usr/local/bin/aws'];
const VERSION_LINE = /aws-cli\/(\d+)\.\d+\.\d+[^\n]*/;

/**
 * Every `aws` on PATH and at the well-known install paths, one per major version (the first
 * found wins), asked for its version.
 */
export function findAwsClis(): AwsCli[] {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'aws')), ...WELL_KNOWN_PATHS];
  const found = new Map<number, AwsCli>();
  for (const path of new Set(candidates)) {
    if (!isExecutable(path)) continue;
    const result = spawnSync(path, ['--version'], { encoding: 'utf8', env: isolatedEnv(emptyFile()), timeout: 30_000 });
    // CLI v1 before 1.18 printed its version on stderr.
    const line = VERSION_LINE.exec(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    const major = Number(line?.[1]);
    if (!line || (major !== 1 && major !== 2) || found.has(major)) continue;
    found.set(major, { major, path, version: line[0].trim(), serviceErrorExitCode: major === 2 ? 254 : 255 });
  }
  return [...found.values()].sort((a, b) => a.major - b.major);
}

/**
 * Runs `aws ARGS --endpoint-url URL` without a shell, signed with the default credentials in
 * us-east-1 unless `env` overrides them.
 */
export function runAws(cli: AwsCli, endpointUrl: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli.path, [...args, '--endpoint-url', endpointUrl], {
      env: { ...isolatedEnv(emptyFile()), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/**
 * A fresh sandbox behind its own endpoint for one CLI's tests (started before them, closed
 * after), with a scratch folder for `fileb://` files.
 */
export class CliEndpoint {
  #server: KmsServer | undefined;
  #sandbox: Sandbox | undefined;
  #dir: string | undefined;
  #files = 0;

  constructor(readonly cli: AwsCli) {
    beforeAll(async () => {
      this.#sandbox = testSandbox();
      this.#server = await startKmsServer({ sandbox: this.#sandbox, host: '127.0.0.1', port: 0 });
      this.#dir = mkdtempSync(join(tmpdir(), `kms-sandbox-aws-cli-v${cli.major}-`));
    });
    afterAll(async () => {
      await this.#server?.close();
      if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    });
  }

  /** The sandbox behind the endpoint, for arranging keys in-process and checking the CLI's effects. */
  get sandbox(): Sandbox {
    if (!this.#sandbox) throw new Error('The endpoint starts in beforeAll.');
    return this.#sandbox;
  }

  /** Runs `aws ARGS --endpoint-url …` against this endpoint. */
  run(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliResult> {
    if (!this.#server) throw new Error('The endpoint starts in beforeAll.');
    return runAws(this.cli, this.#server.url, args, env);
  }

  /** Runs a command that must succeed, and parses its JSON output. */
  async json<T>(args: readonly string[]): Promise<T> {
    const result = await this.run(args);
    expect(result.code, `aws ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as T;
  }

  /** Writes bytes to a new scratch file and returns its `fileb://` URL. */
  fileb(bytes: Uint8Array): string {
    if (!this.#dir) throw new Error('The endpoint starts in beforeAll.');
    const path = join(this.#dir, `blob-${++this.#files}.bin`);
    writeFileSync(path, bytes);
    return `fileb://${path}`;
  }
}

/**
 * The CLI's line for a service error. CLI v2 (standard retry mode) adds
 * `(reached max retries: 0)` after the operation name when AWS_MAX_ATTEMPTS is 1.
 */
export function serviceErrorLine(code: string, operation: string, message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`An error occurred \\(${code}\\) when calling the ${operation} operation(?: \\(reached max retries: \\d+\\))?: ${escaped}`);
}

/** A timestamp as the CLI prints it (v1: epoch seconds; v2: ISO 8601), in epoch milliseconds. */
export function cliTimeMs(value: unknown): number {
  if (typeof value === 'number') return Math.round(value * 1000);
  if (typeof value === 'string') return Date.parse(value);
  throw new Error(`Not a CLI timestamp: ${JSON.stringify(value)}`);
}

let emptyConfig: string | undefined;

/** One empty file, shared as the CLI's config and credentials file so none of the machine's apply. */
function emptyFile(): string {
  if (emptyConfig === undefined) {
    emptyConfig = join(mkdtempSync(join(tmpdir(), 'kms-sandbox-aws-cli-')), 'empty');
    writeFileSync(emptyConfig, '');
  }
  return emptyConfig;
}

/**
 * Only what the CLI needs: PATH and pyenv's variables (the v1 shim needs them), the default
 * credentials and Region, no pager, no retries, no instance metadata. Nothing else of the
 * machine's environment (AWS_PROFILE, proxies, …) reaches the CLI.
 */
function isolatedEnv(empty: string): Record<string, string> {
  const passed = Object.entries(process.env).filter(([name, value]) => value !== undefined && (name === 'PATH' || name.startsWith('PYENV_')));
  return {
    ...(Object.fromEntries(passed) as Record<string, string>),
    HOME: join(empty, '..'),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
