import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/engine/script-runner.js';

/** Runs an example script in JSON mode; returns `operation-or-verb: ok|ErrorCode` per command. */
function outcomes(file: string): string[] {
  const out: string[] = [];
  const source = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
  const run = runScript(source, { out: (t) => out.push(t), err: (t) => out.push(`stderr: ${t}`) }, { json: true, sandbox: { quotas: { enforce: false } } });
  expect(run.exitCode).toBe(0);
  return out.map((line) => {
    const r = JSON.parse(line) as { operation?: string; verb?: string; ok: boolean; error?: { code: string } };
    return `${r.operation ?? r.verb}: ${r.ok ? 'ok' : r.error?.code}`;
  });
}

describe('example scripts', () => {
  it('imported-key.kms: PendingImport, import, expiry on the clock, same material back, different material refused', () => {
    expect(outcomes('imported-key.kms')).toEqual([
      'CreateKey: ok',
      'Encrypt: KMSInvalidStateException',
      'keymaterial new: ok',
      'GetParametersForImport: ok',
      'keymaterial wrap: ok',
      'ImportKeyMaterial: ok',
      'Encrypt: ok',
      'clock advance: ok',
      'DescribeKey: ok',
      'Decrypt: KMSInvalidStateException',
      'GetParametersForImport: ok',
      'keymaterial wrap: ok',
      'ImportKeyMaterial: ok',
      'Decrypt: ok',
      'keymaterial new: ok',
      'GetParametersForImport: ok',
      'keymaterial wrap: ok',
      'ImportKeyMaterial: IncorrectKeyMaterialException',
    ]);
  });

  it('rotation.kms: every call succeeds, from automatic rotation to AWS managed keys', () => {
    const results = outcomes('rotation.kms');
    expect(results).toHaveLength(12);
    expect(results.every((r) => r.endsWith(': ok'))).toBe(true);
  });

  it('signing-and-hmac.kms: signatures, RSA encryption, HMAC tokens, the refusals AWS gives, a data key pair', () => {
    expect(outcomes('signing-and-hmac.kms')).toEqual([
      'CreateKey: ok',
      'Sign: ok',
      'Verify: ok',
      'Verify: KMSInvalidSignatureException',
      'GetPublicKey: ok',
      'Sign: InvalidKeyUsageException',
      'CreateKey: ok',
      'Encrypt: ok',
      'Decrypt: ok',
      'CreateKey: ok',
      'GenerateMac: ok',
      'VerifyMac: ok',
      'VerifyMac: KMSInvalidMacException',
      'EnableKeyRotation: UnsupportedOperationException',
      'CreateKey: ok',
      'GenerateDataKeyPairWithoutPlaintext: ok',
      'Decrypt: ok',
    ]);
  });

  it('multi-region-failover.kms: a replica decrypts while its primary Region is down; a single-Region key cannot', () => {
    expect(outcomes('multi-region-failover.kms')).toEqual([
      'CreateKey: ok',
      'ReplicateKey: ok',
      'clock advance: ok',
      'DescribeKey: ok',
      'Encrypt: ok',
      'Decrypt: ok',
      'CreateKey: ok',
      'Encrypt: ok',
      'hsm fail: ok',
      'Decrypt: ok',
      'hsm fail: ok',
      'Decrypt: KeyUnavailableException',
      'Decrypt: ok',
      'Decrypt: AccessDeniedException',
      'hsm recover: ok',
      'UpdatePrimaryRegion: ok',
      'clock advance: ok',
      'DescribeKey: ok',
    ]);
  });

  it('cross-region-snapshot.kms: the source Region\'s key is refused for a copy to eu-west-1, a key of eu-west-1 is used', () => {
    expect(outcomes('cross-region-snapshot.kms')).toEqual([
      'CreateKey: ok',
      'CreateKey: ok',
      'CreateAlias: ok',
      'CreateVolume: ok',
      'CreateSnapshot: ok',
      'CopySnapshot: InvalidParameterValue',
      'CopySnapshot: ok',
      'DescribeSnapshots: ok',
      'CreateVolume: ok',
    ]);
  });

  it('tour.kms runs every line', () => {
    expect(outcomes('tour.kms')).toHaveLength(11);
  });
});
