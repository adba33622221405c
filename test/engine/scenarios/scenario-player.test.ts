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

/** Keys in two Regions: one in the start Region (eu-west-1), one made with --region us-west-2. */
const REGIONS = `formatVersion: 1
id: two-regions
title: Two Regions
summary: One paragraph.
sources:
  - https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
start:
  region: eu-west-1
  setup:
    - home = kms create-key --description home
    - away = kms create-key --description away --region us-west-2
steps:
  - title: Look
    narration: Two keys.
goals:
  - id: home-key
    title: The home key is found
    check:
      command: kms describe-key --key-id $home.KeyMetadata.KeyId
      expect: { ok: true }
    failure: The home key must exist.
  - id: away-key
    title: The away key is found in us-west-2
    check:
      command: kms describe-key --key-id $away.KeyMetadata.KeyId --region us-west-2
      expect: { ok: true }
    failure: The away key must exist.
`;

describe('ScenarioPlayer.checkGoals across Regions', () => {
  it.each(['us-east-1', 'us-west-2', 'eu-west-1'])('runs a check in the start Region, or the one it names, after the learner switched to %s', (region) => {
    // Given a scenario that starts in eu-west-1, and a learner who moved to another Region
    const { scenario, errors } = parseScenario(REGIONS, '01-two-regions.yaml');
    expect(errors).toEqual([]);
    const p = createScenarioPlayer(scenario!);
    expect(runLine(p.session, `region use ${region}`).result?.kind).toBe('verb');
    expect(p.session.region).toBe(region);
    // When the goals are checked, then both are met: the first runs in eu-west-1, the second in us-west-2
    expect(met(p)).toEqual(['home-key: true', 'away-key: true']);
    // And the learner stays in the Region they chose
    expect(p.session.region).toBe(region);
  });

  it('fails a check whose key is not in the start Region: the learner’s Region does not rescue it', () => {
    const { scenario } = parseScenario(REGIONS.replace('--key-id $away.KeyMetadata.KeyId --region us-west-2', '--key-id $away.KeyMetadata.KeyId'), '01-two-regions.yaml');
    const p = createScenarioPlayer(scenario!);
    runLine(p.session, 'region use us-west-2');
    expect(p.checkGoals()[1]).toMatchObject({ met: false, reason: expect.stringContaining('NotFoundException') });
  });
});
