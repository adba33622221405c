import { describe, expect, it } from 'vitest';
import { createScenarioPlayer, parseScenario, runLine } from '../../../src/engine/scenarios/index.js';

/** An exercise whose command goal runs the very call its audit goal looks for: a Decrypt. */
const SOURCE = `formatVersion: 1
id: decrypt-it
title: Decrypt it
summary: One paragraph.
sources:
  - https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
start:
  setup:
    - key = kms create-key --description demo
    - ct = kms encrypt --key-id $key.KeyMetadata.KeyId --plaintext hi
steps:
  - title: Look
    narration: A key and a ciphertext.
goals:
  - id: learner-decrypted
    title: The learner decrypted
    check:
      audit: { eventName: Decrypt }
    failure: Decrypt the ciphertext.
  - id: ciphertext-decrypts
    title: The ciphertext decrypts
    check:
      command: kms decrypt --ciphertext-blob $ct.CiphertextBlob
      expect: { ok: true }
    failure: The ciphertext must decrypt.
exercise:
  task: Decrypt the ciphertext.
  solution:
    - kms decrypt --ciphertext-blob $ct.CiphertextBlob
`;

function player() {
  const { scenario, errors } = parseScenario(SOURCE, '01-decrypt-it.yaml');
  expect(errors).toEqual([]);
  return createScenarioPlayer(scenario!);
}

const met = (p: ReturnType<typeof player>) => p.checkGoals().map((g) => `${g.goal.id}: ${g.met}`);

describe('ScenarioPlayer.checkGoals', () => {
  it('keeps an audit goal unmet by the goals’ own check commands, however often it checks', () => {
    const p = player();
    // The command goal's check runs a Decrypt; it does not count as the learner's.
    expect(met(p)).toEqual(['learner-decrypted: false', 'ciphertext-decrypts: true']);
    expect(met(p)).toEqual(['learner-decrypted: false', 'ciphertext-decrypts: true']);
  });

  it('leaves the learner’s trail and metrics as they were: checks run off the trail', () => {
    const p = player();
    const { audit, metrics } = p.session.sandbox;
    const [records, datapoints] = [audit.size, metrics.size];
    met(p);
    met(p);
    expect(audit.size).toBe(records);
    expect(metrics.size).toBe(datapoints);
    expect(audit.items.some((r) => r.eventName === 'Decrypt')).toBe(false);
  });

  it('still hands a check command its own records, for an expectation on them', () => {
    const { scenario, errors } = parseScenario(
      SOURCE.replace('      expect: { ok: true }', '      expect: { ok: true, audit: [ { eventName: Decrypt } ] }').replace('eventName: Decrypt }\n    failure: Decrypt the', 'eventName: Encrypt }\n    failure: Decrypt the'),
      '01-decrypt-it.yaml',
    );
    expect(errors).toEqual([]);
    const p = createScenarioPlayer(scenario!);
    expect(met(p)).toEqual(['learner-decrypted: true', 'ciphertext-decrypts: true']);
    const failing = createScenarioPlayer(parseScenario(SOURCE.replace('      expect: { ok: true }', '      expect: { ok: true, audit: [ { eventName: GenerateMac } ] }'), '01-decrypt-it.yaml').scenario!);
    expect(failing.checkGoals()[1]).toMatchObject({ met: false, reason: expect.stringContaining('no audit record matches') });
  });

  it('meets the audit goal once the learner makes the call', () => {
    const p = player();
    met(p);
    runLine(p.session, 'kms decrypt --ciphertext-blob $ct.CiphertextBlob');
    expect(met(p)).toEqual(['learner-decrypted: true', 'ciphertext-decrypts: true']);
  });
});
