/**
 * The seed's cross-Region rule, from the console: an EBS snapshot in us-east-1 under key 1 must
 * be re-encrypted under key 2 to be copied to eu-west-1, and the audit trail shows where each key
 * was used.
 */
import { describe, expect, it } from 'vitest';
import { ConsoleSession, type ConsoleResult } from '../../../src/engine/console/console-session.js';
import { testSandbox } from '../../helpers/sim.js';

function outcome(result: ConsoleResult): { ok: boolean; code?: string; output?: Record<string, unknown> } {
  if (result.kind !== 'call') return expect.fail(`expected a call, got ${result.kind}`);
  return result.outcome.ok ? { ok: true, output: result.outcome.output as Record<string, unknown> } : { ok: false, code: result.outcome.error.code };
}

describe('cross-Region snapshot copy from the console', () => {
  it('refuses the source Region\'s key, copies under a key of the destination, and audits each key in its Region', () => {
    // Given key 1 in us-east-1, key 2 in eu-west-1 and an encrypted volume and snapshot under key 1
    const sandbox = testSandbox();
    const session = new ConsoleSession(sandbox);
    const run = (line: string) => outcome(session.execute(line));
    expect(run('key1 = kms create-key --description "key 1" --region us-east-1').ok).toBe(true);
    expect(run('key2 = kms create-key --description "key 2" --region eu-west-1').ok).toBe(true);
    const volume = run('vol = ec2 create-volume --availability-zone us-east-1a --size 8 --encrypted --kms-key-id $key1.KeyMetadata.KeyId --region us-east-1');
    const snapshot = run('snap = ec2 create-snapshot --volume-id $vol.VolumeId --region us-east-1');
    const [key1, key2] = ['key1', 'key2'].map((name) => (session.variables.get(name) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn);
    expect(volume.output?.['KmsKeyId']).toBe(key1);
    expect(snapshot.output?.['KmsKeyId']).toBe(key1);

    // When the snapshot is copied to eu-west-1 naming key 1, then key 2
    const refused = run('ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id $snap.SnapshotId --encrypted --kms-key-id $key1.KeyMetadata.Arn --region eu-west-1');
    const copied = run('copy = ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id $snap.SnapshotId --encrypted --kms-key-id $key2.KeyMetadata.KeyId --region eu-west-1');
    const described = run('ec2 describe-snapshots --snapshot-ids $copy.SnapshotId --region eu-west-1');

    // Then the first fails as AWS does and the second makes a copy under key 2
    expect(refused).toEqual({ ok: false, code: 'InvalidParameterValue' });
    expect(copied.ok).toBe(true);
    const copyId = String(copied.output?.['SnapshotId']);
    expect((described.output?.['Snapshots'] as Record<string, unknown>[])[0]).toMatchObject({ SnapshotId: copyId, Encrypted: true, KmsKeyId: key2 });

    // And the audit trail shows each key used only in its own Region, by EC2 on the admin's behalf
    const keyUses = sandbox.audit.items
      .filter((r) => r.eventSource === 'kms.amazonaws.com' && r.userIdentity.invokedBy === 'ec2.amazonaws.com')
      .map((r) => ({ event: r.eventName, region: r.awsRegion, key: r.resources?.[0]?.ARN, context: r.requestParameters?.['encryptionContext'] }));
    const volumeContext = { 'aws:ebs:id': volume.output?.['VolumeId'] };
    const copyContext = { 'aws:ebs:id': copyId };
    expect(keyUses).toEqual([
      { event: 'GenerateDataKeyWithoutPlaintext', region: 'us-east-1', key: key1, context: volumeContext },
      { event: 'Decrypt', region: 'us-east-1', key: key1, context: volumeContext },
      // The copy: the source's data key decrypted in us-east-1, the new one made in eu-west-1.
      { event: 'Decrypt', region: 'us-east-1', key: key1, context: volumeContext },
      { event: 'GenerateDataKeyWithoutPlaintext', region: 'eu-west-1', key: key2, context: copyContext },
      { event: 'Decrypt', region: 'eu-west-1', key: key2, context: copyContext },
    ]);
    const ec2Events = sandbox.audit.items.filter((r) => r.eventSource === 'ec2.amazonaws.com').map((r) => `${r.eventName} ${r.awsRegion} ${r.errorCode ?? 'ok'}`);
    expect(ec2Events).toEqual([
      'CreateVolume us-east-1 ok',
      'CreateSnapshot us-east-1 ok',
      'CopySnapshot eu-west-1 InvalidParameterValue',
      'CopySnapshot eu-west-1 ok',
      'DescribeSnapshots eu-west-1 ok',
    ]);
  });
});
