import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/engine/script-runner.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('runScript', () => {
  it('runs the README tour: each outcome in order, KMS errors included, exit 0', () => {
    const { out, output } = capture();
    const tour = readFileSync(new URL('../../examples/tour.kms', import.meta.url), 'utf8');
    const run = runScript(tour, output, { json: true });
    expect(run.exitCode).toBe(0);
    const records = out.map((line) => JSON.parse(line) as { operation?: string; verb?: string; ok: boolean; error?: { code: string } });
    expect(records.map((r) => r.operation ?? r.verb)).toEqual([
      'CreateKey', 'CreateAlias', 'Encrypt', 'Decrypt', 'Decrypt', 'DisableKey', 'Encrypt',
      'ScheduleKeyDeletion', 'clock advance', 'DescribeKey', 'Decrypt',
    ]);
    expect(records.map((r) => (r.ok ? 'ok' : r.error?.code))).toEqual([
      'ok', 'ok', 'ok', 'ok', 'InvalidCiphertextException', 'ok', 'DisabledException',
      'ok', 'ok', 'NotFoundException', 'AccessDeniedException',
    ]);
  });

  it('prints outcomes as the AWS CLI does in plain mode', () => {
    const { out, output } = capture();
    runScript('kms describe-key --key-id alias/none\nkms generate-random --number-of-bytes 8', output);
    expect(out[0]).toContain('An error occurred (NotFoundException) when calling the DescribeKey operation: Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.');
    expect(out[1]).toMatch(/^\$ kms generate-random --number-of-bytes 8\n\{\n {4}"Plaintext": "[A-Za-z0-9+/]{11}="\n\}/);
  });

  it('stops at a malformed line, names it, and exits 1', () => {
    const { out, err, output } = capture();
    const run = runScript('# setup\nkms create-key\nkms encrypt --key-id\nkms list-keys', output, { fileName: 'demo.kms' });
    expect(run.exitCode).toBe(1);
    expect(err.join('\n')).toMatch(/^demo\.kms:3: --key-id needs a value\./);
    expect(out).toHaveLength(1); // list-keys never ran
  });

  it('reports a malformed line as a JSON record too in --json mode', () => {
    const { out, output } = capture();
    runScript('kms nope', output, { json: true });
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ line: 1, ok: false, malformed: true });
  });
});
