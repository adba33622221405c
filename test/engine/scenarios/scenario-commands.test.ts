import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand, listCommand, replayCommand } from '../../../src/engine/scenarios/scenario-commands.js';

function capture(run: (io: { out(t: string): void; err(t: string): void }) => number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run({ out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kms-sandbox replay', () => {
  it('replays a scenario by id with ✓ per step and exits 0', () => {
    const { code, out } = capture((io) => replayCommand(['hmac-verification'], io));
    expect(code).toBe(0);
    expect(out).toContain('✓ 4. A tampered token');
    expect(out).toContain('→ KMSInvalidMacException');
  });

  it('prints JSON Lines of steps, their audit records with Regions, goals and a summary', () => {
    const { code, out } = capture((io) => replayCommand(['cross-region-snapshot', '--json'], io));
    expect(code).toBe(0);
    const lines = out.split('\n').map((l) => JSON.parse(l) as { type: string; step?: number; record?: { eventName: string; awsRegion: string } });
    expect(lines.filter((l) => l.type === 'step')).toHaveLength(8);
    expect(lines.filter((l) => l.type === 'audit' && l.step === 5).map((l) => `${l.record?.eventName}@${l.record?.awsRegion}`)).toEqual(
      expect.arrayContaining(['Decrypt@us-east-1', 'GenerateDataKeyWithoutPlaintext@eu-west-1']),
    );
    expect(lines.at(-1)).toMatchObject({ type: 'summary', ok: true });
  });

  it('exits 1 with ✗ and the reason when an expectation fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, '01-wrong.yaml');
    writeFileSync(file, 'formatVersion: 1\nid: wrong\ntitle: t\nsummary: s\nsources: [https://docs.aws.amazon.com/kms/]\nstart: {}\nsteps:\n  - title: Encrypt with no key\n    narration: n\n    command: kms describe-key --key-id alias/none\n    expect: { ok: true }\n');
    const { code, out } = capture((io) => replayCommand([file], io));
    expect(code).toBe(1);
    expect(out).toContain('✗ 1. Encrypt with no key');
    expect(out).toContain('expected success, got NotFoundException');
  });

  it('rejects bad arguments with one line and exit 2', () => {
    expect(capture((io) => replayCommand([], io))).toMatchObject({ code: 2, err: expect.stringContaining('exactly one ID or FILE') as string });
    expect(capture((io) => replayCommand(['no-such-scenario'], io))).toMatchObject({ code: 2 });
  });
});

describe('kms-sandbox check and list', () => {
  it('check passes on scenarios/ and fails with every error of a broken file', () => {
    expect(capture((io) => checkCommand([], io))).toMatchObject({ code: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, '01-broken.yaml');
    writeFileSync(file, 'formatVersion: 3\nid: broken\n');
    const { code, err } = capture((io) => checkCommand([file], io));
    expect(code).toBe(1);
    expect(err).toContain(`${file}:1: formatVersion: format version 3 is not supported`);
    expect(err).toContain('steps');
  });

  it('list scenarios prints ids and titles', () => {
    const { code, out } = capture((io) => listCommand(['scenarios'], io));
    expect(code).toBe(0);
    expect(out).toMatch(/^cross-region-snapshot +Copy an encrypted EBS snapshot/m);
    expect(capture((io) => listCommand(['things'], io)).code).toBe(2);
  });
});
