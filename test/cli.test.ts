import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';

// The real binary, as a user runs it; `npm test` builds dist/ before the tests.
const BIN = new URL('../bin/kms-sandbox.js', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;

function kmsSandbox(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kms-sandbox CLI', () => {
  it('prints help with --help', () => {
    const { code, stdout } = kmsSandbox('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('kms-sandbox run FILE [--json]');
  });

  it('prints the package version with --version', () => {
    const { code, stdout } = kmsSandbox('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^kms-sandbox \d+\.\d+\.\d+$/);
  });

  it('runs the tour with --json, one JSON object per command', () => {
    const { code, stdout } = kmsSandbox('run', 'examples/tour.kms', '--json');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; error?: { code: string } });
    expect(lines).toHaveLength(11);
    expect(lines.at(-2)?.error?.code).toBe('NotFoundException');
  });

  it('exports the audit trail, metrics and events as JSON Lines with --export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-sandbox-export-'));
    const { code, stderr } = kmsSandbox('run', 'examples/tour.kms', '--export', dir);
    expect(code).toBe(0);
    expect(stderr).toContain('Telemetry written:');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const audit = read('audit.jsonl');
    expect(audit.filter((r) => r.eventType === 'AwsApiCall')).toHaveLength(10);
    expect(audit.some((r) => r.eventName === 'DeleteKey' && r.eventType === 'AwsServiceEvent')).toBe(true);
    expect(read('events.jsonl').map((e) => e['detail-type'])).toEqual(['KMS CMK Deletion']);
    expect(read('metrics.jsonl').filter((m) => m.MetricName === 'CallCount')).toHaveLength(10);
  });

  it('exits 1 and names the line of a malformed command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-sandbox-cli-'));
    const file = join(dir, 'bad.kms');
    writeFileSync(file, 'kms create-key\nkms create-key --key-spec\n');
    const { code, stderr } = kmsSandbox('run', file);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:2: --key-spec needs a value.`);
  });

  it.each([
    [['run'], /run takes exactly one FILE/],
    [['run', '/no/such/file.kms'], /cannot read \/no\/such\/file.kms: ENOENT/],
    [['run', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['sandbox'], /the terminal UI needs an interactive terminal \(standard input is not a TTY\)/],
    [[], /the terminal UI needs an interactive terminal/],
    [['sandbox', 'extra'], /sandbox takes no arguments; got extra/],
    [['exam'], /"exam" is not available yet/],
    [['serve', '--port', 'http'], /--port must be a number from 0 to 65535; got "http"/],
    [['serve', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with exit 2 and one clear line', (args, message) => {
    const { code, stderr } = kmsSandbox(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('kms-sandbox serve', () => {
  it('prints its URL and credentials, answers the SDK, and stops cleanly on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${stdout}`)));
    });
    expect(stdout).toContain('access key "test", secret "test"');
    expect(stdout).toContain(`aws kms create-key --description demo --endpoint-url ${url}`);
    expect(stdout).toContain("from '@aws-sdk/client-kms'");

    const kms = new KMSClient({ region: 'eu-central-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const created = await kms.send(new CreateKeyCommand({ Description: 'through the binary' }));
    expect(created.KeyMetadata?.Arn).toMatch(/^arn:aws:kms:eu-central-1:111122223333:key\//);
    const listed = await kms.send(new ListKeysCommand({}));
    expect(listed.Keys?.map((k) => k.KeyId)).toEqual([created.KeyMetadata?.KeyId]);
    kms.destroy();

    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
    expect(exitCode).toBe(0);
    expect(stdout).toContain('endpoint stopped');
  });

  it('explains a port that is already taken', async () => {
    const { startKmsServer } = await import('../src/server/kms-server.js');
    const { createSandbox } = await import('../src/sim/index.js');
    const busy = await startKmsServer({ sandbox: createSandbox(), port: 0 });
    try {
      const { code, stderr } = kmsSandbox('serve', '--port', String(busy.port));
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${busy.port} is in use (try --port 0 for a free one)`);
    } finally {
      await busy.close();
    }
  });
});
