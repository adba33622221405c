import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/engine/scenarios/index.js';

const VALID = `formatVersion: 1
id: demo
title: A demo
summary: One paragraph.
sources:
  - https://docs.aws.amazon.com/kms/latest/developerguide/overview.html
start:
  date: 2026-03-02T09:00:00Z
  region: us-east-1
  setup:
    - key = kms create-key --description demo
steps:
  - title: Encrypt
    narration: Encrypt something.
    command: ct = kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi
    expect:
      ok: true
      output: { KeyId: $key.KeyMetadata.Arn }
goals:
  - id: encrypted
    title: Something was encrypted
    check:
      audit: { eventName: Encrypt }
    failure: Encrypt something.
`;

/** The errors as `line field` pairs, to assert where each problem is reported. */
function where(source: string, file = '01-demo.yaml') {
  return parseScenario(source, file).errors.map((e) => `${e.line} ${e.field}`);
}

describe('parseScenario', () => {
  it('loads a valid file into the contract shape', () => {
    const { scenario, errors } = parseScenario(VALID, 'scenarios/01-demo.yaml');
    expect(errors).toEqual([]);
    expect(scenario).toMatchObject({ id: 'demo', file: 'scenarios/01-demo.yaml', hints: [], goals: [{ id: 'encrypted', check: { audit: { eventName: 'Encrypt' } } }] });
  });

  it('reports every kind of error at once, each with its line and field', () => {
    // Given a file with a problem of each kind
    const broken = VALID.replace('formatVersion: 1', 'formatVersion: 2')
      .replace('title: A demo', 'title: A demo\ncolour: blue')
      .replace('    narration: Encrypt something.\n', '')
      .replace('      ok: true\n', '      ok: true\n      error: NotFoundException\n')
      .replace('--plaintext hi', '--plaintext hi --bogus-flag x')
      .replace('    - key = kms create-key --description demo', '    - key = kms create-key --description demo\n    - kms describe-key --key-id $nothing.KeyId');
    // When it is parsed
    const { scenario, errors } = parseScenario(broken, '01-demo.yaml');
    // Then nothing loads and every problem is listed with its line and field
    expect(scenario).toBeUndefined();
    const found = errors.map((e) => `${e.line} ${e.field}`);
    expect(found).toEqual(
      expect.arrayContaining(['1 formatVersion', '4 colour', '13 start.setup[1]', '15 steps[0].narration', '16 steps[0].command', '19 steps[0].expect.error']),
    );
    for (const e of errors) {
      expect(e.file).toBe('01-demo.yaml');
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.fix.length).toBeGreaterThan(0);
    }
    expect(errors.find((e) => e.field === 'formatVersion')?.message).toContain('version 2 is not supported');
    expect(errors.find((e) => e.field === 'colour')?.message).toBe('unknown field "colour"');
    expect(errors.find((e) => e.field === 'steps[0].command')?.message).toContain('has no option --bogus-flag');
    expect(errors.find((e) => e.field === 'start.setup[1]')?.message).toContain('$nothing is not defined');
  });

  it.each([
    ['a step field', '    narration: Encrypt something.', '    narattion: Encrypt something.', '14 steps[0].narattion', 'narration'],
    ['a start field', '  region: us-east-1', '  regoin: us-east-1', '9 start.regoin', 'region'],
    ['a goal check field', '      audit: { eventName: Encrypt }', '      adit: { eventName: Encrypt }', '23 goals[0].check.adit', 'audit'],
    ['a top-level field', 'summary: One paragraph.', 'sumary: One paragraph.', '4 sumary', 'summary'],
  ])('suggests the nearest field name for a misspelt %s', (_kind, line, misspelt, at, guess) => {
    // Given a file with one field misspelt
    const source = VALID.replace(line, misspelt);
    // When it is parsed
    const errors = parseScenario(source, '01-demo.yaml').errors;
    // Then the unknown field is reported at its key, and its fix names the field it resembles
    const unknown = errors.find((e) => e.message.startsWith('unknown field'));
    expect(`${unknown?.line} ${unknown?.field}`).toBe(at);
    expect(unknown?.fix).toMatch(new RegExp(`^Did you mean "${guess}"\\?`));
  });

  it.each([
    ['no field is close', 'title: A demo', 'title: A demo\ncolour: blue', 'colour'],
    ['a short name is too far from every field', 'title: A demo', 'title: A demo\nxy: 1', 'xy'],
    ['the close field is already there', 'title: A demo', 'title: A demo\ntitel: Again', 'titel'],
  ])('suggests no field name when %s', (_case, line, added, key) => {
    const errors = parseScenario(VALID.replace(line, added), '01-demo.yaml').errors;
    expect(errors).toMatchObject([{ line: 4, field: key, message: `unknown field "${key}"` }]);
    expect(errors[0]?.fix).not.toContain('Did you mean');
    expect(errors[0]?.fix).toContain('Remove it');
  });

  it('reports malformed YAML with its line, without throwing', () => {
    const errors = parseScenario('formatVersion: 1\nid: demo\nsteps: [ { title: x,\n', '01-demo.yaml').errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ field: '(yaml)' });
    expect(errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a duplicate key as a YAML error on its line', () => {
    expect(where(VALID.replace('title: A demo', 'title: A demo\ntitle: Again'))).toEqual(['4 (yaml)']);
  });

  it('reports a file that is not a mapping, and an empty file', () => {
    expect(where('- just\n- a list\n')).toEqual(['1 (file)']);
    expect(parseScenario('', '01-demo.yaml').errors).toHaveLength(1);
  });

  it('reports missing required fields at their parent, with the field named', () => {
    const errors = parseScenario('formatVersion: 1\nid: demo\n', '01-demo.yaml').errors;
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['title', 'summary', 'sources', 'start', 'steps']));
    expect(errors.find((e) => e.field === 'title')?.message).toContain('is required');
  });

  it('requires the id to be the file slug', () => {
    expect(where(VALID, '03-other-name.yaml')).toEqual(['2 id']);
    expect(where(VALID, 'demo.yaml')).toEqual(['0 (file)']);
  });

  it('reports a wrong type with what was found', () => {
    const errors = parseScenario(VALID.replace('      ok: true', '      ok: yes please'), '01-demo.yaml').errors;
    expect(errors).toMatchObject([{ line: 17, field: 'steps[0].expect.ok', message: 'must be a boolean, not string "yes please"' }]);
  });

  it('reports a goal check that mixes forms, duplicate goal ids and unknown commands', () => {
    const source = `${VALID}  - id: encrypted
    title: Again
    check:
      command: kms describe-kee --key-id $key.KeyMetadata.KeyId
      expect: { ok: true }
      audit: { eventName: Encrypt }
    failure: x
`;
    const found = parseScenario(source, '01-demo.yaml').errors.map((e) => `${e.line} ${e.field}: ${e.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '30 goals[1].check.audit: a check is either a command with expect, or an audit match, not both',
        '28 goals[1].check.command: "kms describe-kee" is not a console command',
        '25 goals[1].id: the goal id "encrypted" is used twice',
      ]),
    );
  });

  it('accepts goal checks that only look, and refuses ones that would change the sandbox', () => {
    const goal = (id: string, command: string) => `  - id: ${id}\n    title: ${id}\n    check:\n      command: ${command}\n      expect: { ok: true }\n    failure: x\n`;
    const looks = [
      'kms describe-key --key-id $key.KeyMetadata.KeyId',
      'kms decrypt --ciphertext-blob $ct.CiphertextBlob',
      'kms list-aliases',
      'ec2 describe-volumes',
      's3api head-object --bucket b --key k',
      'help',
    ];
    const changes = ['kms disable-key --key-id $key.KeyMetadata.KeyId', 'kms create-key', 'ec2 create-volume --availability-zone us-east-1a --size 1', 'clock advance 1d', 'hsm fail us-east-1', 'region use eu-west-1'];
    const source = VALID + [...looks, ...changes].map((command, i) => goal(`g${i}`, command)).join('');
    const found = parseScenario(source, '01-demo.yaml').errors.filter((e) => e.field.endsWith('check.command'));
    expect(found.map((e) => e.message)).toEqual([
      'a goal check must only look, but "kms disable-key" changes the sandbox',
      'a goal check must only look, but "kms create-key" changes the sandbox',
      'a goal check must only look, but "ec2 create-volume" changes the sandbox',
      'a goal check must only look, but "clock" changes the sandbox',
      'a goal check must only look, but "hsm" changes the sandbox',
      'a goal check must only look, but "region" changes the sandbox',
    ]);
    expect(found[0]?.fix).toMatch(/^Check with a command that reads/);
  });

  it('checks that an exercise solution defines the outputs its goals use', () => {
    const source = VALID.replace('      audit: { eventName: Encrypt }', '      command: kms decrypt --ciphertext-blob $ct.CiphertextBlob\n      expect: { ok: true }') +
      'exercise:\n  task: Encrypt.\n  solution:\n    - kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi\n';
    expect(parseScenario(source, '01-demo.yaml').errors.map((e) => e.message)).toEqual(['$ct is not defined before this line (after the reference solution)']);
  });
});
