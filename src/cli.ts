import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Scenario } from './engine/scenarios/contract.js';
import { runScript } from './engine/script-runner.js';
import { exportTelemetry } from './engine/telemetry-export.js';
import { serveBanner, serveGuide } from './server/banner.js';
import { DEFAULT_HOST, DEFAULT_PORT, startKmsServer } from './server/kms-server.js';
import { createSandbox } from './sim/index.js';

/** Commands of design.md that later issues build; asking for them says so plainly. */
const NOT_YET: Readonly<Record<string, string>> = {
  lesson: 'lessons',
  exam: 'the exam',
};

const USAGE = `kms-sandbox: a learning sandbox and simulator for AWS KMS, with real crypto on a virtual clock

Usage:
  kms-sandbox                     The terminal UI: home screen (lessons, scenarios, exam, free sandbox)
  kms-sandbox sandbox             The terminal UI, straight into free play
  kms-sandbox scenario [ID|FILE]  The terminal UI replaying a scenario step by step (without ID: the list)
  kms-sandbox run FILE [--json] [--export DIR]
                                  Run a console script in a fresh sandbox and print each outcome
  kms-sandbox replay ID-OR-FILE [--json]
                                  Replay a scenario without the UI; exit 0 only if every expectation holds
  kms-sandbox check [FILE...]     Validate the scenario files, printing every problem at once
  kms-sandbox list scenarios      The scenarios' ids and titles
  kms-sandbox serve [--host 127.0.0.1] [--port 4599] [--tui]
                                  Serve a KMS-compatible endpoint (AWS JSON 1.1, SigV4) for the SDKs and the CLI;
                                  --tui watches its calls live in the terminal UI
  kms-sandbox --help | -h         This help ("kms-sandbox run --help" for the script language)
  kms-sandbox --version | -v      The version

Not built yet: ${Object.keys(NOT_YET).join(', ')}.

Try: kms-sandbox run examples/tour.kms`;

const RUN_USAGE = `Usage: kms-sandbox run FILE [--json] [--export DIR] [--quotas]

Runs FILE in a fresh sandbox, one console command a line:
  kms create-key --description demo         an AWS-CLI-shaped KMS command ("aws" prefix optional)
  key = kms create-key                      names the output; later lines use $key.KeyMetadata.KeyId
  kms encrypt --key-id alias/app --plaintext "hi" --encryption-context purpose=demo
  kms decrypt --ciphertext-blob $ct.CiphertextBlob --encryption-context purpose=demo
  clock advance 30d                         moves virtual time (timers fire in order)
  region use eu-west-1                      changes the Region (or --region on one command)
  help [command]                            lists commands, or one command's flags
  # a comment

Each outcome is printed as the AWS CLI prints it; KMS errors are outcomes and the script goes on.
A malformed line stops the script with FILE:LINE and the reason, exit code 1.
--json prints one JSON object per command (JSON Lines) instead.
--export DIR writes the audit trail, metrics and events as JSON Lines files into DIR
(audit.jsonl, metrics.jsonl, events.jsonl). They never contain key material.
--quotas enforces AWS's request quotas (e.g. 5 CreateKey and 0.25 GetParametersForImport per second
of real time). They are off by default: a script runs its lines in milliseconds, which no AWS client
can, so the quotas would only get in the way of learning. The endpoint (serve) always enforces them.`;

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return tui('home');
  if (command === 'sandbox') return rest.includes('--help') || rest.includes('-h') ? print(SANDBOX_USAGE, 0) : rest.length > 0 ? fail(`sandbox takes no arguments; got ${rest.join(' ')}.`) : tui('sandbox');
  if (command === '--help' || command === '-h' || command === 'help') return print(USAGE, 0);
  if (command === '--version' || command === '-v') return print(version(), 0);
  if (command === 'scenario') return scenario(rest);
  if (command === 'run') return run(rest);
  if (command === 'replay' || command === 'check' || command === 'list') return contentCommand(command, rest);
  if (command === 'serve') return serve(rest);
  if (command in NOT_YET) return fail(`"${command}" is not available yet: ${NOT_YET[command]} is still to be built.`);
  return fail(`unknown command "${command}". See "kms-sandbox --help".`);
}

async function run(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean' }, export: { type: 'string' }, quotas: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail(`${(error as Error).message}. See "kms-sandbox run --help".`);
  }
  if (parsed.values.help) return print(RUN_USAGE, 0);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return fail('run takes exactly one FILE. See "kms-sandbox run --help".');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { exitCode, session } = runScript(
    source,
    { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
    { json: parsed.values.json ?? false, fileName: file, sandbox: { quotas: { enforce: parsed.values.quotas ?? false } } },
  );
  if (parsed.values.export !== undefined) {
    try {
      const written = await exportTelemetry(session.sandbox, parsed.values.export);
      process.stderr.write(`Telemetry written: ${written.join(', ')}\n`);
    } catch (error) {
      return fail(`cannot write telemetry to ${parsed.values.export}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return exitCode;
}

const SERVE_USAGE = `Usage: kms-sandbox serve [--host 127.0.0.1] [--port 4599] [--tui]

Serves a KMS-compatible endpoint over HTTP: AWS JSON 1.1 (POST /, X-Amz-Target TrentService.<Operation>),
SigV4-signed with access key "test" and secret "test". The Region is the one each request is signed for.
--port 0 picks a free port. The endpoint binds to loopback unless --host says otherwise.
--tui opens the sandbox screen over the endpoint's sandbox: its calls appear live in the Keys, Audit
and Metrics panes, and the Console works on the same keys; the Guide shows the URL and snippets.
Ctrl-C (SIGINT) or SIGTERM stops it (q too, with --tui).`;

async function serve(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { host: { type: 'string' }, port: { type: 'string' }, tui: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail(`${(error as Error).message}. See "kms-sandbox serve --help".`);
  }
  if (parsed.values.help) return print(SERVE_USAGE, 0);
  const portText = parsed.values.port ?? String(DEFAULT_PORT);
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be a number from 0 to 65535; got "${portText}".`);
  const host = parsed.values.host ?? DEFAULT_HOST;
  if (parsed.values.tui && !process.stdin.isTTY)
    return fail('serve --tui needs an interactive terminal (standard input is not a TTY); without --tui the endpoint runs headless.');
  const sandbox = createSandbox();
  let server;
  try {
    server = await startKmsServer({ sandbox, host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0 for a free one)` : code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine` : (error as Error).message;
    return fail(`cannot listen on ${host}:${port}: ${reason}`);
  }
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) process.stderr.write(`kms-sandbox: warning: listening on ${host}, not only loopback.\n`);
  if (parsed.values.tui) {
    // The TUI and the endpoint share one sandbox: remote calls land in the audit stream the
    // panes watch. Request quotas stay on, as the endpoint always enforces them.
    const { runTui } = await import('./ui/run-tui.js');
    const code = await runTui(sandbox, 'sandbox', { guide: serveGuide(server.url) });
    await server.close();
    process.stdout.write(`kms-sandbox: endpoint ${server.url} stopped.\n`);
    return code;
  }
  process.stdout.write(`${serveBanner(server.url)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stdout.write('kms-sandbox: endpoint stopped.\n');
  return 0;
}

const SANDBOX_USAGE = `Usage: kms-sandbox sandbox

Opens the sandbox screen in free play: Guide, Console, Keys, Audit and Metrics panes.
Type AWS-CLI-shaped commands in the console (help lists them). Tab/Shift-Tab move focus,
? shows every key, Esc goes back, q or Ctrl-C quits. NO_COLOR turns colour off.`;

const SCENARIO_USAGE = `Usage: kms-sandbox scenario [ID | FILE]

Opens the terminal UI replaying a scenario (an id from scenarios/, or a scenario file) step by step:
the Guide shows each step's narration, command and outcome; Keys, Audit and Metrics follow live.
→/n next step, ←/b back, Space play/pause, +/- speed, r restart; Enter or i in the Console takes
over (the script pauses, → goes on with it). Without ID: the list of scenarios.`;

async function scenario(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return print(SCENARIO_USAGE, 0);
  if (args.length > 1) return fail(`scenario takes one ID or FILE; got ${args.join(' ')}.`);
  const { scenarios, target } = await loadForTui(args[0]);
  if (args[0] === undefined) return tui('scenario', { scenarios });
  for (const error of target?.errors ?? []) process.stderr.write(`${error}\n`);
  if (target?.errors.length) return 1;
  if (!target?.scenario) return fail(`unknown scenario "${args[0]}". Known: ${scenarios.map((s) => s.id).join(', ') || '(none)'}.`);
  return tui('scenario', { scenarios, scenario: target.scenario });
}

/** The scenarios of scenarios/ (for the home screen's list), and the one `idOrFile` names. */
async function loadForTui(idOrFile?: string): Promise<{ scenarios: Scenario[]; target?: { scenario?: Scenario; errors: string[] } }> {
  const { loadScenarioDir } = await import('./engine/scenarios/index.js');
  const { formatContentError, resolveScenario, scenariosDir } = await import('./engine/scenarios/replay.js');
  const { scenarios } = loadScenarioDir(scenariosDir());
  if (idOrFile === undefined) return { scenarios };
  const { scenario, errors } = resolveScenario(idOrFile);
  return { scenarios, target: { ...(scenario ? { scenario } : {}), errors: errors.map(formatContentError) } };
}

async function tui(start: 'home' | 'sandbox' | 'scenario', content: { scenarios?: readonly Scenario[]; scenario?: Scenario } = {}): Promise<number> {
  if (!process.stdin.isTTY)
    return fail('the terminal UI needs an interactive terminal (standard input is not a TTY). For scripts, use "kms-sandbox run FILE".');
  const { runTui } = await import('./ui/run-tui.js');
  if (start === 'home') content = { scenarios: (await loadForTui()).scenarios };
  // Fidelity: request quotas are off in the TUI, as in scripts: they are measured on the wall
  // clock, and the lessons are not about rate limits. The endpoint enforces them.
  return runTui(createSandbox({ quotas: { enforce: false } }), start, content);
}

/** `replay`, `check` and `list`: loaded on demand, so other commands don't load the YAML parser. */
async function contentCommand(command: 'replay' | 'check' | 'list', args: readonly string[]): Promise<number> {
  const commands = await import('./engine/scenarios/scenario-commands.js');
  const io = { out: (text: string) => process.stdout.write(`${text}\n`), err: (text: string) => process.stderr.write(`${text}\n`) };
  if (command === 'replay') return commands.replayCommand(args, io);
  if (command === 'check') return commands.checkCommand(args, io);
  return commands.listCommand(args, io);
}

function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kms-sandbox' && pkg.version) return `kms-sandbox ${pkg.version}`;
    } catch {
      // try the next candidate: src/ and dist/src/ sit at different depths
    }
  }
  return 'kms-sandbox (unknown version)';
}

function print(text: string, code: number): number {
  process.stdout.write(`${text}\n`);
  return code;
}

function fail(message: string): number {
  process.stderr.write(`kms-sandbox: ${message}\n`);
  return 2;
}
