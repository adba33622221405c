import { describe, expect, it } from 'vitest';
import { cliName, closest, commandCatalog } from '../../../src/engine/console/command-catalog.js';
import { createSandbox } from '../../../src/sim/index.js';

describe('command catalog', () => {
  it.each([
    ['Encrypt', 'encrypt'],
    ['ScheduleKeyDeletion', 'schedule-key-deletion'],
    ['GenerateDataKeyWithoutPlaintext', 'generate-data-key-without-plaintext'],
    ['NumberOfBytes', 'number-of-bytes'],
    ['BypassPolicyLockoutSafetyCheck', 'bypass-policy-lockout-safety-check'],
    ['AWSAccountId', 'aws-account-id'],
  ])('names %s as the AWS CLI does: %s', (aws, cli) => {
    expect(cliName(aws)).toBe(cli);
  });

  it('has one command per registered operation, with flags from the input members', () => {
    const sandbox = createSandbox();
    const catalog = commandCatalog(sandbox);
    expect(catalog).toHaveLength(sandbox.operations.length);
    const encrypt = catalog.find((c) => c.command === 'encrypt');
    expect(encrypt?.flags.map((f) => f.flag)).toEqual(
      expect.arrayContaining(['key-id', 'plaintext', 'encryption-context', 'grant-tokens', 'encryption-algorithm', 'dry-run']),
    );
  });

  it('suggests the closest name for a typo, and nothing for a far one', () => {
    expect(closest('encrpyt', ['encrypt', 'decrypt'])).toBe('encrypt');
    expect(closest('zzzzzzzz', ['encrypt', 'decrypt'])).toBeUndefined();
  });
});
