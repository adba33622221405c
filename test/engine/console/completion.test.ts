import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/engine/console/completion.js';
import { ConsoleSession } from '../../../src/engine/console/console-session.js';
import { createSandbox } from '../../../src/sim/index.js';

function session(): ConsoleSession {
  return new ConsoleSession(createSandbox({ quotas: { enforce: false } }));
}

/** A session with a key aliased alias/app in us-east-1 and one in eu-west-1; returns their ids. */
function sessionWithKeys() {
  const s = session();
  const created = (line: string) => {
    const result = s.execute(line);
    if (result.kind !== 'call' || !result.outcome.ok) throw new Error(`set-up failed: ${line}`);
    return (result.outcome.output as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
  };
  const east = created('kms create-key');
  s.execute(`kms create-alias --alias-name alias/app --target-key-id ${east}`);
  const west = created('kms create-key --region eu-west-1');
  return { s, east, west };
}

describe('complete', () => {
  it('offers the verbs on an empty line', () => {
    const s = session();
    const services = [...s.serviceCommands.keys()];
    expect(complete(s, '')).toEqual({ line: '', candidates: ['aws', 'clock', 'help', 'hsm', 'keymaterial', 'kms', 'region', ...services].sort() });
  });

  it('completes a verb and adds a space when one candidate is left', () => {
    expect(complete(session(), 'cl').line).toBe('clock ');
  });

  it('completes a kms command: kms enc → kms encrypt', () => {
    expect(complete(session(), 'kms enc')).toEqual({ line: 'kms encrypt ', candidates: ['encrypt'] });
  });

  it('completes after the optional aws prefix', () => {
    expect(complete(session(), 'aws kms enc').line).toBe('aws kms encrypt ');
  });

  it('extends to the common prefix and lists the choices when several remain', () => {
    const done = complete(session(), 'kms gen');
    expect(done.line).toBe('kms generate-');
    expect(done.candidates).toEqual(expect.arrayContaining(['generate-data-key', 'generate-data-key-without-plaintext', 'generate-random']));
    expect(done.candidates.every((c) => c.startsWith('generate-'))).toBe(true);
  });

  it('leaves the line alone when nothing matches', () => {
    expect(complete(session(), 'kms frobnicate')).toEqual({ line: 'kms frobnicate', candidates: [] });
  });

  it('offers a command’s flags, and --region', () => {
    const { candidates } = complete(session(), 'kms encrypt ');
    expect(candidates).toEqual(expect.arrayContaining(['--key-id', '--plaintext', '--encryption-context', '--region']));
  });

  it('offers only the flags not yet given', () => {
    const { candidates } = complete(session(), 'kms encrypt --key-id alias/app --plaintext hi ');
    expect(candidates).not.toContain('--key-id');
    expect(candidates).not.toContain('--plaintext');
    expect(candidates).toContain('--encryption-context');
  });

  it('completes a flag name from its start', () => {
    expect(complete(session(), 'kms encrypt --pl').line).toBe('kms encrypt --plaintext ');
  });

  it('offers the Regions after --region and after region use', () => {
    const s = session();
    const regions = s.sandbox.regions.map((r) => r.name).sort();
    expect(complete(s, 'kms list-keys --region ').candidates).toEqual(regions);
    expect(complete(s, 'kms list-keys --region eu-we').line).toBe('kms list-keys --region eu-west-');
    expect(complete(s, 'region use us-east-').candidates).toEqual(regions.filter((r) => r.startsWith('us-east-')));
  });

  it('offers the key ids and aliases of the current Region after --key-id', () => {
    const { s, east, west } = sessionWithKeys();
    const { candidates } = complete(s, 'kms encrypt --key-id ');
    expect(candidates).toEqual([east, 'alias/app'].sort());
    expect(candidates).not.toContain(west);
    expect(complete(s, 'kms encrypt --key-id al').line).toBe('kms encrypt --key-id alias/app ');
    expect(complete(s, `kms describe-key --key-id ${east.slice(0, 6)}`).line).toBe(`kms describe-key --key-id ${east} `);
  });

  it('offers the keys of the Region named by --region', () => {
    const { s, west } = sessionWithKeys();
    expect(complete(s, 'kms describe-key --region eu-west-1 --key-id ').candidates).toEqual([west]);
  });

  it('offers existing aliases after --alias-name', () => {
    const { s } = sessionWithKeys();
    expect(complete(s, 'kms delete-alias --alias-name ').candidates).toEqual(['alias/app']);
  });

  it('offers the values of an enumeration', () => {
    const done = complete(session(), 'kms create-key --key-usage ');
    expect(done.candidates).toContain('ENCRYPT_DECRYPT');
    expect(complete(session(), 'kms create-key --key-usage ENC').line).toBe('kms create-key --key-usage ENCRYPT_DECRYPT ');
  });

  it('offers nothing for a free-text value', () => {
    expect(complete(session(), 'kms create-key --description ').candidates).toEqual([]);
  });

  it('completes help topics and clock and region actions', () => {
    expect(complete(session(), 'help sched').line).toBe('help schedule-key-deletion ');
    expect(complete(session(), 'clock a').line).toBe('clock advance ');
    expect(complete(session(), 'region ').candidates).toEqual(['list', 'use']);
  });

  it('offers nothing inside an open quote', () => {
    expect(complete(session(), 'kms create-key --description "half')).toEqual({ line: 'kms create-key --description "half', candidates: [] });
  });
});
